/**
 * Operations of the table the mock does not model yet. They answer 501 in the envelope, naming
 * the operation, rather than a 404 that would suggest the path does not exist upstream.
 */
import { Hono } from "hono";
import { operations, operationKeys, type Operation, type OperationKey } from "../../../contracts/operations.ts";
import type { MockEnv } from "../env.ts";
import { honoPath } from "../operation-route.ts";
import { sendEnvelope } from "../render-failure.ts";

export function notYetServedRoutes(served: ReadonlySet<OperationKey>): Hono<MockEnv> {
  const app = new Hono<MockEnv>();
  for (const key of operationKeys) {
    if (served.has(key)) continue;
    const operation: Operation = operations[key];
    for (const path of [operation.path, ...(operation.aliases ?? [])]) {
      app.on(operation.method.toUpperCase(), honoPath(path), (c) => {
        c.get("note").operation = key;
        return sendEnvelope(c, 501, { code: -1, message: `${operation.method.toUpperCase()} ${operation.path} (${key}) exists in the real API but is not modelled by this mock yet`, response: null });
      });
    }
  }
  return app;
}

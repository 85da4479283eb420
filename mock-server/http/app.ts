/**
 * The mock's Hono app: the journal around every request and the webhooks it owed sent after it,
 * the body limit, one sub-app per API resource, the control API, and the envelope for everything
 * that goes wrong.
 */
import { Hono } from "hono";
import { TrieRouter } from "hono/router/trie-router";
import { CONTROL_PREFIX } from "../../contracts/mock/control.ts";
import { operationKeys, type OperationKey } from "../../contracts/operations.ts";
import type { JournalRecord } from "../core/journal.ts";
import type { MockCore } from "../core/mock-core.ts";
import type { Pingbacks } from "../pingback/pingbacks.ts";
import type { MockEnv } from "./env.ts";
import { unmatchedRequest } from "./not-found.ts";
import type { RouteContext } from "./operation-route.ts";
import { checkoutRoutes } from "./checkout/checkout-routes.tsx";
import { renderFailure, tooLarge } from "./render-failure.ts";
import { codesRoutes } from "./routes/codes.ts";
import { contractDocsRoutes } from "./routes/contract-docs.ts";
import { controlRoutes } from "./routes/control.ts";
import { escrowsRoutes } from "./routes/escrows.ts";
import { paymentsRoutes } from "./routes/payments.ts";
import { receiptsRoutes } from "./routes/receipts.ts";
import { schedulesRoutes } from "./routes/schedules.ts";
import { subscribeRoutes } from "./routes/subscribe.ts";
import { usersRoutes } from "./routes/users.ts";
import { vbanksRoutes } from "./routes/vbanks.ts";

export interface AppOptions {
  checkResponses: boolean;
  /** Mount the control API; without it `/__mock/...` is a path like any other the real API lacks. */
  control: boolean;
  /** Told of each request as the journal records it (the CLI's line per request). */
  onRequest?: ((entry: Omit<JournalRecord, "id">) => void) | undefined;
}

export function createApp(
  core: MockCore,
  pingbacks: Pingbacks,
  { checkResponses, control, onRequest }: AppOptions,
): Hono<MockEnv> {
  // Not strict: clients in the wild leave a trailing slash on lookups (docs/domain.md §2).
  // The trie router, because Hono's default would first try its RegExp router, which refuses this
  // table (GET /payments/find/{merchant_uid} and /payments/{imp_uid}/balance both match
  // /payments/find/balance), and only then fall back to the trie: work thrown away on the first request.
  const app = new Hono<MockEnv>({ strict: false, router: new TrieRouter() });
  const context: RouteContext = { core, checkResponses, served: new Set<OperationKey>() };

  app.use(async (c, next) => {
    const started = performance.now();
    c.set("note", { operation: null, merchant: null, unknownFields: [] });
    c.set("messages", core.config.messages);
    await next();
    // What the request owed the merchant starts on its way; the answer does not wait for it.
    pingbacks.tick();
    const path = c.req.path;
    // Control calls are the test talking to the mock, not traffic; without the control API they are unknown paths and recorded.
    if (control && path.startsWith(`${CONTROL_PREFIX}/`)) return;
    const note = c.get("note");
    const outcome = c.get("outcome");
    const entry = {
      at: core.clock.now(),
      method: c.req.method,
      path,
      operation: note.operation,
      store_code: note.merchant?.config.store_code ?? null,
      status: c.res.status,
      code: outcome?.code ?? null,
      message: outcome?.message ?? null,
      explanation: outcome?.explanation ?? null,
      latency_ms: Math.round((performance.now() - started) * 1000) / 1000,
      unknown_fields: note.unknownFields,
    };
    core.journal.record(entry);
    onRequest?.(entry);
  });
  // The declared length is checked here and the actual one after reading (operation-route.ts).
  // hono/body-limit would do both, but it touches the raw Request, which makes @hono/node-server
  // build a full web Request for every call and skip its fast body read: a third of the throughput.
  app.use(async (c, next) => {
    if (Number(c.req.header("content-length") ?? 0) > core.config.body_limit_bytes)
      return renderFailure(c, tooLarge(core.config.body_limit_bytes));
    await next();
  });

  for (const routes of [
    usersRoutes,
    paymentsRoutes,
    subscribeRoutes,
    schedulesRoutes,
    vbanksRoutes,
    escrowsRoutes,
    receiptsRoutes,
    codesRoutes,
  ])
    app.route("/", routes(context));
  // The SDK stand-in and its checkout window stand in for PortOne's own, so they stay without the control API.
  app.route("/", checkoutRoutes(context));
  if (control) {
    app.route("/", controlRoutes(context, pingbacks));
    // The contracts as a document and a browsable reference, beside the control API and gone with it.
    app.route("/", contractDocsRoutes());
  }
  // Every operation of the table has its route; a missing one is a mock bug caught at start-up.
  const unserved = operationKeys.filter((key) => !context.served.has(key));
  if (unserved.length) throw new Error(`operations without a route: ${unserved.join(", ")}`);

  app.notFound((c) => renderFailure(c, unmatchedRequest(c.req.method, c.req.path, { control }), { explain: true }));
  app.onError((error, c) =>
    renderFailure(c, {
      kind: "serverError",
      explanation: `the mock failed unexpectedly (a bug; please report it): ${error.message}`,
    }),
  );
  return app;
}

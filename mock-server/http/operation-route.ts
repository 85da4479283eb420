/**
 * Serves one operation of the table: authenticate, decode, validate against the schema, call the
 * operation's use case in the core (which chooses the channel, applies its PG's rules, takes any
 * armed failure and changes the domain), then check the answer against the response schema and
 * wrap it in the envelope (answer.ts, shared with the control API). Routes are one-liners.
 */
import type { Context, Hono } from "hono";
import type { z } from "zod";
import { operations, type Operation, type OperationKey } from "../../contracts/operations.ts";
import { failure } from "../core/errors.ts";
import type { MockCore } from "../core/mock-core.ts";
import type { Deps } from "../core/deps.ts";
import type { MerchantState } from "../core/model.ts";
import { authenticate, tokenFromHeaders } from "../core/tokens.ts";
import { validateSchema, type Problem, type RequestParts } from "../pg/validate-request.ts";
import type { RealMessageKey } from "../../contracts/messages.ts";
import { problemText, servedByNoChannel, type UseCaseContext } from "../core/use-case.ts";
import type { MockEnv } from "./env.ts";
import { readBody, readQuery } from "./read-request.ts";
import { answer } from "./answer.ts";

type Table = typeof operations;
type Part<K extends OperationKey, P extends "params" | "query" | "body"> = Table[K] extends {
  [key in P]: infer S extends z.ZodType;
}
  ? z.output<S>
  : Record<string, never>;

export interface OperationInput<K extends OperationKey> {
  params: Part<K, "params">;
  query: Part<K, "query">;
  body: Part<K, "body">;
  /** The request as decoded, before schema defaults; what PG rules read. */
  sent: RequestParts;
  merchant: Authenticated<K, MerchantState>;
  deps: Deps;
  /** What a use case gets (core/use-case.ts); absent for the one operation without a token (getToken). */
  ctx: Authenticated<K, UseCaseContext>;
}

type Authenticated<K extends OperationKey, T> = Table[K]["auth"] extends true ? T : undefined;

/**
 * How a route serves its operation. `useCase`: a core function that does the channel choice, the PG
 * rules and the armed failure itself (core/use-cases/). `handle`: a plain domain call no channel
 * serves (lookups, bookkeeping), which the core's `servedByNoChannel` runs after the armed failure.
 */
export type OperationRoute<K extends OperationKey> =
  { useCase: (input: OperationInput<K>) => unknown } | { handle: (input: OperationInput<K>) => unknown };

export interface RouteContext {
  core: MockCore;
  /** Check every answer against the operation's response schema (a mock bug becomes a 500, not a silent drift). */
  checkResponses: boolean;
  /** Filled as operations are served, so the app can check that none is left without a route. */
  served: Set<OperationKey>;
}

/** `/payments/{imp_uid}` → `/payments/:imp_uid`. */
export const honoPath = (template: string) => template.replace(/\{(\w+)\}/g, ":$1");

/** `serve(key, route)` for one resource's sub-app. */
export function operationServer(app: Hono<MockEnv>, context: RouteContext) {
  return <K extends OperationKey>(key: K, route: OperationRoute<K>) => serveOperation(app, context, key, route);
}

function serveOperation<K extends OperationKey>(
  app: Hono<MockEnv>,
  { core, checkResponses, served }: RouteContext,
  key: K,
  route: OperationRoute<K>,
): void {
  const operation: Operation = operations[key];
  served.add(key);
  const handler = (c: Context<MockEnv>) =>
    answer(c, operation.response, checkResponses, async () => {
      const note = c.get("note");
      note.operation = key;
      core.catchUp();
      const deps = core.deps();
      const authorization = operation.auth ? c.req.header("authorization") : undefined;
      const merchant = operation.auth
        ? authenticate(
            core.store,
            // The legacy header only counts without Authorization, so it is only read then.
            tokenFromHeaders(authorization, authorization === undefined ? c.req.header("x-imptokenheader") : undefined),
            deps.now,
          )
        : undefined;
      note.merchant = merchant ?? null;
      const sent = await decodeParts(c, operation, core.config.body_limit_bytes, note.unknownFields);
      const validated = validateSchema(key, sent);
      if (!validated.ok)
        throw failure("invalidRequest", problemText(validated.problems), realTextFor(operation, validated.problems));
      const ctx: UseCaseContext | undefined = merchant && core.contextFor(deps, merchant, key, sent);
      const input = { ...validated.value, sent, merchant, deps, ctx } as OperationInput<K>;
      if ("useCase" in route) {
        const reply = route.useCase(input);
        // Every use case asks for the armed failure once (core/use-case.ts); one that forgot is a mock bug.
        if (ctx && !ctx.armedAsked)
          throw failure(
            "serverError",
            `the ${key} use case never asked for its armed failure (a bug; please report it)`,
          );
        return reply;
      }
      return ctx ? servedByNoChannel(ctx, () => route.handle(input)) : route.handle(input);
    });
  for (const path of [operation.path, ...(operation.aliases ?? [])])
    app.on(operation.method.toUpperCase(), honoPath(path), handler);
}

/** The real service's text for the first problem whose field the operation names one for. */
function realTextFor(operation: Operation, problems: readonly Problem[]): RealMessageKey | undefined {
  for (const { field } of problems) {
    const key = field === undefined ? undefined : operation.invalidInput?.[field];
    if (key) return key;
  }
  return undefined;
}

async function decodeParts(
  c: Context<MockEnv>,
  operation: Operation,
  bodyLimit: number,
  unknownFields: string[],
): Promise<RequestParts> {
  const query = readQuery(c, operation.query, unknownFields);
  const body = operation.body ? await readBody(c, operation.body, bodyLimit, unknownFields) : {};
  return { params: c.req.param() as Record<string, string>, query, body };
}

/**
 * Serves one operation of the table: authenticate, decode, validate against the schema, resolve
 * the channel and apply its PG's rules, take any armed failure, call the domain, check the answer
 * against the response schema and wrap it in the envelope (answer.ts, shared with the control API).
 * Handlers stay one-liners over the core.
 */
import type { Context, Hono } from "hono";
import type { z } from "zod";
import { operations, type Operation, type OperationKey } from "../../contracts/operations.ts";
import type { ArmedOutcome } from "../core/armed-failures.ts";
import { failure } from "../core/errors.ts";
import type { MockCore } from "../core/mock-core.ts";
import type { Deps } from "../core/deps.ts";
import type { Channel, MerchantState } from "../core/model.ts";
import { authenticate, tokenFromHeaders } from "../core/tokens.ts";
import type { RuleContext } from "../pg/check-rules.ts";
import { pgRuleProblems, validateSchema, type Problem, type RequestParts } from "../pg/validate-request.ts";
import type { MockEnv } from "./env.ts";
import { readBody, readQuery } from "./read-request.ts";
import { answer } from "./answer.ts";

type Table = typeof operations;
type Part<K extends OperationKey, P extends "params" | "query" | "body"> = Table[K] extends { [key in P]: infer S extends z.ZodType }
  ? z.output<S>
  : Record<string, never>;

export interface OperationInput<K extends OperationKey> {
  params: Part<K, "params">;
  query: Part<K, "query">;
  body: Part<K, "body">;
  /** The request as decoded, before schema defaults; what PG rules read. */
  sent: RequestParts;
  merchant: Table[K]["auth"] extends true ? MerchantState : undefined;
  deps: Deps;
  /** An armed failure, passed only to routes that say they handle one. */
  armed?: ArmedOutcome | undefined;
}

/** Who serves the request and what the PG rules need to know, found before the rules run. */
export interface Target {
  channel: Channel;
  /** Channels whose PG rules must all pass, when the request could go to any of them (a super billing key's schedule); `[channel]` by default. */
  ruleChannels?: Channel[];
  context?: RuleContext;
  /** Called once the domain has served the request: a smart-routing pick counts only then. */
  onServed?: () => void;
}

export interface OperationRoute<K extends OperationKey, T extends Target | undefined> {
  target?: (input: OperationInput<K>) => T;
  /** Whether `handle` turns an armed `decline` into the operation's own failure. */
  handlesArmed?: boolean;
  handle: (input: OperationInput<K>, target: T) => unknown;
}

export interface RouteContext {
  core: MockCore;
  /** Check every answer against the operation's response schema (a mock bug becomes a 500, not a silent drift). */
  checkResponses: boolean;
  /** Filled as operations are served, so the app can check that none is left without a route. */
  served: Set<OperationKey>;
}

/** `/payments/{imp_uid}` → `/payments/:imp_uid`. */
export const honoPath = (template: string) => template.replace(/\{(\w+)\}/g, ":$1");

const problemText = (problems: Problem[]) => [...new Set(problems.map((p) => p.message))].join("; ");

/** `serve(key, route)` for one resource's sub-app. */
export function operationServer(app: Hono<MockEnv>, context: RouteContext) {
  return <K extends OperationKey, T extends Target | undefined = undefined>(key: K, route: OperationRoute<K, T>) =>
    serveOperation(app, context, key, route);
}

function serveOperation<K extends OperationKey, T extends Target | undefined>(
  app: Hono<MockEnv>,
  { core, checkResponses, served }: RouteContext,
  key: K,
  route: OperationRoute<K, T>,
): void {
  const operation: Operation = operations[key];
  served.add(key);
  const handler = (c: Context<MockEnv>) =>
    answer(c, operation.response, checkResponses, async () => {
      const note = c.get("note");
      note.operation = key;
      core.catchUp();
      const deps = core.deps();
      const merchant = operation.auth ? authenticate(core.store, tokenFromHeaders(c.req.header("authorization"), c.req.header("x-imptokenheader")), deps.now) : undefined;
      note.merchant = merchant ?? null;
      const sent = await decodeParts(c, operation, core.config.body_limit_bytes, note.unknownFields);
      const validated = validateSchema(key, sent);
      if (!validated.ok) throw failure("invalidRequest", problemText(validated.problems));
      const input = { ...validated.value, sent, merchant, deps } as OperationInput<K>;
      const target = route.target?.(input) as T;
      if (target) {
        const problems = (target.ruleChannels ?? [target.channel]).flatMap((channel) => pgRuleProblems(key, sent, channel.pg_provider, target.context));
        const unsupported = problems.find((p) => p.rule === "unsupported");
        if (unsupported && operation.unsupportedPgStatus === 501) throw failure("notSupported", unsupported.message);
        if (problems.length) throw failure("invalidRequest", problemText(problems));
      }
      // A request that may go to several channels (a super key's schedule) takes only failures armed on the operation.
      const armedChannel = target && (target.ruleChannels?.length ?? 1) === 1 ? target.channel : undefined;
      if (merchant) input.armed = takeArmed(core, merchant, key, armedChannel, route.handlesArmed ?? false);
      const reply = route.handle(input, target);
      target?.onServed?.();
      return reply;
    });
  for (const path of [operation.path, ...(operation.aliases ?? [])]) app.on(operation.method.toUpperCase(), honoPath(path), handler);
}

async function decodeParts(c: Context<MockEnv>, operation: Operation, bodyLimit: number, unknownFields: string[]): Promise<RequestParts> {
  const query = readQuery(c, operation.query, unknownFields);
  const body = operation.body ? await readBody(c, operation.body, bodyLimit, unknownFields) : {};
  return { params: c.req.param() as Record<string, string>, query, body };
}

function takeArmed(core: MockCore, merchant: MerchantState, key: OperationKey, channel: Channel | undefined, handlesArmed: boolean): ArmedOutcome | undefined {
  const armed = core.failures.take(merchant.config.store_code, key, channel?.channel_key);
  if (!armed) return undefined;
  const why = armed.message ?? `armed through the mock's control API (${armed.id})`;
  if (armed.outcome === "serverError") throw failure("serverError", `PortOne failed: ${why}`);
  if (handlesArmed) return armed.outcome;
  if (armed.outcome === "pgError") throw failure("pgError", `PG communication failed: ${why}`);
  throw failure("rejected", `the request was refused: ${why}`);
}

/**
 * What every use case gets, and the steps every one served by a channel takes in the same order:
 * the channel's PG rules (all problems named), then the failure armed for it (asked once, through
 * armed-failure-policy.ts), then the domain change. A use case is one core function per operation
 * family (use-cases/); the HTTP routes only decode, call it and wrap its answer.
 */
import { operations, type Operation, type OperationKey } from "../../contracts/operations.ts";
import type { RuleContext } from "../pg/check-rules.ts";
import { pgRuleProblems, type Problem, type RequestParts } from "../pg/validate-request.ts";
import { takeArmedFailure, type PgOutcome } from "./armed-failure-policy.ts";
import type { ArmedFailures } from "./armed-failures.ts";
import type { Deps } from "./deps.ts";
import { failure } from "./errors.ts";
import type { Channel, MerchantState, PaymentRecord } from "./model.ts";
import { paymentAndChannel } from "./payments/lookups.ts";

export interface UseCaseContext {
  deps: Deps;
  merchant: MerchantState;
  /** The operation being served: its PG rules and the failures armed on it apply. */
  operation: OperationKey;
  /** The request as decoded, before schema defaults: what PG rules read. */
  sent: RequestParts;
  failures: ArmedFailures;
  /** Set once the use case has asked for the armed failure: the HTTP wrapper holds every use case to it. */
  armedAsked: boolean;
}

/** Who serves a request and what its PG rules need to know. */
interface Serving {
  channel: Channel;
  /** Every channel the request could go to, whose rules must all pass (a super billing key's schedule); `[channel]` by default. */
  ruleChannels?: Channel[] | undefined;
  context?: RuleContext | undefined;
}

/** The same refusal text wherever request problems are listed: each message once, in order. */
export const problemText = (problems: Problem[]) => [...new Set(problems.map((p) => p.message))].join("; ");

/**
 * The PG rules of every channel that may serve the request. An operation the PG does not offer is
 * 501 where the official document says so (the table's `unsupportedPgStatus`), else 400.
 */
function requirePgRules(ctx: UseCaseContext, channels: Channel[], context?: RuleContext): void {
  const problems = channels.flatMap((channel) => pgRuleProblems(ctx.operation, ctx.sent, channel.pg_provider, context));
  const operation: Operation = operations[ctx.operation];
  const unsupported = problems.find((p) => p.rule === "unsupported");
  if (unsupported && operation.unsupportedPgStatus === 501) throw failure("notSupported", unsupported.message);
  if (problems.length) throw failure("invalidRequest", problemText(problems));
}

/**
 * A request served by a channel: its PG rules, then the armed failure, then `act`. With
 * `answersArmed`, `act` gets a PG's armed decline or failure to answer its own way (a payment
 * recorded as failed); otherwise the policy answers it. A request that could go to several
 * channels takes only failures armed on the operation.
 */
export function servedBy<R>(
  ctx: UseCaseContext,
  serving: Serving,
  act: (armed: PgOutcome | undefined) => R,
  options: ArmedAnswer = {},
): R {
  const channels = serving.ruleChannels ?? [serving.channel];
  requirePgRules(ctx, channels, serving.context);
  const single = channels.length === 1 ? serving.channel : undefined;
  return act(askArmed(ctx, single, options));
}

/** `answersArmed: true`: the use case answers a PG's armed decline or failure its own way. */
export interface ArmedAnswer {
  answersArmed?: boolean;
}

/** A request no one channel serves (lookups, bookkeeping, a super billing key asking every member): the armed failure, then `act`. */
export function servedByNoChannel<R>(
  ctx: UseCaseContext,
  act: (armed: PgOutcome | undefined) => R,
  options: ArmedAnswer = {},
): R {
  return act(askArmed(ctx, undefined, options));
}

/** A request about one payment: served by the channel that took it, under that PG's rules. */
export function servedByPaymentsChannel<R>(
  ctx: UseCaseContext,
  imp_uid: string,
  act: (payment: PaymentRecord, channel: Channel) => R,
): R {
  const { payment, channel } = paymentAndChannel(ctx.merchant, imp_uid);
  return servedBy(ctx, { channel }, () => act(payment, channel));
}

function askArmed(ctx: UseCaseContext, channel: Channel | undefined, options: ArmedAnswer): PgOutcome | undefined {
  ctx.armedAsked = true;
  return takeArmedFailure(ctx.failures, ctx.merchant, ctx.operation, channel, options.answersArmed ?? false);
}

/**
 * What a failure armed through the control API does to a request: the one place that reads armed
 * failures and decides. A use case asks once. `serverError` is PortOne itself failing (HTTP 500)
 * before anything happens. `decline` and `pgError` are the PG's: a use case that has its own way
 * to answer them (a payment recorded as failed, a refusal naming what was refused) takes the
 * outcome; for any other they are the operation's refusal (code 1) or a PG failure (code -1).
 *
 * Asked once per use case (core/use-case.ts `servedBy`), with two requests that touch more than
 * one PG call: a super billing key's issue asks per member channel (and fails whole when PortOne is
 * down for any), and a schedule's run (also on retry) asks as `again` does, besides the operation.
 */
import type { OperationKey } from "../../contracts/operations.ts";
import type { CardAnswer } from "../pg/simulate-card.ts";
import type { ArmedFailure, ArmedFailures, ArmedOutcome } from "./armed-failures.ts";
import { failure, type RealText } from "./errors.ts";
import type { Channel, MerchantState } from "./model.ts";

/** What the PG does when a use case answers an armed failure its own way, and the text it was armed with. */
export interface PgOutcome {
  outcome: Exclude<ArmedOutcome, "serverError">;
  message: string | null;
}

const why = (armed: ArmedFailure) => armed.message ?? `armed through the mock's control API (${armed.id})`;
const pgOutcome = (armed: ArmedFailure): PgOutcome => ({
  outcome: armed.outcome as PgOutcome["outcome"],
  message: armed.message,
});
/** An armed failure's text is what the service says (the point of arming one: see how the shop shows it). */
const saidAs = (message: string | null | undefined): RealText | undefined =>
  message === null || message === undefined ? undefined : { literal: message };

/** What a PG's card answer says, where a failure was armed with a text. */
export const saidByPg = (answer: { said?: string }) => saidAs(answer.said);

/**
 * The failure armed on the operation or on the serving channel, counted down. A request that may go
 * to several channels passes none and takes only what is armed on the operation.
 */
export function takeArmedFailure(
  failures: ArmedFailures,
  merchant: MerchantState,
  operation: OperationKey,
  channel: Channel | undefined,
  answersItself: boolean,
): PgOutcome | undefined {
  const armed = failures.take(merchant.config.store_code, operation, channel?.channel_key);
  if (!armed) return undefined;
  const says = saidAs(armed.message);
  if (armed.outcome === "serverError") throw failure("serverError", `PortOne failed: ${why(armed)}`, says);
  if (answersItself) return pgOutcome(armed);
  if (armed.outcome === "pgError") throw failure("pgError", `PG communication failed: ${why(armed)}`, says);
  throw failure("rejected", `the request was refused: ${why(armed)}`, says);
}

/**
 * A scheduled payment's run: PortOne calls the PG as `again` does, so failures armed on `again` or on
 * the key's channel apply; PortOne failing makes the run fail (no payment), as a PG failure does.
 */
export function takeArmedFailureForRun(
  failures: ArmedFailures,
  merchant: MerchantState,
  channel: Channel,
): PgOutcome | undefined {
  const armed = failures.take(merchant.config.store_code, "again", channel.channel_key);
  if (!armed) return undefined;
  if (armed.outcome === "serverError")
    throw failure(
      "pgError",
      "PortOne failed while running the schedule (armed through the mock's control API)",
      saidAs(armed.message),
    );
  return pgOutcome(armed);
}

/** One channel among several a request asks (a super billing key's issue): what is armed on that channel alone. */
export function takeArmedOnChannel(
  failures: ArmedFailures,
  merchant: MerchantState,
  channel: Channel,
): PgOutcome | undefined {
  const armed = failures.takeOnChannel(merchant.config.store_code, channel.channel_key);
  return armed && pgOutcome(armed);
}

/**
 * PortOne failing on any channel a request would ask fails the whole request before any PG is
 * asked, so no other armed failure is used up.
 */
export function failIfPortOneDown(
  failures: ArmedFailures,
  merchant: MerchantState,
  asked: Channel[],
  doing: (channel: Channel) => string,
): void {
  const store = merchant.config.store_code;
  const down = asked.find((channel) => failures.peekOnChannel(store, channel.channel_key)?.outcome === "serverError");
  if (!down) return;
  const armed = failures.takeOnChannel(store, down.channel_key);
  throw failure(
    "serverError",
    `PortOne failed while ${doing(down)} (armed through the mock's control API)`,
    saidAs(armed?.message),
  );
}

/**
 * The PG's answer to an operation that makes no payment: a refusal naming what was refused (`to
 * cancel imp_…`), or a PG failure naming what it was doing (`cancelling imp_…`).
 */
export function refuseIfArmed(armed: PgOutcome | undefined, what: { refused: string; doing: string }): void {
  const says = saidAs(armed?.message);
  if (armed?.outcome === "pgError")
    throw failure(
      "pgError",
      `PG communication failed while ${what.doing} (armed through the mock's control API)`,
      says,
    );
  if (armed?.outcome === "decline")
    throw failure("rejected", `the PG refused ${what.refused} (armed through the mock's control API)`, says);
}

/**
 * A payment's answer to an armed decline or PG failure: recorded as failed (its fail_reason is the
 * armed text, as a PG's reason is), or no payment at all.
 */
export function cardAnswerFor(armed: PgOutcome | undefined): CardAnswer | undefined {
  if (armed?.outcome === "decline") {
    const reason = armed.message ?? "[9999] declined by a failure armed through the mock's control API";
    return { kind: "decline", reason, card: null };
  }
  if (armed?.outcome === "pgError") {
    const reason = "PG communication failed (armed through the mock's control API)";
    return { kind: "pgError", reason, ...(armed.message === null ? {} : { said: armed.message }) };
  }
  return undefined;
}

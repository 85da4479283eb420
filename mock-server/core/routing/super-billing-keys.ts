/**
 * Super billing keys: billing-key issue naming a group asks every enabled channel of the group
 * for a key to the same card, and one customer_uid stands for all the keys that were issued.
 * A channel whose PG is not routed billing keys (Smartro v2 in V1, or any PG off PortOne's list),
 * whose PG rules refuse the request, or whose PG declines, is listed with its reason.
 */
import type { z } from "zod";
import type { FailedChannelAnnotation, SucceededChannelAnnotation } from "../../../contracts/schemas/subscribe.ts";
import { failIfPortOneDown, refuseIfArmed, takeArmedOnChannel, type PgOutcome } from "../armed-failure-policy.ts";
import type { ArmedFailures } from "../armed-failures.ts";
import { acceptCard, customerOf, insertedAt, ISSUING_A_KEY, type CustomerFields } from "../billing-keys.ts";
import { failure, MockError } from "../errors.ts";
import type { Deps } from "../deps.ts";
import type { BillingKeyRecord, Channel, MerchantState } from "../model.ts";
import { pgRuleProblems, type RequestParts } from "../../pg/validate-request.ts";
import { routingRefusal } from "./capabilities.ts";
import { groupOf } from "./groups.ts";

type Succeeded = z.output<typeof SucceededChannelAnnotation>;
type Failed = z.output<typeof FailedChannelAnnotation>;

export interface SuperKeyRequest extends CustomerFields {
  customer_uid: string;
  groupId: string;
  card_number: string;
  expiry?: string | undefined;
  /** The request as sent, for each PG's rules. */
  sent: RequestParts;
  /** A failure armed on the operation, which fails the whole request. */
  armed?: PgOutcome | undefined;
}

const refusal = (channel: Channel, type: Failed["type"], message: string): Failed => ({
  type,
  message,
  pg_provider: channel.pg_provider,
  pg_id: channel.pg_id,
});

/** Why the channel is not even asked: PortOne does not route API billing keys to its PG, or its PG's rules refuse the request. */
function notAsked(channel: Channel, request: SuperKeyRequest): Failed | null {
  const notRouted = routingRefusal(channel, "billingKey", "card");
  if (notRouted) return refusal(channel, "INVALID_REQUEST", notRouted);
  const problems = pgRuleProblems("customer_save", request.sent, channel.pg_provider);
  return problems.length ? refusal(channel, "INVALID_REQUEST", problems.map((p) => p.message).join("; ")) : null;
}

/** The channel's PG answers: the key's card details, or why it issued none. */
function askPg(
  deps: Deps,
  merchant: MerchantState,
  failures: ArmedFailures,
  channel: Channel,
  request: SuperKeyRequest,
): Succeeded | Failed {
  const armed = takeArmedOnChannel(failures, merchant, channel);
  try {
    const card = acceptCard(deps.now, { channel, card_number: request.card_number, expiry: request.expiry, armed });
    return { pg_provider: channel.pg_provider, pg_id: channel.pg_id, ...card, inserted: deps.now, updated: deps.now };
  } catch (error) {
    if (error instanceof MockError)
      return refusal(
        channel,
        error.failure.kind === "invalidRequest" ? "INVALID_REQUEST" : "PG_PROVIDER",
        error.message,
      );
    throw error;
  }
}

/** Issues (or replaces) a super billing key; when no channel issues one, nothing is stored. */
export function issueSuperBillingKey(
  deps: Deps,
  merchant: MerchantState,
  failures: ArmedFailures,
  request: SuperKeyRequest,
): BillingKeyRecord {
  refuseIfArmed(request.armed, ISSUING_A_KEY);
  const group = groupOf(merchant, request.groupId);
  const asked = group.members.filter((m) => m.enabled && m.channel.enabled).map((m) => m.channel);
  if (asked.length === 0)
    throw failure("rejected", `group ${group.id} has no enabled channel to issue a billing key on`);
  const skipped = new Map(asked.map((channel) => [channel, notAsked(channel, request)]));
  failIfPortOneDown(
    failures,
    merchant,
    asked.filter((channel) => !skipped.get(channel)),
    (channel) => `asking channel ${channel.channel_key} for a billing key`,
  );
  const answers = asked.map((channel) => ({
    channel,
    answer: skipped.get(channel) ?? askPg(deps, merchant, failures, channel, request),
  }));
  const succeededChannels = answers.flatMap(({ answer }) => ("type" in answer ? [] : [answer]));
  const failedChannels = answers.flatMap(({ answer }) => ("type" in answer ? [answer] : []));
  const holders = answers.filter(({ answer }) => !("type" in answer)).map(({ channel }) => channel.channel_key);
  if (holders.length === 0) {
    const reasons = answers.map(
      ({ channel, answer }) => `${channel.channel_key} (${channel.pg_provider}): ${(answer as Failed).message}`,
    );
    throw failure("rejected", `no channel of group ${group.id} issued a billing key: ${reasons.join("; ")}`);
  }
  const earlier = merchant.billingKeys.get(request.customer_uid);
  const inserted = earlier ? insertedAt(earlier) : deps.now;
  const record: BillingKeyRecord = {
    channelKeys: holders,
    groupId: group.id,
    cardNumber: request.card_number,
    view: {
      customer_uid: request.customer_uid,
      channelGroupId: group.id,
      ...customerOf(request),
      // Issuing again under the same customer_uid replaces every key and keeps the first date.
      succeededChannels: succeededChannels.map((s) => ({ ...s, inserted })),
      failedChannels,
    },
  };
  merchant.billingKeys.set(request.customer_uid, record);
  return record;
}

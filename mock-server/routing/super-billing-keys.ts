/**
 * Super billing keys: billing-key issue naming a group asks every enabled channel of the group
 * for a key to the same card, and one customer_uid stands for all the keys that were issued.
 * A channel whose PG is not routed billing keys (Smartro v2 in V1, or any PG off PortOne's list),
 * whose PG rules refuse the request, or whose PG declines, is listed with its reason.
 */
import type { z } from "zod";
import type { FailedChannelAnnotation, SucceededChannelAnnotation } from "../../contracts/schemas/subscribe.ts";
import type { ArmedFailures, ArmedOutcome } from "../core/armed-failures.ts";
import { acceptCard, insertedAt, refuseIfArmed, type CustomerFields } from "../core/billing-keys.ts";
import { failure, MockError } from "../core/errors.ts";
import type { Deps } from "../core/payments/record.ts";
import type { BillingKeyRecord, Channel, MerchantState } from "../core/store.ts";
import { pgRuleProblems, type RequestParts } from "../pg/validate-request.ts";
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
  armed?: ArmedOutcome | undefined;
}

/** One channel's answer: the key's card details, or why it issued none. */
function askChannel(deps: Deps, merchant: MerchantState, failures: ArmedFailures, channel: Channel, request: SuperKeyRequest): Succeeded | Failed {
  const refused = (type: Failed["type"], message: string): Failed => ({ type, message, pg_provider: channel.pg_provider, pg_id: channel.pg_id });
  const notRouted = routingRefusal(channel, "billingKey", "card");
  if (notRouted) return refused("INVALID_REQUEST", notRouted);
  const problems = pgRuleProblems("customer_save", request.sent, channel.pg_provider);
  if (problems.length) return refused("INVALID_REQUEST", problems.map((p) => p.message).join("; "));
  const armed = failures.takeOnChannel(merchant.config.store_code, channel.channel_key);
  if (armed?.outcome === "serverError") throw failure("serverError", `PortOne failed while asking channel ${channel.channel_key} for a billing key (armed through the mock's control API)`);
  try {
    const card = acceptCard(deps.now, { channel, card_number: request.card_number, expiry: request.expiry, armed: armed?.outcome });
    const { card_name, card_code, card_issuer_code, card_issuer_name, card_publisher_code, card_publisher_name, card_number, card_type } = card;
    return { pg_provider: channel.pg_provider, pg_id: channel.pg_id, card_name, card_code, card_issuer_code, card_issuer_name, card_publisher_code, card_publisher_name, card_number, card_type, inserted: deps.now, updated: deps.now };
  } catch (error) {
    if (error instanceof MockError) return refused(error.failure.kind === "invalidRequest" ? "INVALID_REQUEST" : "PG_PROVIDER", error.message);
    throw error;
  }
}

/** Issues (or replaces) a super billing key; when no channel issues one, nothing is stored. */
export function issueSuperBillingKey(deps: Deps, merchant: MerchantState, failures: ArmedFailures, request: SuperKeyRequest): BillingKeyRecord {
  refuseIfArmed(request.armed);
  const group = groupOf(merchant, request.groupId);
  const asked = group.members.filter((m) => m.enabled && m.channel.enabled).map((m) => m.channel);
  if (asked.length === 0) throw failure("rejected", `group ${group.id} has no enabled channel to issue a billing key on`);
  const succeededChannels: Succeeded[] = [];
  const failedChannels: Failed[] = [];
  const holders: string[] = [];
  for (const channel of asked) {
    const answer = askChannel(deps, merchant, failures, channel, request);
    if ("type" in answer) failedChannels.push(answer);
    else {
      succeededChannels.push(answer);
      holders.push(channel.channel_key);
    }
  }
  if (holders.length === 0) {
    const reasons = failedChannels.map((f, i) => `${asked[i]!.channel_key} (${f.pg_provider}): ${f.message}`);
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
      customer_id: request.customer_id ?? null,
      customer_name: request.customer_name ?? null,
      customer_tel: request.customer_tel ?? null,
      customer_email: request.customer_email ?? null,
      customer_addr: request.customer_addr ?? null,
      customer_postcode: request.customer_postcode ?? null,
      // Issuing again under the same customer_uid replaces every key and keeps the first date.
      succeededChannels: succeededChannels.map((s) => ({ ...s, inserted })),
      failedChannels,
    },
  };
  merchant.billingKeys.set(request.customer_uid, record);
  return record;
}

/**
 * Billing keys (customer_uid → a card stored at a PG channel). Issued through the API where the
 * PG allows it, or registered from the control API as if the buyer had issued it in the browser.
 */
import type { z } from "zod";
import type { IssueBillingKeyRequest } from "../../contracts/schemas/subscribe.ts";
import { refuseIfArmed, saidByPg, type PgOutcome } from "./armed-failure-policy.ts";
import { requirePayMethod } from "./channels.ts";
import { failure } from "./errors.ts";
import type { Deps } from "./deps.ts";
import { answerCard, describeCardNumber, type CardDetails } from "../pg/simulate-card.ts";
import type { BillingKeyRecord, Channel, MerchantState, PaymentRecord } from "./model.ts";

/** Who the key belongs to, as the contracts define it for billing-key issue. */
export type CustomerFields = Pick<
  z.output<typeof IssueBillingKeyRequest>,
  "customer_id" | "customer_name" | "customer_tel" | "customer_email" | "customer_addr" | "customer_postcode"
>;

export interface IssueInput extends CustomerFields {
  customer_uid: string;
  channel: Channel;
  card_number: string;
  expiry?: string | undefined;
  armed?: PgOutcome | undefined;
}

/** Who a key belongs to, as every key view shows it: null for what the request left out. */
export const customerOf = (input: CustomerFields) => ({
  customer_id: input.customer_id ?? null,
  customer_name: input.customer_name ?? null,
  customer_tel: input.customer_tel ?? null,
  customer_email: input.customer_email ?? null,
  customer_addr: input.customer_addr ?? null,
  customer_postcode: input.customer_postcode ?? null,
});

/** Stores (or replaces) the key; the caller has had the card accepted. */
export function saveBillingKey(
  deps: Deps,
  merchant: MerchantState,
  input: IssueInput,
  card: CardDetails,
): BillingKeyRecord {
  const earlier = merchant.billingKeys.get(input.customer_uid);
  const record: BillingKeyRecord = {
    channelKeys: [input.channel.channel_key],
    groupId: null,
    cardNumber: input.card_number,
    view: {
      customer_uid: input.customer_uid,
      pg_provider: input.channel.pg_provider,
      pg_id: input.channel.pg_id,
      sandbox: input.channel.mode === "test",
      ...card,
      ...customerOf(input),
      // Issuing again under the same customer_uid replaces the card and keeps the first date.
      inserted: earlier ? insertedAt(earlier) : deps.now,
      updated: deps.now,
    },
  };
  merchant.billingKeys.set(input.customer_uid, record);
  return record;
}

/** How an armed failure reads when it stops a billing key's issue. */
export const ISSUING_A_KEY = { refused: "to issue the billing key", doing: "issuing the billing key" };

/**
 * The channel's PG stores the card, or the card company refuses it (`cardRefused`: HTTP 200, code -1,
 * as the live API answers a key it could not issue), or the PG cannot be reached (`pgError`).
 */
export function acceptCard(
  now: number,
  input: Pick<IssueInput, "channel" | "card_number" | "expiry" | "armed">,
): CardDetails {
  requirePayMethod(input.channel, "card");
  refuseIfArmed(input.armed, ISSUING_A_KEY);
  const answer = answerCard(input.card_number, input.expiry, now);
  if (answer.kind === "pgError") throw failure("pgError", answer.reason, saidByPg(answer));
  if (answer.kind === "decline" || answer.kind === "notACard")
    throw failure("cardRefused", `billing key not issued: ${answer.reason}`, "billingKeyCardFailed");
  return answer.card;
}

/** Asks the channel's PG to store the card; a declined card issues no key (HTTP 200, code -1). */
export function issueBillingKey(deps: Deps, merchant: MerchantState, input: IssueInput): BillingKeyRecord {
  return saveBillingKey(deps, merchant, input, acceptCard(deps.now, input));
}

/** The browser (non-authenticated window) flow, which is how Smartro v2 keys come to exist. */
export function registerBrowserBillingKey(deps: Deps, merchant: MerchantState, input: IssueInput): BillingKeyRecord {
  // No outcome is applied here: a decline or PG-error test card shows its outcome when the key is used.
  const card = describeCardNumber(input.card_number);
  if (!card)
    throw failure(
      "invalidRequest",
      `card_number ${JSON.stringify(input.card_number)} is not a card number (13 to 19 digits)`,
    );
  return saveBillingKey(deps, merchant, input, card);
}

/** When the customer_uid was first issued (a super billing key keeps it on each channel's entry). */
export function insertedAt(record: BillingKeyRecord): number {
  return "inserted" in record.view ? record.view.inserted : (record.view.succeededChannels[0]?.inserted ?? 0);
}

export function billingKey(merchant: MerchantState, customer_uid: string): BillingKeyRecord {
  const record = merchant.billingKeys.get(customer_uid);
  if (!record)
    throw failure("notFound", `no billing key with customer_uid ${customer_uid} for this merchant`, {
      key: "billingKeyNotFound",
      params: { customer_uid },
    });
  return record;
}

export function deleteBillingKey(merchant: MerchantState, customer_uid: string): BillingKeyRecord {
  const record = billingKey(merchant, customer_uid);
  merchant.billingKeys.delete(customer_uid);
  return record;
}

export function billingKeys(merchant: MerchantState, customer_uids: string[]): BillingKeyRecord[] {
  if (customer_uids.length === 0) throw failure("invalidRequest", "customer_uid[] is required");
  const found = customer_uids.flatMap((uid) => merchant.billingKeys.get(uid) ?? []);
  if (found.length === 0)
    throw failure(
      "notFound",
      `none of customer_uid[] ${customer_uids.join(", ")} names a billing key of this merchant`,
    );
  return found;
}

/** Payments made with a key, newest first. The key may have been deleted since. */
export function paymentsWithKey(merchant: MerchantState, customer_uid: string): PaymentRecord[] {
  const records = [...merchant.payments.values()].filter((p) => p.view.customer_uid === customer_uid);
  if (records.length === 0 && !merchant.billingKeys.has(customer_uid))
    throw failure("notFound", `no billing key with customer_uid ${customer_uid} for this merchant`);
  return records.sort((a, b) => b.sequence - a.sequence);
}

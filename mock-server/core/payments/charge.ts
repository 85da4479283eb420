/**
 * Card payments made server to server: keyed (onetime) and with a billing key (again). The PG's
 * answer decides between a paid payment, a failed one (`code: 0`, `status: "failed"`) and no
 * payment at all (PG communication failure, `code: -1`).
 */
import type { z } from "zod";
import type { OnetimePaymentRequest } from "../../../contracts/schemas/subscribe.ts";
import { cardAnswerFor, saidByPg, type PgOutcome } from "../armed-failure-policy.ts";
import { requirePayMethod } from "../channels.ts";
import { failure } from "../errors.ts";
import { answerCard, pgTransactionId, type CardAnswer } from "../../pg/simulate-card.ts";
import type { Channel, MerchantState, PaymentRecord, PaymentView } from "../model.ts";
import { createPayment, defaultVat, receiptUrl, requireUnpaidOrder } from "./record.ts";
import type { Deps } from "../deps.ts";

/** What keyed (onetime) and billing-key (again) payments share, typed from the contracts. */
export type ChargeRequest = Pick<z.output<typeof OnetimePaymentRequest>, "merchant_uid" | "amount"> &
  Partial<
    Pick<
      z.output<typeof OnetimePaymentRequest>,
      | "currency"
      | "tax_free"
      | "vat_amount"
      | "vat"
      | "card_quota"
      | "name"
      | "buyer_name"
      | "buyer_email"
      | "buyer_tel"
      | "buyer_addr"
      | "buyer_postcode"
      | "custom_data"
    >
  >;

export interface ChargeInput {
  channel: Channel;
  request: ChargeRequest;
  cardNumber: string;
  expiry: string | undefined;
  customer_uid: string | null;
  customer_uid_usage: PaymentView["customer_uid_usage"];
  /** A failure armed from the control API, if one applies to this request. */
  armed?: PgOutcome | undefined;
  /** A failure already decided (e.g. the billing key could not be issued). */
  forcedDecline?: string | undefined;
  /** `product_count` where the request takes one (again, schedules); the PG's default otherwise. */
  productCount?: number | undefined;
}

/** The number of items, which again, schedules and vbanks take (Smartro v2's added parameter); the PG's default when left out. */
export function productCount(channel: Channel, requested: number | undefined, field = "product_count"): number {
  if (requested !== undefined && requested < 1)
    throw failure("invalidRequest", `${field} must be at least 1 (got ${requested})`);
  return requested ?? channel.behaviours.productCountDefault;
}

/** Amount, tax-free part and any pre-registered amount: what every new payment checks. */
export function checkAmounts(merchant: MerchantState, request: ChargeRequest): void {
  if (request.amount <= 0) throw failure("invalidRequest", `amount must be greater than 0 (got ${request.amount})`);
  const taxFree = request.tax_free ?? 0;
  if (taxFree < 0 || taxFree > request.amount)
    throw failure("invalidRequest", `tax_free ${taxFree} must be between 0 and amount ${request.amount}`);
  const prepared = merchant.prepared.get(request.merchant_uid);
  if (prepared && prepared.amount !== request.amount) {
    throw failure(
      "rejected",
      `amount ${request.amount} differs from the amount ${prepared.amount} pre-registered for merchant_uid ${JSON.stringify(request.merchant_uid)}`,
    );
  }
}

export function checkChargeable(merchant: MerchantState, request: ChargeRequest): void {
  checkAmounts(merchant, request);
  requireUnpaidOrder(merchant, request.merchant_uid);
}

export function chargeCard(deps: Deps, merchant: MerchantState, input: ChargeInput): PaymentRecord {
  const { channel, request } = input;
  requirePayMethod(channel, "card");
  checkChargeable(merchant, request);
  const items = productCount(channel, input.productCount);
  const answer: CardAnswer =
    cardAnswerFor(input.armed) ??
    (input.forcedDecline
      ? { kind: "decline", reason: input.forcedDecline, card: null }
      : answerCard(input.cardNumber, input.expiry, deps.now));
  if (answer.kind === "pgError") throw failure("pgError", answer.reason, saidByPg(answer));
  // The live API refuses a number that is no card before any payment exists (code -1, no response).
  if (answer.kind === "notACard") throw failure("cardRefused", answer.reason, "cardAuthFailed");

  const taxFree = request.tax_free ?? 0;
  const pg_tid = pgTransactionId(deps.random, channel.pg_provider);
  const record = createPayment(deps, merchant, {
    merchant_uid: request.merchant_uid,
    amount: request.amount,
    currency: request.currency ?? "KRW",
    pay_method: "card",
    channel,
    origin: "api",
    taxFree,
    vat: request.vat_amount ?? request.vat ?? defaultVat(request.amount, taxFree),
    order: request,
  });
  record.productCount = items;
  const view = record.view;
  view.pg_tid = pg_tid;
  view.card_quota = request.card_quota ?? 0;
  view.customer_uid = input.customer_uid;
  view.customer_uid_usage = input.customer_uid_usage;
  if (answer.card) Object.assign(view, answer.card);
  if (answer.kind === "approve") {
    view.status = "paid";
    view.paid_at = deps.now;
    view.apply_num = deps.random.digits(8);
    view.receipt_url = receiptUrl(channel.pg_provider, pg_tid);
  } else {
    view.status = "failed";
    view.failed_at = deps.now;
    view.fail_reason = answer.reason;
  }
  return record;
}

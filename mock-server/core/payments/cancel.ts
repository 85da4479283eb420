/**
 * Refunds (POST /payments/cancel): full or partial, checked against the cancelable balance, with
 * the tax-free and VAT parts of what is refunded tracked so a later full refund returns the rest.
 * Where the PG transfers a virtual account's refund later, the refund waits for its notice.
 */
import type { z } from "zod";
import type { PgNoticeRequest } from "../../../contracts/mock/webhooks.ts";
import type { CancelPaymentRequest } from "../../../contracts/schemas/payments.ts";
import { bankByCode } from "../../../contracts/reference-codes.ts";
import type { PaymentFacts } from "../../pg/check-rules.ts";
import { pgTransactionId } from "../../pg/simulate-card.ts";
import { refuseIfArmed, type PgOutcome } from "../armed-failure-policy.ts";
import { failure } from "../errors.ts";
import { followRefund, hasActiveReceipt } from "../receipts.ts";
import type { MerchantState, PaymentRecord, PendingRefund } from "../model.ts";
import { defaultVat, pendingRefundAmount, receiptUrl, refundedVat, taxFreeLeft } from "./record.ts";
import type { Deps } from "../deps.ts";
import { scheduleNotice } from "../notice-schedule.ts";
import { oweRefundWebhook } from "../webhook-queue.ts";

/** The refund as the contracts define it (POST /payments/cancel). */
export type CancelRequest = z.output<typeof CancelPaymentRequest>;

/** The payment a cancel names: imp_uid wins; merchant_uid alone means its latest paid payment. */
export function paymentToCancel(merchant: MerchantState, request: CancelRequest): PaymentRecord {
  if (request.imp_uid === undefined && request.merchant_uid === undefined)
    throw failure(
      "invalidRequest",
      "imp_uid or merchant_uid is required to name the payment to cancel",
      "cancelTargetMissing",
    );
  const record =
    request.imp_uid !== undefined
      ? merchant.payments.get(request.imp_uid)
      : merchant.paymentsByMerchantUid
          .get(request.merchant_uid!)
          ?.filter((p) => p.view.status === "paid")
          .at(-1);
  const named = request.imp_uid !== undefined ? `imp_uid ${request.imp_uid}` : `merchant_uid ${request.merchant_uid}`;
  // The real API answers an unknown payment on this call with HTTP 200 and code 1, not 404.
  if (!record)
    throw failure(
      "rejected",
      `no payment to cancel: ${named} has no paid payment for this merchant`,
      "nothingToCancel",
    );
  if (
    request.imp_uid !== undefined &&
    request.merchant_uid !== undefined &&
    record.view.merchant_uid !== request.merchant_uid
  ) {
    throw failure(
      "rejected",
      `imp_uid ${request.imp_uid} belongs to merchant_uid ${record.view.merchant_uid}, not ${request.merchant_uid}`,
    );
  }
  return record;
}

export function paymentFacts(record: PaymentRecord): PaymentFacts {
  return {
    pay_method: record.view.pay_method,
    amount: record.view.amount,
    // Refunds waiting for the PG's transfer are as good as made for the PG's rules.
    cancel_amount: record.view.cancel_amount + pendingRefundAmount(record),
    tax_free: taxFreeLeft(record),
  };
}

/** The fields a refund into the buyer's bank account needs (the official document: required to refund a virtual account). */
const REFUND_ACCOUNT_FIELDS = ["refund_holder", "refund_bank", "refund_account"] as const;

function checkRefundAccount(request: CancelRequest): void {
  for (const field of REFUND_ACCOUNT_FIELDS) {
    if (request[field] === undefined)
      throw failure(
        "invalidRequest",
        `${field} is required to refund a virtual-account payment: the money goes back by bank transfer`,
      );
  }
  if (!bankByCode.has(request.refund_bank!))
    throw failure(
      "invalidRequest",
      `refund_bank ${JSON.stringify(request.refund_bank)} is not a standard bank code (GET /banks lists them)`,
    );
}

/**
 * Where a cancel comes from: the API (a webhook only with enable_webhook) or PortOne's console,
 * which the control API stands in for (always a webhook, docs/domain.md §5).
 */
export type CancelSource = "api" | "console";

export function cancelPayment(
  deps: Deps,
  merchant: MerchantState,
  record: PaymentRecord,
  request: CancelRequest,
  armed?: PgOutcome,
  source: CancelSource = "api",
): PaymentRecord {
  const view = record.view;
  if (view.status === "failed")
    throw failure("rejected", `${view.imp_uid} failed and was never paid; there is nothing to cancel`);
  if (view.status === "cancelled")
    throw failure("rejected", `${view.imp_uid} is already fully cancelled`, "alreadyCancelled");
  if (view.status === "ready")
    throw failure(
      "rejected",
      `${view.imp_uid} is an unpaid virtual account; revoke it with DELETE /vbanks/{imp_uid} instead`,
    );
  const isVbank = view.pay_method === "vbank";
  if (isVbank) checkRefundAccount(request);

  const pending = pendingRefundAmount(record);
  const cancelable = view.amount - view.cancel_amount - pending;
  const awaiting = pending ? ` (${pending} more awaits the PG's refund transfer)` : "";
  const amount = request.amount ?? cancelable;
  if (pending && cancelable === 0)
    throw failure("rejected", `${view.imp_uid} has nothing left to cancel: the rest${awaiting}`);
  if (amount <= 0) throw failure("invalidRequest", `amount must be greater than 0 (got ${amount})`);
  if (request.checksum !== undefined && request.checksum !== cancelable) {
    throw failure(
      "rejected",
      `checksum ${request.checksum} does not match the cancelable balance ${cancelable} of ${view.imp_uid}${awaiting}; the payment changed since it was read`,
    );
  }
  if (amount > cancelable)
    throw failure(
      "rejected",
      `amount ${amount} exceeds the cancelable balance ${cancelable} of ${view.imp_uid}${awaiting}`,
    );

  const full = amount === cancelable;
  const taxFreeBalance = taxFreeLeft(record);
  // Never below 0, for the same reason as the tax-free part.
  const vatLeft = Math.max(0, record.vat - refundedVat(record));
  const channel = merchant.channels.get(record.channelKey);
  const taxFree = request.tax_free ?? (full ? taxFreeBalance : 0);
  // Smartro v2 takes tax_free on trust for a virtual account without a cash receipt (seed 000): what is sent is recorded.
  const trusted =
    isVbank &&
    channel?.behaviours.cancelTaxFreeCheck === "exceptVbankWithoutReceipt" &&
    !hasActiveReceipt(merchant, view.imp_uid);
  if (taxFree < 0 || taxFree > amount || (!trusted && taxFree > taxFreeBalance)) {
    throw failure(
      "rejected",
      `tax_free ${taxFree} exceeds the tax-free balance ${taxFreeBalance} (or the amount ${amount}) of ${view.imp_uid}`,
    );
  }
  const vat = request.vat_amount ?? (full ? vatLeft : Math.min(vatLeft, Math.round((amount - taxFree) / 11)));
  if (vat < 0 || vat > vatLeft)
    throw failure("rejected", `vat_amount ${vat} exceeds the VAT balance ${vatLeft} of ${view.imp_uid}`);

  if (!full && view.card_type === 1 && view.sandbox && channel && !channel.behaviours.testMode.checkCardPartialCancel) {
    throw failure(
      "rejected",
      `${view.pg_provider} test mode cannot partially cancel a check card payment; cancel the full ${cancelable}`,
    );
  }
  refuseIfArmed(armed, { refused: `to cancel ${view.imp_uid}`, doing: `cancelling ${view.imp_uid}` });

  const refund: PendingRefund = {
    cancellation_id: deps.random.hex(24),
    amount,
    taxFree,
    vat,
    reason: request.reason ?? "",
    requestedAt: deps.now,
    account: {
      bank: request.refund_bank ?? null,
      number: request.refund_account ?? null,
      holder: request.refund_holder ?? null,
      tel: request.refund_tel ?? null,
    },
  };
  record.updatedAt = deps.now;
  // The PG accepts the request and transfers the money later; the payment shows nothing until then
  // (decision 005), and the webhook goes out with the PG's refund-transfer notice.
  if (isVbank && channel?.behaviours.vbankRefund === "onRefundNotice") {
    record.pendingRefunds.push(refund);
    scheduleNotice(deps, merchant, channel, {
      kind: "refund_transfer",
      imp_uid: view.imp_uid,
      cancellation_id: refund.cancellation_id,
    });
    return record;
  }
  applyRefund(deps, merchant, record, refund);
  // Through the API only on request, and only for a payment that used webhooks (docs/domain.md §5): in
  // the mock every payment that can be cancelled was paid, and every payment owes a webhook when paid.
  if (source === "console") oweRefundWebhook(deps, merchant, record, "console_cancel", refund.cancellation_id);
  else if (request.enable_webhook === true) oweRefundWebhook(deps, merchant, record, "cancel", refund.cancellation_id);
  return record;
}

/** The refund shows on the payment: a cancel_history entry, the cancelled amount, and `cancelled` once nothing is left. */
function applyRefund(deps: Deps, merchant: MerchantState, record: PaymentRecord, refund: PendingRefund): void {
  const view = record.view;
  const pg_tid = view.pg_tid ?? pgTransactionId(deps.random, view.pg_provider ?? "pg");
  const url = receiptUrl(view.pg_provider ?? "pg", `${pg_tid}-${refund.cancellation_id.slice(0, 6)}`);
  view.cancel_history = [
    ...(view.cancel_history ?? []),
    {
      pg_tid,
      amount: refund.amount,
      cancelled_at: deps.now,
      reason: refund.reason,
      cancellation_id: refund.cancellation_id,
      receipt_url: url,
    },
  ];
  view.cancel_receipt_urls = [...(view.cancel_receipt_urls ?? []), url];
  view.cancel_amount += refund.amount;
  view.cancel_reason = refund.reason || null;
  view.cancelled_at = deps.now;
  if (view.cancel_amount === view.amount) view.status = "cancelled";
  record.refunds.push({ taxFree: refund.taxFree, vat: refund.vat });
  record.updatedAt = deps.now;
  followRefund(deps, merchant, record, merchant.channels.get(record.channelKey), refund);
}

/**
 * A refund that has already happened, as a seeded payment carries it (config `payments`): shown on
 * the payment at once, with no PG asked and no webhook owed.
 */
export function recordPastRefund(deps: Deps, merchant: MerchantState, record: PaymentRecord, amount: number): void {
  const refund: PendingRefund = {
    cancellation_id: deps.random.hex(24),
    amount,
    taxFree: 0,
    vat: defaultVat(amount, 0),
    reason: "refunded before the mock started (config)",
    requestedAt: deps.now,
    account: { bank: null, number: null, holder: null, tel: null },
  };
  applyRefund(deps, merchant, record, refund);
}

/** The notice as the control API takes it: the oldest waiting refund unless `cancellation_id` names one. */
export type RefundNotice = Pick<z.output<typeof PgNoticeRequest>, "cancellation_id" | "outcome">;

/** The PG's refund-transfer notice for a refund it accepted earlier (Smartro v2 virtual accounts). */
export function settleRefund(
  deps: Deps,
  merchant: MerchantState,
  record: PaymentRecord,
  notice: RefundNotice,
): PaymentRecord {
  const pending = record.pendingRefunds;
  const imp_uid = record.view.imp_uid;
  if (pending.length === 0) throw failure("rejected", `${imp_uid} has no refund waiting for the PG's transfer`);
  const index =
    notice.cancellation_id === undefined ? 0 : pending.findIndex((r) => r.cancellation_id === notice.cancellation_id);
  if (index < 0) {
    throw failure(
      "rejected",
      `cancellation_id ${notice.cancellation_id} names no refund of ${imp_uid} waiting for the PG's transfer (waiting: ${pending.map((r) => r.cancellation_id).join(", ")})`,
    );
  }
  const [refund] = pending.splice(index, 1);
  if (notice.outcome === "transferred") {
    applyRefund(deps, merchant, record, refund!);
    // The transfer is the PG's doing, like a deposit, so the merchant always hears of it.
    oweRefundWebhook(deps, merchant, record, "refund_transfer", refund!.cancellation_id);
  } else {
    record.updatedAt = deps.now;
  }
  return record;
}

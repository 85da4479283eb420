/**
 * Webhooks the mock owes the merchant, queued where the real service would send one. Delivery
 * (HTTP, retries, the delivery log) is the ping-back work's; until then the queue is visible in
 * GET /__mock/state so tests can assert what would have been sent.
 */
import type { z } from "zod";
import type { QueuedWebhookView } from "../../contracts/mock/control.ts";
import type { Deps } from "./payments/record.ts";
import type { MerchantState, PaymentRecord } from "./store.ts";

/** A webhook owed, as the control API shows it (contracts/mock/control.ts). */
export type QueuedWebhook = z.output<typeof QueuedWebhookView>;

export function queueWebhook(merchant: MerchantState, webhook: QueuedWebhook): void {
  merchant.webhookQueue.push(webhook);
}

/** The payment's webhook with its status now, to the notice_url it was made with (domain.md §5). */
export function owePaymentWebhook(deps: Deps, merchant: MerchantState, record: PaymentRecord, cause: QueuedWebhook["cause"], cancellation_id: string | null = null): void {
  const { imp_uid, merchant_uid, status } = record.view;
  queueWebhook(merchant, { imp_uid, merchant_uid, status, cancellation_id, notice_url: record.noticeUrl, cause, at: deps.now });
}

/** An approval sends a webhook; an ordinary failed payment sends none. */
export function owePaidWebhook(deps: Deps, merchant: MerchantState, record: PaymentRecord, cause: "payment" | "checkout"): void {
  if (record.view.status === "paid") owePaymentWebhook(deps, merchant, record, cause);
}

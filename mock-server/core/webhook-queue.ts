/**
 * Webhooks the mock owes the merchant, queued where the real service would send one (docs/domain.md §5).
 * The core only owes them; the ping-back layer (mock-server/pingback) takes the queue after every
 * request and delivers it, so no HTTP happens in here.
 */
import type { Deps } from "./deps.ts";
import type { MerchantState, OwedWebhook, PaymentRecord } from "./model.ts";

type NoticeUrl = string | string[] | null;

export function oweWebhook(
  deps: Deps,
  merchant: MerchantState,
  webhook: Omit<OwedWebhook, "at" | "notice_url"> & { notice_url: NoticeUrl },
): void {
  const urls = webhook.notice_url;
  merchant.webhookQueue.push({ ...webhook, notice_url: typeof urls === "string" ? [urls] : urls, at: deps.now });
}

/** The payment's webhook with its status now, to the notice_url it was made with. */
export function owePaymentWebhook(
  deps: Deps,
  merchant: MerchantState,
  record: PaymentRecord,
  cause: OwedWebhook["cause"],
  cancellation_id: string | null = null,
): void {
  const { imp_uid, merchant_uid, status } = record.view;
  oweWebhook(deps, merchant, { imp_uid, merchant_uid, status, cancellation_id, notice_url: record.noticeUrl, cause });
}

/**
 * A refund's webhook (an API cancel with enable_webhook, a console cancel, a PG's refund transfer)
 * says `cancelled`, also for a partial refund: PortOne's webhook docs name no other status for a
 * cancel, while GET /payments/{imp_uid} keeps showing `paid` until nothing is left (decision 011).
 */
export function oweRefundWebhook(
  deps: Deps,
  merchant: MerchantState,
  record: PaymentRecord,
  cause: Extract<OwedWebhook["cause"], "cancel" | "console_cancel" | "refund_transfer">,
  cancellation_id: string,
): void {
  const { imp_uid, merchant_uid } = record.view;
  oweWebhook(deps, merchant, {
    imp_uid,
    merchant_uid,
    status: "cancelled",
    cancellation_id,
    notice_url: record.noticeUrl,
    cause,
  });
}

/** An approval sends a webhook; an ordinary failed payment sends none. */
export function owePaidWebhook(
  deps: Deps,
  merchant: MerchantState,
  record: PaymentRecord,
  cause: "payment" | "checkout",
): void {
  if (record.view.status === "paid") owePaymentWebhook(deps, merchant, record, cause);
}

/** Hands over what is owed, oldest first, and empties the queue. */
export function takeOwedWebhooks(merchant: MerchantState): OwedWebhook[] {
  return merchant.webhookQueue.splice(0);
}

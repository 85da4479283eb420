/**
 * Webhooks the mock owes the merchant, queued where the real service would send one. Delivery
 * (HTTP, retries, the delivery log) is the ping-back work's; until then the queue is visible in
 * GET /__mock/state so tests can assert what would have been sent.
 */
import type { MerchantState } from "./store.ts";

export interface QueuedWebhook {
  imp_uid: string | null;
  merchant_uid: string;
  /** The payment status the webhook reports (`paid`, `failed`, `cancelled`, `ready`), or null when no payment was made. */
  status: string | null;
  /** The request's notice_url, which overrides the merchant's webhook URL. */
  notice_url?: string | string[] | undefined;
  /** What caused it, e.g. `schedule` for a scheduled payment's attempt. */
  cause: string;
  at: number;
}

export function queueWebhook(merchant: MerchantState, webhook: QueuedWebhook): void {
  merchant.webhookQueue.push(webhook);
}

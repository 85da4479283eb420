/**
 * Webhooks the mock owes the merchant, queued where the real service would send one. Delivery
 * (HTTP, retries, the delivery log) is the ping-back work's; until then the queue is visible in
 * GET /__mock/state so tests can assert what would have been sent.
 */
import type { z } from "zod";
import type { QueuedWebhookView } from "../../contracts/mock/control.ts";
import type { MerchantState } from "./store.ts";

/** A webhook owed, as the control API shows it (contracts/mock/control.ts). */
export type QueuedWebhook = z.output<typeof QueuedWebhookView>;

export function queueWebhook(merchant: MerchantState, webhook: QueuedWebhook): void {
  merchant.webhookQueue.push(webhook);
}

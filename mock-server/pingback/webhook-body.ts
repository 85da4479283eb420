/**
 * The body of a merchant webhook (docs/domain.md §5): imp_uid, merchant_uid, status, and cancellation_id
 * for a cancel; nothing else, so a handler cannot trust it and must read the payment back.
 */
import type { MerchantConfig } from "../../contracts/mock/config.ts";
import type { OwedWebhook } from "../core/model.ts";
import { qs } from "../lazy-qs.ts";

export type WebhookContentType = MerchantConfig["webhook"]["content_type"];

export const MEDIA_TYPES: Readonly<Record<WebhookContentType, string>> = {
  json: "application/json",
  form: "application/x-www-form-urlencoded",
};

export function webhookBody(event: OwedWebhook, contentType: WebhookContentType): string {
  const fields: Pick<OwedWebhook, "imp_uid" | "merchant_uid" | "status"> & { cancellation_id?: string } = {
    imp_uid: event.imp_uid,
    merchant_uid: event.merchant_uid,
    status: event.status,
  };
  // Set, not spread in: this runs for every payment, and a conditional spread costs an object more.
  if (event.cancellation_id !== null) fields.cancellation_id = event.cancellation_id;
  // A form cannot say null: a field without a value (a scheduled run that made no payment) is left out.
  return contentType === "json" ? JSON.stringify(fields) : qs().stringify(fields, { skipNulls: true });
}

/**
 * Ping-backs as the control API shows them: merchant webhooks (what each event is, every delivery to
 * every URL, every attempt) and the PG-to-PortOne notices a test sends. docs/mock-server.md,
 * "Ping-backs"; why they behave as they do: docs/decisions/009.
 */
import * as z from "zod";
import { unixSeconds } from "../schemas/common.ts";
import { CancelPaymentRequest } from "../schemas/payments.ts";

/**
 * What made the webhook owed: an approved keyed or billing-key payment (`payment`), a browser
 * checkout, a virtual account issued or paid into, a scheduled payment's attempt, a cancel through
 * the API with enable_webhook, a cancel from the console (the control API), or the PG's refund transfer.
 */
export const WebhookCause = z.enum([
  "payment",
  "checkout",
  "vbank_issued",
  "vbank_deposit",
  "schedule",
  "cancel",
  "console_cancel",
  "refund_transfer",
]);

/** One webhook owed to the merchant, before it is sent anywhere. */
export const WebhookEvent = z.object({
  imp_uid: z.string().nullable(),
  merchant_uid: z.string(),
  status: z.string().nullable(),
  /** The refund's id, for a webhook about a cancel. */
  cancellation_id: z.string().nullable(),
  /** The request's notice_url (one URL or several), else null for the merchant's webhook URL. */
  notice_url: z.array(z.string()).nullable(),
  cause: WebhookCause,
  at: unixSeconds,
});

/**
 * `sending`: an attempt is under way; `retrying`: waiting for `next_attempt_at`; `delivered`: the
 * last attempt got a 2xx; `failed`: no more automatic attempts (redeliver to try again);
 * `no_url`: neither the request nor the merchant has a URL, so nothing was sent.
 */
export const DeliveryState = z.enum(["sending", "retrying", "delivered", "failed", "no_url"]);

export const DeliveryAttempt = z.object({
  /** 1 for the first, 2–6 for automatic retries, numbering on for redeliveries. */
  number: z.number().int().min(1),
  kind: z.enum(["first", "retry", "redelivery"]),
  /** Virtual time the attempt started. */
  at: unixSeconds,
  url: z.string(),
  /** The receiver's HTTP status, or null when there was no answer (see `error`). */
  status: z.number().int().nullable(),
  /** A network failure: refused, reset, a connect or read timeout. */
  error: z.string().nullable(),
  /** Real milliseconds from sending to the answer or the failure. */
  latency_ms: z.number(),
  /** The first 200 characters of the receiver's answer. */
  response_excerpt: z.string().nullable(),
});

export const WebhookDelivery = WebhookEvent.omit({ notice_url: true }).extend({
  id: z.string(),
  /** Deliveries of one event (one per notice_url) share it. */
  event_id: z.string(),
  store_code: z.string(),
  url: z.string().nullable(),
  content_type: z.enum(["json", "form"]),
  /** The body exactly as sent. */
  body: z.string(),
  state: DeliveryState,
  next_attempt_at: unixSeconds.nullable(),
  attempts: z.array(DeliveryAttempt),
});

/** The control table adds `store_code` to these requests, as to every control call's. */
export const WebhooksQuery = z.object({
  state: DeliveryState.optional(),
  imp_uid: z.string().optional(),
  merchant_uid: z.string().optional(),
  limit: z.number().int().min(1).max(100_000).default(100),
});

export const DeliveryParams = z.object({ delivery_id: z.string() });

/** What the PG tells PortOne: a deposit into a waiting virtual account, or a refund it transferred. */
export const PgNoticeKind = z.enum(["deposit", "refund_transfer"]);

export const PgNoticeRequest = z.object({
  kind: PgNoticeKind,
  imp_uid: z.string(),
  /** deposit: the account's amount when left out; any other amount is refused, as the bank would. */
  amount: z.number().positive().optional(),
  /** deposit: who paid in; the buyer's name when left out. */
  depositor_name: z.string().optional(),
  /** refund_transfer: the refund's cancellation_id (GET /__mock/state lists them); the oldest waiting refund when left out. */
  cancellation_id: z.string().optional(),
  /** refund_transfer: `failed` means the transfer bounced; the refund is dropped and its amount can be cancelled again. */
  outcome: z.enum(["transferred", "failed"]).default("transferred"),
});

export const ScheduledPgNoticeView = z.object({
  kind: PgNoticeKind,
  imp_uid: z.string(),
  cancellation_id: z.string().nullable(),
  at: unixSeconds,
});

/** A cancel from PortOne's console: the API's cancel fields that make sense there, for the payment in the path. */
export const ConsoleCancelRequest = CancelPaymentRequest.pick({
  amount: true,
  tax_free: true,
  vat_amount: true,
  reason: true,
  refund_holder: true,
  refund_bank: true,
  refund_account: true,
  refund_tel: true,
});

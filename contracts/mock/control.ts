/**
 * The control API: what a test or a QA engineer does to the mock that a merchant cannot do to
 * the real service (reset it, move its clock, arm failures, read its journal). It lives under a
 * prefix the real API never uses and answers in the same envelope as everything else.
 */
import * as z from "zod";
import { operationKeys } from "../operations.ts";
import { unixSeconds } from "../schemas/common.ts";
import { PaymentAnnotation, PaymentPrepareAnnotation } from "../schemas/payments.ts";
import { BillingKeyAnnotation, CustomerAnnotation } from "../schemas/subscribe.ts";
import { ExternalReceiptAnnotation, ReceiptAnnotation } from "../schemas/receipts.ts";
import { PgSettingAnnotation } from "../schemas/reference.ts";
import { ScheduleResultAnnotation } from "../schemas/schedules.ts";
import { browserPaymentFields } from "../checkout.ts";
import { ChannelGroupChange, ChannelGroupDefinition, ChannelGroupView } from "./channel-groups.ts";
import { SeedBillingKey } from "./config.ts";
import {
  ConsoleCancelRequest,
  DeliveryParams,
  PgNoticeRequest,
  ScheduledPgNoticeView,
  WebhookDelivery,
  WebhooksQuery,
} from "./webhooks.ts";

export const CONTROL_PREFIX = "/__mock";

/** Which merchant a control call is about; the first configured merchant when left out. */
const merchantSelector = { store_code: z.string().optional() };
const MerchantQuery = z.object(merchantSelector);

export const ClockView = z.object({ now: unixSeconds, mode: z.enum(["frozen", "wall"]) });

export const FailureOutcome = z.enum(["decline", "pgError", "serverError"]);

export const ArmFailureRequest = z
  .object({
    ...merchantSelector,
    /** Fail requests served by this channel … */
    channel_key: z.string().optional(),
    /** … or requests to this operation (table key, e.g. `again`). */
    operation: z.enum(operationKeys as [string, ...string[]]).optional(),
    count: z.number().int().min(1).max(10_000).default(1),
    /**
     * `decline`: the payment is recorded as failed (code 0); `pgError`: code -1, nothing recorded;
     * `serverError`: HTTP 500, as when PortOne itself is down.
     */
    outcome: FailureOutcome,
    message: z.string().optional(),
  })
  .refine((request) => (request.channel_key === undefined) !== (request.operation === undefined), {
    error: "name exactly one of channel_key or operation",
    path: ["channel_key"],
  });

export const ArmedFailureView = z.object({
  id: z.string(),
  store_code: z.string(),
  channel_key: z.string().nullable(),
  operation: z.string().nullable(),
  outcome: FailureOutcome,
  message: z.string().nullable(),
  remaining: z.number().int(),
});

export const JournalEntry = z.object({
  id: z.number().int(),
  at: unixSeconds,
  method: z.string(),
  path: z.string(),
  /** The operation's table key, `checkout:open` / `checkout:complete` for the checkout window, or null for a path the real API does not have. */
  operation: z.string().nullable(),
  store_code: z.string().nullable(),
  status: z.number().int(),
  code: z.number().int().nullable(),
  /** The envelope's `message`, as the client received it. */
  message: z.string().nullable(),
  /** The mock's own explanation of a refusal (field, rule, PG), whatever `message` said; null on success. */
  explanation: z.string().nullable(),
  latency_ms: z.number(),
  /** Fields the operation does not define: accepted, as the real API accepts them, and listed here. */
  unknown_fields: z.array(z.string()),
});

export const JournalQuery = z.object({
  limit: z.number().int().min(1).max(10_000).default(100),
  operation: z.string().optional(),
  store_code: z.string().optional(),
});

export const PendingRefundView = z.object({
  imp_uid: z.string(),
  cancellation_id: z.string(),
  amount: z.number(),
  tax_free: z.number(),
  vat_amount: z.number(),
  reason: z.string(),
  requested_at: unixSeconds,
  refund_bank: z.string().nullable(),
  refund_account: z.string().nullable(),
  refund_holder: z.string().nullable(),
  refund_tel: z.string().nullable(),
});

export const MerchantStateView = z.object({
  store_code: z.string(),
  name: z.string(),
  now: unixSeconds,
  channels: z.array(PgSettingAnnotation.extend({ enabled: z.boolean(), default: z.boolean() })),
  /** The payments as the API shows them, plus `product_count`, which the API accepts but no V1 answer shows. */
  payments: z.array(PaymentAnnotation.extend({ product_count: z.number().int() })),
  /** Refunds accepted by the PG and waiting for its refund-transfer notice (not visible on the payments yet). */
  pending_refunds: z.array(PendingRefundView),
  /** Ordinary and super billing keys, as GET /subscribe/customers/{customer_uid} shows them. */
  billing_keys: z.array(BillingKeyAnnotation),
  /** Smart-routing groups with their picks since the last reset. */
  channel_groups: z.array(ChannelGroupView),
  /** Scheduled payments in every state, by schedule_at. */
  schedules: z.array(ScheduleResultAnnotation),
  /** PG notices due to arrive by themselves (a channel's `notice_delays`), soonest first. */
  scheduled_pg_notices: z.array(ScheduledPgNoticeView),
  /** Cash receipts, revoked ones included (with cancelled_at). */
  receipts: z.array(ReceiptAnnotation),
  external_receipts: z.array(ExternalReceiptAnnotation),
  prepared: z.array(PaymentPrepareAnnotation),
  tokens: z.array(z.object({ access_token: z.string(), expired_at: unixSeconds })),
  armed_failures: z.array(ArmedFailureView),
});

/**
 * A payment completed in the browser (IMP.request_pay), which the REST API cannot create: card,
 * bank transfer, a deposited virtual account, phone or an easy-pay method.
 */
export const CompleteCheckoutRequest = z.object({
  ...merchantSelector,
  /** The merchant's default channel when left out. */
  channel_key: z.string().optional(),
  /** IMP.request_pay's channelGroupId: the channel is picked from the smart-routing group by its ratios (channel_key is then ignored). */
  channel_group_id: z.string().optional(),
  /** The same, in the SDK's own spelling (`IMP.request_pay({ channelGroupId })`); either may be sent. */
  channelGroupId: z.string().optional(),
  /** The order in the SDK's names (contracts/checkout.ts, shared with the browser checkout). */
  ...browserPaymentFields,
  /** For pay_method card: the test card that decides the outcome. */
  card_number: z.string().default("4242424242424242"),
});

const GroupParams = z.object({ group_id: z.string() });

export interface ControlOperation {
  method: "get" | "post" | "patch" | "delete";
  path: string;
  summary: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
}

const control = <T extends ControlOperation>(operation: T) => operation;

export const controlOperations = {
  reset: control({
    method: "post",
    path: "/reset",
    summary:
      "Forget every payment, key, token, failure, journal entry, control-made group and pick count; rewind the clock",
    response: ClockView,
  }),
  getState: control({
    method: "get",
    path: "/state",
    summary: "Everything one merchant has in the mock",
    query: MerchantQuery,
    response: MerchantStateView,
  }),
  armFailure: control({
    method: "post",
    path: "/failures",
    summary: "Make the next N requests of a channel or an operation fail",
    body: ArmFailureRequest,
    response: ArmedFailureView,
  }),
  listFailures: control({
    method: "get",
    path: "/failures",
    summary: "Failures still armed",
    response: z.array(ArmedFailureView),
  }),
  clearFailures: control({
    method: "delete",
    path: "/failures",
    summary: "Disarm every failure",
    response: z.array(ArmedFailureView),
  }),
  getClock: control({
    method: "get",
    path: "/clock",
    summary: "The virtual clock",
    response: ClockView,
  }),
  advanceClock: control({
    method: "post",
    path: "/clock/advance",
    summary: "Move the virtual clock forward",
    body: z.object({ seconds: z.number().int().min(0) }),
    response: ClockView,
  }),
  setClock: control({
    method: "post",
    path: "/clock/set",
    summary: "Move the virtual clock to a moment (never backwards)",
    body: z.object({ now: unixSeconds }),
    response: ClockView,
  }),
  getJournal: control({
    method: "get",
    path: "/journal",
    summary: "Recent requests, newest first",
    query: JournalQuery,
    response: z.array(JournalEntry),
  }),
  registerBillingKey: control({
    method: "post",
    path: "/billing-keys",
    summary: "Store a billing key as if the buyer had issued it in the browser",
    body: SeedBillingKey.extend(merchantSelector),
    response: CustomerAnnotation,
  }),
  completeCheckout: control({
    method: "post",
    path: "/payments",
    summary: "Record a payment as if the buyer had completed the browser checkout",
    body: CompleteCheckoutRequest,
    response: PaymentAnnotation,
  }),
  sendPgNotice: control({
    method: "post",
    path: "/pg-notices",
    summary: "A PG's notice to PortOne: a deposit into a waiting virtual account, or a refund transferred",
    body: PgNoticeRequest.extend(merchantSelector),
    response: PaymentAnnotation,
  }),
  consoleCancel: control({
    method: "post",
    path: "/payments/{imp_uid}/cancel",
    summary: "Cancel a payment as from PortOne's console: always sends the cancel webhook",
    params: z.object({ imp_uid: z.string() }),
    body: ConsoleCancelRequest.extend(merchantSelector),
    response: PaymentAnnotation,
  }),
  listWebhooks: control({
    method: "get",
    path: "/webhooks",
    summary: "Webhook deliveries with every attempt, newest first",
    query: WebhooksQuery.extend(merchantSelector),
    response: z.array(WebhookDelivery),
  }),
  redeliverWebhook: control({
    method: "post",
    path: "/webhooks/{delivery_id}/redeliver",
    summary: "Send a delivery again now, as the console's resend does",
    params: DeliveryParams,
    query: MerchantQuery,
    response: WebhookDelivery,
  }),
  redeliverFailedWebhooks: control({
    method: "post",
    path: "/webhooks/redeliver-failed",
    summary: "Send every failed delivery of a merchant again now",
    body: MerchantQuery,
    response: z.array(WebhookDelivery),
  }),
  listGroups: control({
    method: "get",
    path: "/groups",
    summary: "A merchant's smart-routing groups, with each channel's picks since the last reset next to its ratio",
    query: MerchantQuery,
    response: z.array(ChannelGroupView),
  }),
  createGroup: control({
    method: "post",
    path: "/groups",
    summary: "Create a smart-routing group (its id is made up unless given)",
    body: ChannelGroupDefinition.safeExtend(merchantSelector),
    response: ChannelGroupView,
  }),
  getGroup: control({
    method: "get",
    path: "/groups/{group_id}",
    summary: "One smart-routing group",
    params: GroupParams,
    query: MerchantQuery,
    response: ChannelGroupView,
  }),
  changeGroup: control({
    method: "patch",
    path: "/groups/{group_id}",
    summary: "Change a group's name, channels and ratios, or schedule a ratio change",
    params: GroupParams,
    body: ChannelGroupChange.safeExtend(merchantSelector),
    response: ChannelGroupView,
  }),
  dropRatioChange: control({
    method: "delete",
    path: "/groups/{group_id}/ratio-change",
    summary: "Drop a group's scheduled ratio change",
    params: GroupParams,
    query: MerchantQuery,
    response: ChannelGroupView,
  }),
  deleteGroup: control({
    method: "delete",
    path: "/groups/{group_id}",
    summary: "Delete a group for good; its id fails on use from then on",
    params: GroupParams,
    query: MerchantQuery,
    response: ChannelGroupView,
  }),
} satisfies Record<string, ControlOperation>;

export type ControlOperationKey = keyof typeof controlOperations;

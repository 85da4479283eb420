/**
 * The operation table: every iamport V1 operation the project serves, keyed by the official
 * operationId. It drives the mock's routing and validation, the OpenAPI document (and through it
 * the client's types), and the comparison with the official document's facts.
 */
import * as z from "zod";
import type { RealMessageKey } from "./messages.ts";
import * as escrows from "./schemas/escrows.ts";
import * as payments from "./schemas/payments.ts";
import * as receipts from "./schemas/receipts.ts";
import * as reference from "./schemas/reference.ts";
import * as schedules from "./schemas/schedules.ts";
import * as subscribe from "./schemas/subscribe.ts";
import * as vbanks from "./schemas/vbanks.ts";

/** The API resource an operation belongs to; the mock serves each from its own sub-app. */
export type Resource = "users" | "payments" | "subscribe" | "schedules" | "vbanks" | "escrows" | "receipts" | "codes";

export type HttpMethod = "get" | "post" | "put" | "delete";

export interface Operation {
  method: HttpMethod;
  /** OpenAPI path template, e.g. `/payments/{imp_uid}`. */
  path: string;
  resource: Resource;
  /** One line of English for the OpenAPI summary and the README. */
  summary: string;
  /** Whether the call needs an access token in `Authorization`. */
  auth: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodObject;
  /** The `response` member of the success envelope. */
  response: z.ZodType;
  /** Set only where the table key cannot be the official operationId (upstream reuses one). */
  officialOperationId?: string;
  /** Other paths the real service answers for the same operation. */
  aliases?: string[];
  /** The HTTP status when the channel's PG does not offer the operation, where the official document gives one other than 400. */
  unsupportedPgStatus?: 501;
  /** What the real service says when this field is missing or malformed (contracts/messages.ts). */
  invalidInput?: Readonly<Record<string, RealMessageKey>>;
}

const op = <T extends Operation>(operation: T) => operation;

export const operations = {
  // ---- users
  getToken: op({
    method: "post",
    path: "/users/getToken",
    resource: "users",
    auth: false,
    summary: "Issue an access token for imp_key and imp_secret",
    invalidInput: { imp_key: "credentialsMissing", imp_secret: "credentialsMissing" },
    body: reference.GetTokenRequest,
    response: reference.AuthAnnotation,
  }),
  getPgSettingList: op({
    method: "get",
    path: "/users/pg",
    resource: "users",
    auth: true,
    summary: "List the merchant's PG channels",
    response: z.array(reference.PgSettingAnnotation),
  }),

  // ---- payments
  getPaymentByImpUid: op({
    method: "get",
    path: "/payments/{imp_uid}",
    resource: "payments",
    auth: true,
    summary: "Look a payment up by imp_uid",
    params: payments.ImpUidParams,
    query: payments.GetPaymentQuery,
    response: payments.PaymentAnnotation,
  }),
  getPaymentListByImpUid: op({
    method: "get",
    path: "/payments",
    resource: "payments",
    auth: true,
    summary: "Look several payments up by imp_uid[] or merchant_uid[]",
    query: payments.GetPaymentsQuery,
    response: z.array(payments.PaymentAnnotation),
  }),
  getPaymentByMerchantUid: op({
    method: "get",
    path: "/payments/find/{merchant_uid}/{payment_status}",
    resource: "payments",
    auth: true,
    summary: "Look the latest payment of a merchant_uid up",
    aliases: ["/payments/find/{merchant_uid}"],
    params: payments.FindPaymentParams,
    query: payments.FindPaymentQuery,
    response: payments.PaymentAnnotation,
  }),
  getAllPaymentsByMerchantUid: op({
    method: "get",
    path: "/payments/findAll/{merchant_uid}/{payment_status}",
    resource: "payments",
    auth: true,
    summary: "List every payment of a merchant_uid",
    aliases: ["/payments/findAll/{merchant_uid}"],
    params: payments.FindPaymentParams,
    query: payments.FindAllPaymentsQuery,
    response: payments.PagedPaymentAnnotation,
  }),
  getPaymentsByStatus: op({
    method: "get",
    path: "/payments/status/{payment_status}",
    resource: "payments",
    auth: true,
    summary: "List payments by status, paged",
    invalidInput: { payment_status: "unsupportedStatus" },
    params: payments.PaymentsByStatusParams,
    query: payments.PaymentsByStatusQuery,
    response: payments.PagedPaymentAnnotation,
  }),
  balanceByImpUid: op({
    method: "get",
    path: "/payments/{imp_uid}/balance",
    resource: "payments",
    auth: true,
    summary: "Show the amount breakdown of a payment",
    params: payments.ImpUidParams,
    response: payments.PaymentBalanceResponseAnnotation,
  }),
  cancelPayment: op({
    method: "post",
    path: "/payments/cancel",
    resource: "payments",
    auth: true,
    summary: "Refund a payment in full or in part",
    body: payments.CancelPaymentRequest,
    response: payments.PaymentAnnotation,
  }),
  preparePayment: op({
    method: "post",
    path: "/payments/prepare",
    resource: "payments",
    auth: true,
    summary: "Pre-register the amount of a merchant_uid",
    body: payments.PreparePaymentRequest,
    response: payments.PaymentPrepareAnnotation,
  }),
  editPreparePayment: op({
    method: "put",
    path: "/payments/prepare",
    resource: "payments",
    auth: true,
    summary: "Change a pre-registered amount",
    body: payments.PreparePaymentRequest,
    response: payments.PaymentPrepareAnnotation,
  }),
  getPaymentPrepareByMerchantUid: op({
    method: "get",
    path: "/payments/prepare/{merchant_uid}",
    resource: "payments",
    auth: true,
    summary: "Show a pre-registered amount",
    params: payments.MerchantUidParams,
    response: payments.PaymentPrepareAnnotation,
  }),

  // ---- subscribe: keyed payments, billing keys
  onetime: op({
    method: "post",
    path: "/subscribe/payments/onetime",
    resource: "subscribe",
    auth: true,
    summary: "Pay once with card data (keyed), optionally storing a billing key",
    body: subscribe.OnetimePaymentRequest,
    response: payments.PaymentAnnotation,
  }),
  again: op({
    method: "post",
    path: "/subscribe/payments/again",
    resource: "subscribe",
    auth: true,
    summary: "Pay with a stored billing key",
    body: subscribe.AgainPaymentRequest,
    response: payments.PaymentAnnotation,
  }),
  customer_save: op({
    method: "post",
    path: "/subscribe/customers/{customer_uid}",
    resource: "subscribe",
    auth: true,
    summary: "Issue a billing key (a super billing key with channel_group_id)",
    params: subscribe.IssueBillingKeyParams,
    body: subscribe.IssueBillingKeyRequest,
    response: subscribe.BillingKeyAnnotation,
  }),
  customer_view: op({
    method: "get",
    path: "/subscribe/customers/{customer_uid}",
    resource: "subscribe",
    auth: true,
    summary: "Show a billing key",
    params: subscribe.CustomerUidParams,
    response: subscribe.BillingKeyAnnotation,
  }),
  customer_delete: op({
    method: "delete",
    path: "/subscribe/customers/{customer_uid}",
    resource: "subscribe",
    auth: true,
    summary: "Delete a billing key",
    params: subscribe.CustomerUidParams,
    query: subscribe.DeleteBillingKeyQuery,
    response: subscribe.BillingKeyAnnotation,
  }),
  customer_view_multiple: op({
    method: "get",
    path: "/subscribe/customers",
    resource: "subscribe",
    auth: true,
    summary: "Show several billing keys by customer_uid[]",
    query: subscribe.GetBillingKeysQuery,
    response: z.array(subscribe.BillingKeyAnnotation),
  }),
  customer_payments: op({
    method: "get",
    path: "/subscribe/customers/{customer_uid}/payments",
    resource: "subscribe",
    auth: true,
    summary: "List the payments made with a billing key",
    params: subscribe.CustomerUidParams,
    query: subscribe.PageQuery,
    response: payments.PagedPaymentAnnotation,
  }),

  // ---- subscribe: schedules
  schedule: op({
    method: "post",
    path: "/subscribe/payments/schedule",
    resource: "schedules",
    auth: true,
    summary: "Schedule payments with a billing key",
    body: schedules.ScheduleRequest,
    response: z.array(schedules.ScheduleResultAnnotation),
  }),
  unschedule: op({
    method: "post",
    path: "/subscribe/payments/unschedule",
    resource: "schedules",
    auth: true,
    summary: "Revoke scheduled payments",
    body: schedules.UnscheduleRequest,
    response: z.array(schedules.ScheduleResultAnnotation),
  }),
  findSchedulesByRange: op({
    method: "get",
    path: "/subscribe/payments/schedule",
    resource: "schedules",
    auth: true,
    summary: "List scheduled payments in a time range",
    query: schedules.SchedulesByRangeQuery,
    response: z.array(schedules.ScheduleResultAnnotation),
  }),
  getScheduleByMid: op({
    method: "get",
    path: "/subscribe/payments/schedule/{merchant_uid}",
    resource: "schedules",
    auth: true,
    summary: "Show one scheduled payment",
    params: payments.MerchantUidParams,
    response: schedules.ScheduleResultAnnotation,
  }),
  updateScheduleByMid: op({
    method: "put",
    path: "/subscribe/payments/schedule/{merchant_uid}",
    resource: "schedules",
    auth: true,
    summary: "Move a scheduled payment to another time",
    params: payments.MerchantUidParams,
    body: schedules.ScheduleAtRequest,
    response: schedules.ScheduleResultAnnotation,
  }),
  rescheduleByMid: op({
    method: "post",
    path: "/subscribe/payments/schedule/{merchant_uid}/reschedule",
    resource: "schedules",
    auth: true,
    summary: "Schedule a failed scheduled payment again",
    params: payments.MerchantUidParams,
    body: schedules.ScheduleAtRequest,
    response: schedules.ScheduleResultAnnotation,
  }),
  retryScheduleByMid: op({
    method: "post",
    path: "/subscribe/payments/schedule/{merchant_uid}/retry",
    resource: "schedules",
    auth: true,
    summary: "Retry a failed scheduled payment now",
    params: payments.MerchantUidParams,
    response: payments.PaymentAnnotation,
  }),
  findSchedulesByCustomer: op({
    method: "get",
    path: "/subscribe/payments/schedule/customers/{customer_uid}",
    resource: "schedules",
    auth: true,
    summary: "List the scheduled payments of a billing key",
    params: subscribe.CustomerUidParams,
    query: schedules.SchedulesByCustomerQuery,
    response: z.array(schedules.ScheduleResultAnnotation),
  }),
  customer_schedules: op({
    method: "get",
    path: "/subscribe/customers/{customer_uid}/schedules",
    resource: "schedules",
    auth: true,
    summary: "List the scheduled payments of a billing key (the customers path)",
    officialOperationId: "findSchedulesByCustomer",
    params: subscribe.CustomerUidParams,
    query: schedules.SchedulesByCustomerQuery,
    response: z.array(schedules.ScheduleResultAnnotation),
  }),

  // ---- vbanks
  createVbank: op({
    method: "post",
    path: "/vbanks",
    resource: "vbanks",
    auth: true,
    summary: "Issue a virtual account",
    query: vbanks.PgApiKeyQuery,
    body: vbanks.CreateVbankRequest,
    response: payments.PaymentAnnotation,
  }),
  modifyVbank: op({
    method: "put",
    path: "/vbanks/{imp_uid}",
    resource: "vbanks",
    auth: true,
    summary: "Change the amount or due date of an unpaid virtual account",
    params: payments.ImpUidParams,
    body: vbanks.ModifyVbankRequest,
    response: payments.PaymentAnnotation,
  }),
  revokeVbank: op({
    method: "delete",
    path: "/vbanks/{imp_uid}",
    resource: "vbanks",
    auth: true,
    summary: "Revoke an unpaid virtual account",
    params: payments.ImpUidParams,
    query: vbanks.PgApiKeyQuery,
    response: payments.PaymentAnnotation,
  }),

  // ---- escrows
  escrow_logis_get: op({
    method: "get",
    path: "/escrows/logis/{imp_uid}",
    resource: "escrows",
    auth: true,
    summary: "Show the shipping record of an escrow payment",
    params: payments.ImpUidParams,
    response: escrows.EscrowLogisAnnotation,
  }),
  escrow_logis_save: op({
    method: "post",
    path: "/escrows/logis/{imp_uid}",
    resource: "escrows",
    auth: true,
    summary: "Register the shipping of an escrow payment",
    params: payments.ImpUidParams,
    body: escrows.RegisterEscrowLogisRequest,
    response: escrows.EscrowLogisAnnotation,
  }),
  escrow_logis_edit: op({
    method: "put",
    path: "/escrows/logis/{imp_uid}",
    resource: "escrows",
    auth: true,
    summary: "Change the shipping record of an escrow payment",
    params: payments.ImpUidParams,
    body: escrows.EditEscrowLogisRequest,
    response: escrows.EscrowLogisAnnotation,
  }),

  // ---- receipts
  issueReceipt: op({
    method: "post",
    path: "/receipts/{imp_uid}",
    resource: "receipts",
    auth: true,
    summary: "Issue a cash receipt for a PortOne payment",
    params: payments.ImpUidParams,
    body: receipts.IssueReceiptRequest,
    response: receipts.ReceiptAnnotation,
    // The official document: "501: a PG PortOne does not support for cash receipts".
    unsupportedPgStatus: 501,
  }),
  getReceipt: op({
    method: "get",
    path: "/receipts/{imp_uid}",
    resource: "receipts",
    auth: true,
    summary: "Show the cash receipt of a PortOne payment",
    params: payments.ImpUidParams,
    response: receipts.ReceiptAnnotation,
    // The official document: "501: a PG PortOne does not support for cash receipts".
    unsupportedPgStatus: 501,
  }),
  revokeReceipt: op({
    method: "delete",
    path: "/receipts/{imp_uid}",
    resource: "receipts",
    auth: true,
    summary: "Revoke the cash receipt of a PortOne payment",
    params: payments.ImpUidParams,
    response: receipts.ReceiptAnnotation,
    // The official document: "501: a PG PortOne does not support for cash receipts".
    unsupportedPgStatus: 501,
  }),
  issueExternalReceipt: op({
    method: "post",
    path: "/receipts/external/{merchant_uid}",
    resource: "receipts",
    auth: true,
    summary: "Issue a cash receipt for a payment made elsewhere",
    params: payments.MerchantUidParams,
    body: receipts.IssueExternalReceiptRequest,
    response: receipts.ExternalReceiptAnnotation,
    // The official document: "501: a PG PortOne does not support for cash receipts".
    unsupportedPgStatus: 501,
  }),
  getExternalReceipt: op({
    method: "get",
    path: "/receipts/external/{merchant_uid}",
    resource: "receipts",
    auth: true,
    summary: "Show the cash receipt of a payment made elsewhere",
    params: payments.MerchantUidParams,
    response: receipts.ExternalReceiptAnnotation,
    // The official document: "501: a PG PortOne does not support for cash receipts".
    unsupportedPgStatus: 501,
  }),
  revokeExternalReceipt: op({
    method: "delete",
    path: "/receipts/external/{merchant_uid}",
    resource: "receipts",
    auth: true,
    summary: "Revoke the cash receipt of a payment made elsewhere",
    params: payments.MerchantUidParams,
    response: receipts.ExternalReceiptAnnotation,
    // The official document: "501: a PG PortOne does not support for cash receipts".
    unsupportedPgStatus: 501,
  }),

  // ---- reference codes
  allBankCodes: op({
    method: "get",
    path: "/banks",
    resource: "codes",
    auth: true,
    summary: "List the standard bank codes",
    response: z.array(reference.StandardCodeAnnotation),
  }),
  bankCodes: op({
    method: "get",
    path: "/banks/{bank_standard_code}",
    resource: "codes",
    auth: true,
    summary: "Show one standard bank code",
    params: reference.BankCodeParams,
    response: reference.StandardCodeAnnotation,
  }),
  allCardCodes: op({
    method: "get",
    path: "/cards",
    resource: "codes",
    auth: true,
    summary: "List the standard card codes",
    response: z.array(reference.StandardCodeAnnotation),
  }),
  cardCodes: op({
    method: "get",
    path: "/cards/{card_standard_code}",
    resource: "codes",
    auth: true,
    summary: "Show one standard card code",
    params: reference.CardCodeParams,
    response: reference.StandardCodeAnnotation,
  }),
} as const satisfies Record<string, Operation>;

export type OperationKey = keyof typeof operations;

export const operationKeys = Object.keys(operations) as OperationKey[];

/** The official operationId of a table entry. */
export function officialOperationId(key: OperationKey): string {
  const entry: Operation = operations[key];
  return entry.officialOperationId ?? key;
}

/**
 * The paths an OpenAPI template stands for: `/payments/{imp_uid}` matches `/payments/imp_1` (and
 * with a trailing slash), the parameter captured by name. Shared by the mock's hints for unknown
 * paths and by recordings, which read operations back out of paths.
 */
export function pathPattern(template: string): RegExp {
  const literal = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
  return new RegExp(`^${literal.replace(/\{(\w+)\}/g, "(?<$1>[^/]+)")}/?$`);
}

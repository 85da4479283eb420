/** Payments: the payment object, lookups, refunds and amount pre-registration. */
import * as z from "zod";
import { amount, paymentSorting, unixSeconds } from "./common.ts";

export const PaymentCancelAnnotation = z
  .object({
    pg_tid: z.string(),
    amount,
    cancelled_at: unixSeconds,
    reason: z.string(),
    cancellation_id: z.string(),
    receipt_url: z.string().nullable(),
  })
  .meta({ id: "PaymentCancelAnnotation" });

export const VbankDepositAnnotation = z
  .object({
    pg_tid: z.string(),
    amount,
    depositor_name: z.string(),
    deposited_at: unixSeconds,
  })
  .meta({ id: "VbankDepositAnnotation" });

export const paymentStatus = z.enum(["ready", "paid", "cancelled", "failed"]);

/**
 * The payment object. The real service sends every key, with `null` for what it does not know,
 * so optional fields are nullable rather than absent.
 */
export const PaymentAnnotation = z
  .object({
    imp_uid: z.string().max(32),
    merchant_uid: z.string().max(40),
    pay_method: z.string().max(20).nullable(),
    channel: z.string().nullable(),
    pg_provider: z.string().max(16).nullable(),
    emb_pg_provider: z.string().max(16).nullable(),
    pg_tid: z.string().max(64).nullable(),
    pg_id: z.string().max(80).nullable(),
    sandbox: z.boolean(),
    escrow: z.boolean().nullable(),
    apply_num: z.string().max(20).nullable(),
    bank_code: z.string().nullable(),
    bank_name: z.string().nullable(),
    card_code: z.string().nullable(),
    card_name: z.string().nullable(),
    card_issuer_code: z.string().nullable(),
    card_issuer_name: z.string().nullable(),
    card_publisher_code: z.string().nullable(),
    card_publisher_name: z.string().nullable(),
    card_quota: z.number().int().nullable(),
    card_number: z.string().nullable(),
    card_type: z.number().int().nullable(),
    vbank_code: z.string().nullable(),
    vbank_name: z.string().nullable(),
    vbank_num: z.string().max(32).nullable(),
    vbank_holder: z.string().nullable(),
    vbank_date: unixSeconds.nullable(),
    vbank_issued_at: unixSeconds.nullable(),
    name: z.string().max(40).nullable(),
    amount,
    cancel_amount: amount,
    currency: z.string(),
    buyer_name: z.string().max(16).nullable(),
    buyer_email: z.string().max(64).nullable(),
    buyer_tel: z.string().max(16).nullable(),
    buyer_addr: z.string().max(128).nullable(),
    buyer_postcode: z.string().max(8).nullable(),
    custom_data: z.string().nullable(),
    user_agent: z.string().nullable(),
    status: paymentStatus,
    started_at: unixSeconds.nullable(),
    paid_at: unixSeconds.nullable(),
    failed_at: unixSeconds.nullable(),
    cancelled_at: unixSeconds.nullable(),
    fail_reason: z.string().nullable(),
    cancel_reason: z.string().nullable(),
    receipt_url: z.string().nullable(),
    cancel_history: z.array(PaymentCancelAnnotation).nullable(),
    deposit_history: z.array(VbankDepositAnnotation).nullable(),
    cancel_receipt_urls: z.array(z.string()).nullable(),
    cash_receipt_issued: z.boolean().nullable(),
    customer_uid: z.string().nullable(),
    customer_uid_usage: z.enum(["issue", "payment", "payment.scheduled"]).nullable(),
    promotion: z.object({ id: z.string(), discount: amount }).nullable(),
  })
  .meta({ id: "PaymentAnnotation" });

export const PagedPaymentAnnotation = z
  .object({
    total: z.number().int(),
    previous: z.number().int(),
    next: z.number().int(),
    list: z.array(PaymentAnnotation),
  })
  .meta({ id: "PagedPaymentAnnotation" });

export const PaymentBalanceAnnotation = z
  .object({ tax_free: amount, supply: amount, vat: amount, service: amount })
  .meta({ id: "PaymentBalanceAnnotation" });

export const PaymentBalanceHistoriesAnnotation = z
  .object({
    cash_receipt: PaymentBalanceAnnotation,
    primary: PaymentBalanceAnnotation,
    secondary: PaymentBalanceAnnotation,
    discount: PaymentBalanceAnnotation,
    created: unixSeconds,
  })
  .meta({ id: "PaymentBalanceHistoriesAnnotation" });

export const PaymentBalanceResponseAnnotation = z
  .object({
    amount,
    cash_receipt: PaymentBalanceAnnotation,
    primary: PaymentBalanceAnnotation,
    secondary: PaymentBalanceAnnotation,
    discount: PaymentBalanceAnnotation,
    histories: z.array(PaymentBalanceHistoriesAnnotation),
  })
  .meta({ id: "PaymentBalanceResponseAnnotation" });

export const PaymentPrepareAnnotation = z
  .object({ merchant_uid: z.string(), amount, currency: z.string().nullable() })
  .meta({ id: "PaymentPrepareAnnotation" });

// ---- requests

export const ImpUidParams = z.object({ imp_uid: z.string() });
export const MerchantUidParams = z.object({ merchant_uid: z.string() });

export const GetPaymentQuery = z.object({ include_sandbox: z.boolean().optional() });

export const GetPaymentsQuery = z.object({
  imp_uid: z.array(z.string()).optional(),
  merchant_uid: z.array(z.string()).optional(),
});

/** `payment_status` is optional on the wire: `/payments/find/{merchant_uid}` is served too. */
export const FindPaymentParams = z.object({
  merchant_uid: z.string(),
  payment_status: z.string().optional(),
});
export const FindPaymentQuery = z.object({ sorting: paymentSorting.default("-started") });
export const FindAllPaymentsQuery = z.object({
  page: z.number().int().optional(),
  limit: z.number().int().default(20),
  sorting: paymentSorting.default("-started"),
});

export const PaymentsByStatusParams = z.object({
  payment_status: z.enum(["all", "ready", "paid", "cancelled", "failed"]),
});
export const PaymentsByStatusQuery = z.object({
  page: z.number().int().optional(),
  limit: z.number().int().default(20),
  from: unixSeconds.optional(),
  to: unixSeconds.optional(),
  sorting: paymentSorting.default("-started"),
});

/** Either `imp_uid` or `merchant_uid` names the payment; the mock says which is missing. */
export const CancelPaymentRequest = z
  .object({
    imp_uid: z.string().optional(),
    merchant_uid: z.string().optional(),
    amount: amount.optional(),
    tax_free: amount.optional(),
    vat_amount: amount.optional(),
    checksum: amount.optional(),
    reason: z.string().optional(),
    refund_holder: z.string().optional(),
    refund_bank: z.string().optional(),
    refund_account: z.string().optional(),
    refund_tel: z.string().optional(),
    retain_promotion: z.boolean().optional(),
    enable_webhook: z.boolean().optional(),
    extra: z.object({ requester: z.enum(["customer", "admin"]).optional() }).optional(),
  })
  .meta({ id: "CancelPaymentRequest" });

export const PreparePaymentRequest = z
  .object({
    merchant_uid: z.string().max(40),
    amount,
    currency: z.string().optional(),
  })
  .meta({ id: "PreparePaymentRequest" });

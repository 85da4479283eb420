/** Billing keys (customers) and the payments made with a card or a billing key. */
import * as z from "zod";
import { amount, cardInput, noticeUrl, productType, unixSeconds } from "./common.ts";

export const CustomerAnnotation = z
  .object({
    customer_uid: z.string().max(80),
    pg_provider: z.string().max(16),
    pg_id: z.string().max(80),
    sandbox: z.boolean(),
    customer_id: z.string().nullable(),
    card_name: z.string(),
    card_code: z.string().nullable(),
    card_issuer_code: z.string().nullable(),
    card_issuer_name: z.string().nullable(),
    card_publisher_code: z.string().nullable(),
    card_publisher_name: z.string().nullable(),
    card_number: z.string().nullable(),
    card_type: z.number().int().nullable(),
    customer_name: z.string().max(20).nullable(),
    customer_tel: z.string().max(20).nullable(),
    customer_email: z.string().max(200).nullable(),
    customer_addr: z.string().max(200).nullable(),
    customer_postcode: z.string().max(8).nullable(),
    inserted: unixSeconds,
    updated: unixSeconds,
  })
  .meta({ id: "CustomerAnnotation" });

export const SucceededChannelAnnotation = z
  .object({
    pg_provider: z.string().max(16),
    pg_id: z.string().max(80),
    card_name: z.string().nullable(),
    card_code: z.string().nullable(),
    card_issuer_code: z.string().nullable(),
    card_issuer_name: z.string().nullable(),
    card_publisher_code: z.string().nullable(),
    card_publisher_name: z.string().nullable(),
    card_number: z.string().nullable(),
    card_type: z.number().int().nullable(),
    inserted: unixSeconds,
    updated: unixSeconds,
  })
  .meta({ id: "SucceededChannelAnnotation" });

export const FailedChannelAnnotation = z
  .object({
    type: z.enum(["INVALID_REQUEST", "PG_PROVIDER", "DB_FAILED"]),
    message: z.string(),
    pg_provider: z.string().max(16),
    pg_id: z.string().max(80),
  })
  .meta({ id: "FailedChannelAnnotation" });

export const SuperBillingKeyAnnotation = z
  .object({
    customer_uid: z.string().max(80),
    channelGroupId: z.string().max(80),
    customer_id: z.string().nullable(),
    customer_name: z.string().max(20).nullable(),
    customer_tel: z.string().max(20).nullable(),
    customer_email: z.string().max(200).nullable(),
    customer_addr: z.string().max(200).nullable(),
    customer_postcode: z.string().max(8).nullable(),
    succeededChannels: z.array(SucceededChannelAnnotation),
    failedChannels: z.array(FailedChannelAnnotation),
  })
  .meta({ id: "SuperBillingKeyAnnotation" });

/** GET/POST/DELETE /subscribe/customers/{customer_uid} answer with either kind of key. */
export const BillingKeyAnnotation = z.union([CustomerAnnotation, SuperBillingKeyAnnotation]);

export const SubscribePaymentExtra = z
  .object({ naverUseCfm: z.string().optional() })
  .meta({ id: "SubscribePaymentExtra" });

// ---- requests

export const CustomerUidParams = z.object({ customer_uid: z.string() });
export const IssueBillingKeyParams = z.object({ customer_uid: z.string().max(80) });

export const IssueBillingKeyRequest = z
  .object({
    channel_key: z.string().max(55).optional(),
    pg: z.string().max(80).optional(),
    customer_id: z.string().optional(),
    ...cardInput,
    customer_name: z.string().max(20).optional(),
    customer_tel: z.string().max(20).optional(),
    customer_email: z.string().max(200).optional(),
    customer_addr: z.string().max(200).optional(),
    customer_postcode: z.string().max(8).optional(),
    channel_group_id: z.string().max(55).optional(),
    /** The smart-routing guide's example sends the group under this name. */
    channelGroupId: z.string().max(55).optional(),
  })
  .meta({ id: "IssueBillingKeyRequest" });

export const DeleteBillingKeyQuery = z.object({
  reason: z.string().optional(),
  extra: z.object({ requester: z.enum(["customer", "admin"]).optional() }).optional(),
});

export const GetBillingKeysQuery = z.object({ customer_uid: z.array(z.string()) });

export const PageQuery = z.object({ page: z.number().int().default(1) });

/** Fields the keyed (onetime) and billing-key (again) payments share. */
const paymentRequestFields = {
  merchant_uid: z.string().max(40),
  currency: z.string().optional(),
  amount,
  tax_free: amount.optional(),
  vat_amount: amount.optional(),
  /** Deprecated upstream in favour of tax_free; still accepted. */
  vat: amount.optional(),
  buyer_name: z.string().max(16).optional(),
  buyer_email: z.string().max(64).optional(),
  buyer_tel: z.string().max(16).optional(),
  buyer_addr: z.string().max(128).optional(),
  buyer_postcode: z.string().max(8).optional(),
  card_quota: z.number().int().optional(),
  interest_free_by_merchant: z.boolean().default(false),
  use_card_point: z.boolean().default(false),
  custom_data: z.string().optional(),
  notice_url: noticeUrl.optional(),
  browser_ip: z.string().optional(),
  product_type: productType.optional(),
  promotion_id: z.string().optional(),
  bypass: z.string().optional(),
};

export const OnetimePaymentRequest = z
  .object({
    ...paymentRequestFields,
    ...cardInput,
    customer_uid: z.string().max(80).optional(),
    pg: z.string().max(80).optional(),
    channelGroupId: z.string().max(55).optional(),
    name: z.string().max(40).optional(),
    secure_3d_charge_id: z.string().optional(),
    secure_3d_token: z.string().optional(),
  })
  .meta({ id: "OnetimePaymentRequest" });

export const AgainPaymentRequest = z
  .object({
    ...paymentRequestFields,
    customer_uid: z.string().max(80),
    name: z.string().max(40),
    product_count: z.number().int().optional(),
    cash_receipt_type: z.enum(["person", "company", "anonymous"]).optional(),
    extra: SubscribePaymentExtra.optional(),
    channel_key: z.string().max(55).optional(),
  })
  .meta({ id: "AgainPaymentRequest" });

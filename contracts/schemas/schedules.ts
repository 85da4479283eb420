/** Scheduled payments made with a billing key when the clock passes `schedule_at`. */
import * as z from "zod";
import { amount, cardExpiry, noticeUrl, productType, scheduleStatus, unixSeconds } from "./common.ts";
import { SubscribePaymentExtra } from "./subscribe.ts";

export const ScheduleResultAnnotation = z
  .object({
    customer_uid: z.string(),
    merchant_uid: z.string().max(40),
    imp_uid: z.string().max(32).nullable(),
    pg_provider: z.string().max(16).nullable(),
    pg_id: z.string().max(64).nullable(),
    customer_id: z.string().nullable(),
    schedule_at: unixSeconds,
    executed_at: unixSeconds.nullable(),
    revoked_at: unixSeconds.nullable(),
    amount,
    currency: z.string(),
    name: z.string().max(40).nullable(),
    buyer_name: z.string().max(16).nullable(),
    buyer_email: z.string().max(64).nullable(),
    buyer_tel: z.string().max(16).nullable(),
    buyer_addr: z.string().max(128).nullable(),
    buyer_postcode: z.string().max(8).nullable(),
    custom_data: z.string().nullable(),
    schedule_status: scheduleStatus,
    payment_status: z.enum(["ready", "paid", "cancelled", "failed"]).nullable(),
    fail_reason: z.string().nullable(),
    promotion_id: z.string().nullable(),
  })
  .meta({ id: "ScheduleResultAnnotation" });

/** One entry of `schedules` on POST /subscribe/payments/schedule. */
export const ScheduleAnnotation = z
  .object({
    merchant_uid: z.string(),
    schedule_at: unixSeconds,
    currency: z.string().optional(),
    amount,
    tax_free: amount.optional(),
    vat_amount: amount.optional(),
    name: z.string().max(40),
    buyer_name: z.string().max(16).optional(),
    buyer_email: z.string().max(64).optional(),
    buyer_tel: z.string().max(16).optional(),
    buyer_addr: z.string().max(128).optional(),
    buyer_postcode: z.string().max(8).optional(),
    custom_data: z.string().optional(),
    notice_url: noticeUrl.optional(),
    product_type: productType.optional(),
    cash_receipt_type: z.enum(["person", "company", "anonymous"]).optional(),
    card_quota: z.number().optional(),
    interest_free_by_merchant: z.boolean().optional(),
    use_card_point: z.boolean().optional(),
    product_count: z.number().int().optional(),
    browser_ip: z.string().optional(),
    extra: SubscribePaymentExtra.optional(),
    bypass: z.string().optional(),
    promotion_id: z.string().optional(),
  })
  .meta({ id: "ScheduleAnnotation" });

export const ScheduleRequest = z
  .object({
    customer_uid: z.string().max(80),
    customer_id: z.string().optional(),
    checking_amount: z.number().int().optional(),
    card_number: z.string().optional(),
    expiry: cardExpiry.optional(),
    birth: z.string().optional(),
    pwd_2digit: z.string().optional(),
    cvc: z.string().optional(),
    channel_key: z.string().max(55).optional(),
    schedules: z.array(ScheduleAnnotation).min(1),
  })
  .meta({ id: "ScheduleRequest" });

export const UnscheduleRequest = z
  .object({
    customer_uid: z.string().optional(),
    merchant_uid: z.array(z.string()).optional(),
  })
  .meta({ id: "UnscheduleRequest" });

export const SchedulesByRangeQuery = z.object({
  schedule_from: unixSeconds,
  schedule_to: unixSeconds,
  schedule_status: scheduleStatus.optional(),
  page: z.number().int().optional(),
  limit: z.number().int().default(20),
  sorting: z.string().optional(),
});

export const SchedulesByCustomerQuery = z.object({
  page: z.number().int().optional(),
  from: unixSeconds,
  to: unixSeconds,
  "schedule-status": scheduleStatus.optional(),
});

export const ScheduleAtRequest = z.object({ schedule_at: unixSeconds }).meta({ id: "ScheduleAtRequest" });

/**
 * The browser checkout: what `IMP.request_pay(params, callback)` takes and what it hands its
 * callback (PortOne's V1 JavaScript SDK docs: 결제요청 파라미터, 결제응답 파라미터), and the fields
 * a completed browser payment shares with the control API's stand-in (POST /__mock/payments).
 */
import * as z from "zod";
import { noticeUrl } from "./schemas/common.ts";
import { PaymentAnnotation } from "./schemas/payments.ts";
import { vbankDue } from "./schemas/vbanks.ts";

/**
 * The order as a browser payment describes it, in the SDK's names. The control API's
 * completeCheckout spreads the same fields, so the two paths cannot drift apart.
 */
export const browserPaymentFields = {
  merchant_uid: z.string().min(1).max(40),
  amount: z.number().positive(),
  pay_method: z.string().default("card"),
  tax_free: z.number().min(0).optional(),
  currency: z.string().default("KRW"),
  name: z.string().optional(),
  buyer_name: z.string().optional(),
  buyer_email: z.string().optional(),
  buyer_tel: z.string().optional(),
  customer_uid: z.string().optional(),
  /** An escrow payment, which takes shipping details afterwards. */
  escrow: z.boolean().default(false),
  /** For pay_method vbank: the deposit deadline; required through a group, as the smart-routing guide says. */
  vbank_due: vbankDue.optional(),
};

/** `IMP.request_pay`'s first argument, as the V1 SDK takes it; fields it does not define are passed over. */
export const RequestPayParams = z.object({
  ...browserPaymentFields,
  /** The channel, as the console names it (the current way). */
  channelKey: z.string().optional(),
  /** Deprecated: `provider` or `provider.MID`. */
  pg: z.string().optional(),
  /** A smart-routing group: one member is drawn by the group's ratios. */
  channelGroupId: z.string().optional(),
  vat_amount: z.number().min(0).optional(),
  buyer_addr: z.string().optional(),
  buyer_postcode: z.string().optional(),
  /** Echoed back; kept as JSON text, as the SDK docs say. */
  custom_data: z.unknown().optional(),
  notice_url: noticeUrl.optional(),
  m_redirect_url: z.string().optional(),
  digital: z.boolean().optional(),
  display: z.object({ card_quota: z.array(z.number().int()).optional() }).optional(),
  /** The buyer's id at the merchant, which some PGs need to issue a billing key (Smartro v2: ≤ 20). */
  customer_id: z.string().optional(),
  language: z.string().optional(),
});

/**
 * What the callback (or the promise) receives: `success`, the error, and the payment's fields the
 * SDK docs list (typed as the payment's own); PGs in FOUR_FIELD_RESPONSE_PGS get only imp_uid, merchant_uid, error_code and
 * error_msg. imp_uid is null when the request was refused before a payment existed.
 */
export const RequestPayResponse = PaymentAnnotation.pick({
  name: true,
  pg_tid: true,
  buyer_name: true,
  buyer_email: true,
  buyer_tel: true,
  buyer_addr: true,
  buyer_postcode: true,
  custom_data: true,
  currency: true,
  paid_at: true,
  receipt_url: true,
  apply_num: true,
  card_name: true,
  card_number: true,
  card_quota: true,
  vbank_num: true,
  vbank_name: true,
  vbank_holder: true,
  vbank_date: true,
})
  .partial()
  .extend({
    success: z.boolean().optional(),
    imp_uid: z.string().nullable(),
    merchant_uid: z.string(),
    error_code: z.string().optional(),
    error_msg: z.string().optional(),
    pay_method: z.string().optional(),
    paid_amount: z.number().optional(),
    status: z.enum(["ready", "paid", "failed"]).optional(),
    pg_provider: z.string().optional(),
  });
export type RequestPayResponse = z.output<typeof RequestPayResponse>;

/**
 * "위 JS SDK 버전을 사용하면서 (신) 토스페이먼츠, (신) 스마트로, (신) 나이스페이먼츠, (신) 페이팔,
 * KSNET, 웰컴페이먼츠 연동시에는 imp_uid, merchant_uid, error_code, error_msg만 제공됩니다"
 * (결제응답 파라미터). The merchant must look the payment up on its server.
 */
export const FOUR_FIELD_RESPONSE_PGS: readonly string[] = [
  "tosspayments",
  "smartro_v2",
  "nice_v2",
  "paypal_v2",
  "ksnet",
  "welcome",
];

/** The SDK's file names: the current one and the older versioned one (`/js/iamport.payment-1.2.0.js`). */
export const SDK_SCRIPT_PATHS = { current: "/v1/iamport.js", versioned: "/js/:file{iamport\\.payment-[0-9.]+\\.js}" };

/** Where the mock's checkout window lives (the SDK opens it in an overlay iframe or by redirect). */
export const CHECKOUT_PREFIX = "/__checkout";

/**
 * What the SDK hands back for a checkout: the callback's response object (PortOne's 결제응답
 * 파라미터) and, after a redirect, the query string for `m_redirect_url`. A refusal's `error_msg`
 * is the failure's message as the API would answer it (render-failure.ts), so the two never differ.
 */
import { FOUR_FIELD_RESPONSE_PGS, type RequestPayResponse } from "../../../contracts/checkout.ts";
import type { MessageMode } from "../../../contracts/mock/config.ts";
import type { Failure, FailureKind } from "../../core/errors.ts";
import type { PaymentView } from "../../core/model.ts";
import { failureEnvelope } from "../render-failure.ts";

/** The buyer closed the window: the text PGs commonly report for it (decision 012). */
export const BUYER_CLOSED: Failure = {
  kind: "rejected",
  explanation: "the buyer closed the checkout window",
  says: { key: "buyerClosed" },
};
const BUYER_CLOSED_CODE = "USER_CANCELLED";

const ERROR_CODES: Record<FailureKind, string> = {
  invalidRequest: "INVALID_REQUEST",
  unauthorized: "UNAUTHORIZED",
  notFound: "NOT_FOUND",
  methodNotAllowed: "INVALID_REQUEST",
  conflict: "CONFLICT",
  notSupported: "NOT_SUPPORTED",
  payloadTooLarge: "INVALID_REQUEST",
  rejected: "REJECTED",
  cardRefused: "CARD_REFUSED",
  pgError: "PG_ERROR",
  serverError: "SERVER_ERROR",
};

/** A checkout refused before any payment existed (imp_uid null), or closed by the buyer. */
export function refusalResponse(merchant_uid: string, failure: Failure, messages: MessageMode): RequestPayResponse {
  return {
    success: false,
    imp_uid: null,
    merchant_uid,
    error_code: failure === BUYER_CLOSED ? BUYER_CLOSED_CODE : ERROR_CODES[failure.kind],
    // Not an API operation: the failure's usual kind, and the text the config's `messages` asks for.
    error_msg: failureEnvelope(failure, { operation: null, messages }).body.message ?? failure.explanation,
  };
}

/** A PG's code in a decline reason (`[1001] card declined by the issuer`), else a generic one. */
const declineCode = (reason: string | null) => /^\[(\w+)\]/.exec(reason ?? "")?.[1] ?? "DECLINED";

/** The payment the window made, as the SDK reports it (only four fields for the PGs its docs name). */
export function paymentResponse(payment: PaymentView): RequestPayResponse {
  const failed = payment.status === "failed";
  const error = failed ? { error_code: declineCode(payment.fail_reason), error_msg: payment.fail_reason ?? "" } : {};
  if (FOUR_FIELD_RESPONSE_PGS.includes(payment.pg_provider ?? ""))
    return { imp_uid: payment.imp_uid, merchant_uid: payment.merchant_uid, ...error };
  return {
    success: !failed,
    imp_uid: payment.imp_uid,
    merchant_uid: payment.merchant_uid,
    ...error,
    pay_method: payment.pay_method ?? "card",
    paid_amount: payment.status === "paid" ? payment.amount : 0,
    status: payment.status === "cancelled" ? "failed" : payment.status,
    name: payment.name,
    pg_provider: payment.pg_provider ?? "",
    pg_tid: payment.pg_tid,
    buyer_name: payment.buyer_name,
    buyer_email: payment.buyer_email,
    buyer_tel: payment.buyer_tel,
    buyer_addr: payment.buyer_addr,
    buyer_postcode: payment.buyer_postcode,
    custom_data: payment.custom_data,
    currency: payment.currency,
    paid_at: payment.paid_at,
    receipt_url: payment.receipt_url,
    ...(payment.pay_method === "card"
      ? {
          apply_num: payment.apply_num,
          card_name: payment.card_name,
          card_number: payment.card_number,
          card_quota: payment.card_quota,
        }
      : {}),
    ...(payment.pay_method === "vbank"
      ? {
          vbank_num: payment.vbank_num,
          vbank_name: payment.vbank_name,
          vbank_holder: payment.vbank_holder,
          vbank_date: payment.vbank_date,
        }
      : {}),
  };
}

/** The query `m_redirect_url` receives: imp_uid, merchant_uid, imp_success, and error_code/error_msg on failure. */
export function redirectTarget(m_redirect_url: string, response: RequestPayResponse): string {
  const target = new URL(m_redirect_url);
  if (response.imp_uid !== null) target.searchParams.set("imp_uid", response.imp_uid);
  target.searchParams.set("merchant_uid", response.merchant_uid);
  const succeeded = response.error_code === undefined;
  target.searchParams.set("imp_success", String(succeeded));
  if (!succeeded) {
    target.searchParams.set("error_code", response.error_code!);
    target.searchParams.set("error_msg", response.error_msg ?? "");
  }
  return target.toString();
}

/**
 * Scenario steps the property commands are made of, so a run and its counterexample file are the
 * same thing: what fails in the suite fails on replay, step for step.
 */
import type { CallStep, ScenarioStep } from "../../contracts/scenarios.ts";
import { impUid, merchantUid, type Order } from "./model.ts";

export const BUYER = { buyer_name: "Kim", buyer_email: "kim@example.com", buyer_tel: "01012345678" };
export const REFUND_ACCOUNT = {
  refund_holder: "Kim",
  refund_bank: "088",
  refund_account: "110123456789",
  refund_tel: "01012345678",
};
export const CARD = { card_number: "4242424242424242", expiry: "2030-12" };
export const DECLINED_CARD = "4000000000000002";

/** The PG of a payment: exact, or one of a group's members. */
export const pgMatcher = (order: Order) => (order.pgs.length === 1 ? order.pgs[0]! : { $one_of: order.pgs });

/**
 * The lookups that hold the target to the model after a command: the payment's status, amounts,
 * refunds, PG and receipt flag, and its cash receipt when it has had one.
 */
export function lookUp(order: Order): ScenarioStep[] {
  const payment: CallStep = {
    name: `${order.id} looked up`,
    call: "getPaymentByImpUid",
    params: { imp_uid: impUid(order.id) },
    expect: {
      response: {
        merchant_uid: merchantUid(order.id),
        status: order.status,
        amount: order.amount,
        cancel_amount: order.refunded,
        cancel_history: { $length: order.refunds },
        pay_method: order.method,
        pg_provider: pgMatcher(order),
        cash_receipt_issued: order.receipt === "issued",
      },
    },
  };
  if (order.receipt === "none") return [payment];
  const receipt: CallStep = {
    name: `${order.id} receipt looked up`,
    call: "getReceipt",
    params: { imp_uid: impUid(order.id) },
    expect: {
      response: {
        imp_uid: impUid(order.id),
        cancelled_at: order.receipt === "issued" ? 0 : { $range: { min: 1 } },
        ...(order.receipt === "issued" && order.receiptAmount !== undefined ? { amount: order.receiptAmount } : {}),
      },
    },
  };
  return [payment, receipt];
}

/** The webhook a payment event owes (the mock's receiver; skipped on live). */
export function webhookFor(order: Order, status: string): ScenarioStep {
  return {
    name: `${order.id} webhook ${status}`,
    await_webhook: { match: { imp_uid: impUid(order.id), status }, within_ms: 5_000 },
  };
}

/** A refusal step: HTTP status and code as the mock answers, and what its explanation names. */
export function refused(expectStatus: number, code: number, messagePart?: string) {
  return { status: expectStatus, code, ...(messagePart ? { explanation: { $contains: messagePart } } : {}) };
}

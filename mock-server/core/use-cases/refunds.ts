/** Refunds: through the API, served by the PG that took the payment, and from PortOne's console. */
import type { Deps } from "../deps.ts";
import type { MerchantState, PaymentView } from "../model.ts";
import { cancelPayment, paymentFacts, paymentToCancel, type CancelRequest } from "../payments/cancel.ts";
import { findByImpUid } from "../payments/lookups.ts";
import { servedBy, type UseCaseContext } from "../use-case.ts";

/** POST /payments/cancel: the PG that took the payment refunds it, or refuses (an armed decline) in its own words. */
export function refund(ctx: UseCaseContext, body: CancelRequest): PaymentView {
  const payment = paymentToCancel(ctx.merchant, body);
  const serving = {
    channel: ctx.merchant.channels.get(payment.channelKey)!,
    context: { payment: paymentFacts(payment) },
  };
  const act = (armed: Parameters<typeof cancelPayment>[4]) =>
    cancelPayment(ctx.deps, ctx.merchant, payment, body, armed).view;
  return servedBy(ctx, serving, act, { answersArmed: true });
}

/**
 * A cancel from PortOne's console (POST /__mock/payments/{imp_uid}/cancel): no PG rules or armed
 * failures of the API apply, and it always owes the cancel webhook (docs/domain.md §5).
 */
export function cancelFromConsole(
  deps: Deps,
  merchant: MerchantState,
  imp_uid: string,
  request: Omit<CancelRequest, "imp_uid">,
): PaymentView {
  const record = findByImpUid(merchant, imp_uid, { includeSandbox: true });
  return cancelPayment(deps, merchant, record, { ...request, imp_uid }, undefined, "console").view;
}

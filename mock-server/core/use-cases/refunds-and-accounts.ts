/**
 * Refunds, virtual accounts, escrow shipping and cash receipts: each is served by the channel of
 * the payment (or receipt) it is about, or the one the request names, under that PG's rules.
 */
import { resolveChannel } from "../channels.ts";
import { changeShipment, registeredShipment, registerShipment, shipmentView } from "../escrows.ts";
import type { MerchantState, PaymentView, ShipmentChange, ShipmentRegistration } from "../model.ts";
import { cancelPayment, paymentFacts, paymentToCancel, type CancelRequest } from "../payments/cancel.ts";
import { paymentAndChannel } from "../payments/lookups.ts";
import { issueVbank, modifyVbank, revokeVbank, type VbankChange, type VbankRequest } from "../payments/vbanks.ts";
import {
  issueExternalReceipt,
  issueReceipt,
  receiptOf,
  receiptView,
  revokeExternalReceipt,
  revokeReceipt,
  type ExternalReceiptRequest,
  type ReceiptRequest,
} from "../receipts.ts";
import { servedBy, type UseCaseContext } from "../use-case.ts";

/** POST /payments/cancel: the PG that took the payment refunds it, or refuses (an armed decline) in its own words. */
export function refund(ctx: UseCaseContext, body: CancelRequest): PaymentView {
  const payment = paymentToCancel(ctx.merchant, body);
  const serving = {
    channel: ctx.merchant.channels.get(payment.channelKey)!,
    context: { payment: paymentFacts(payment) },
  };
  return servedBy(ctx, serving, (armed) => cancelPayment(ctx.deps, ctx.merchant, payment, body, armed).view, true);
}

export function issueVirtualAccount(ctx: UseCaseContext, body: VbankRequest): PaymentView {
  const channel = resolveChannel(ctx.merchant, { channel_key: body.channel_key });
  return servedBy(ctx, { channel }, () => issueVbank(ctx.deps, ctx.merchant, channel, body).view);
}

export function changeVirtualAccount(ctx: UseCaseContext, imp_uid: string, body: VbankChange): PaymentView {
  const { payment, channel } = paymentAndChannel(ctx.merchant, imp_uid);
  return servedBy(ctx, { channel }, () => modifyVbank(ctx.deps, payment, body, channel).view);
}

export function revokeVirtualAccount(ctx: UseCaseContext, imp_uid: string): PaymentView {
  const { payment, channel } = paymentAndChannel(ctx.merchant, imp_uid);
  return servedBy(ctx, { channel }, () => revokeVbank(ctx.deps, payment).view);
}

export function registerShipping(ctx: UseCaseContext, imp_uid: string, body: ShipmentRegistration) {
  const { payment, channel } = paymentAndChannel(ctx.merchant, imp_uid);
  return servedBy(ctx, { channel }, () => shipmentView(registerShipment(ctx.merchant, payment, body, ctx.deps.now)));
}

export function changeShipping(ctx: UseCaseContext, imp_uid: string, body: ShipmentChange) {
  const { payment, channel } = paymentAndChannel(ctx.merchant, imp_uid);
  return servedBy(ctx, { channel }, () => shipmentView(changeShipment(ctx.merchant, payment, body, ctx.deps.now)));
}

export function showShipping(ctx: UseCaseContext, imp_uid: string) {
  const { payment, channel } = paymentAndChannel(ctx.merchant, imp_uid);
  return servedBy(ctx, { channel }, () => shipmentView(registeredShipment(ctx.merchant, payment)));
}

export function issueCashReceipt(ctx: UseCaseContext, imp_uid: string, body: ReceiptRequest) {
  const { payment, channel } = paymentAndChannel(ctx.merchant, imp_uid);
  return servedBy(ctx, { channel }, () => ({
    imp_uid,
    ...receiptView(issueReceipt(ctx.deps, ctx.merchant, payment, channel, body)),
  }));
}

export function showCashReceipt(ctx: UseCaseContext, imp_uid: string) {
  const { payment, channel } = paymentAndChannel(ctx.merchant, imp_uid);
  return servedBy(ctx, { channel }, () => ({
    imp_uid,
    ...receiptView(receiptOf(ctx.merchant.receipts, payment.view.imp_uid, payment.view.imp_uid)),
  }));
}

export function revokeCashReceipt(ctx: UseCaseContext, imp_uid: string) {
  const { payment, channel } = paymentAndChannel(ctx.merchant, imp_uid);
  return servedBy(ctx, { channel }, () => ({
    imp_uid,
    ...receiptView(revokeReceipt(ctx.deps, ctx.merchant, payment)),
  }));
}

export function issueExternalCashReceipt(ctx: UseCaseContext, merchant_uid: string, body: ExternalReceiptRequest) {
  const channel = resolveChannel(ctx.merchant, { channel_key: body.channel_key });
  return servedBy(ctx, { channel }, () => ({
    merchant_uid,
    ...receiptView(issueExternalReceipt(ctx.deps, ctx.merchant, merchant_uid, channel, body)),
  }));
}

/** An external receipt and the channel that issued it: that channel's PG answers GET and DELETE. */
function externalReceipt(merchant: MerchantState, merchant_uid: string) {
  const receipt = receiptOf(merchant.externalReceipts, merchant_uid, `merchant_uid ${merchant_uid}`);
  return { receipt, channel: merchant.channels.get(receipt.channelKey)! };
}

export function showExternalCashReceipt(ctx: UseCaseContext, merchant_uid: string) {
  const { receipt, channel } = externalReceipt(ctx.merchant, merchant_uid);
  return servedBy(ctx, { channel }, () => ({ merchant_uid, ...receiptView(receipt) }));
}

export function revokeExternalCashReceipt(ctx: UseCaseContext, merchant_uid: string) {
  const { channel } = externalReceipt(ctx.merchant, merchant_uid);
  return servedBy(ctx, { channel }, () => ({
    merchant_uid,
    ...receiptView(revokeExternalReceipt(ctx.deps, ctx.merchant, merchant_uid)),
  }));
}

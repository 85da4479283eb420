/**
 * Cash receipts: for a PortOne payment, through the PG that took it; for a payment made elsewhere,
 * through the channel named at issue, whose PG then answers GET and DELETE.
 */
import { resolveChannel } from "../channels.ts";
import type { MerchantState } from "../model.ts";
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
import { servedBy, servedByPaymentsChannel, type UseCaseContext } from "../use-case.ts";

type ReceiptView = ReturnType<typeof receiptView>;

export function issueCashReceipt(
  ctx: UseCaseContext,
  imp_uid: string,
  body: ReceiptRequest,
): ReceiptView & { imp_uid: string } {
  return servedByPaymentsChannel(ctx, imp_uid, (payment, channel) => ({
    imp_uid,
    ...receiptView(issueReceipt(ctx.deps, ctx.merchant, payment, channel, body)),
  }));
}

export function showCashReceipt(ctx: UseCaseContext, imp_uid: string): ReceiptView & { imp_uid: string } {
  return servedByPaymentsChannel(ctx, imp_uid, (payment) => ({
    imp_uid,
    ...receiptView(
      receiptOf(ctx.merchant.receipts, payment.view.imp_uid, payment.view.imp_uid, {
        key: "receiptNotFound",
        params: { imp_uid: payment.view.imp_uid },
      }),
    ),
  }));
}

export function revokeCashReceipt(ctx: UseCaseContext, imp_uid: string): ReceiptView & { imp_uid: string } {
  return servedByPaymentsChannel(ctx, imp_uid, (payment) => ({
    imp_uid,
    ...receiptView(revokeReceipt(ctx.deps, ctx.merchant, payment)),
  }));
}

type ExternalReceiptAnswer = ReceiptView & { merchant_uid: string };

export function issueExternalCashReceipt(
  ctx: UseCaseContext,
  merchant_uid: string,
  body: ExternalReceiptRequest,
): ExternalReceiptAnswer {
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

export function showExternalCashReceipt(ctx: UseCaseContext, merchant_uid: string): ExternalReceiptAnswer {
  const { receipt, channel } = externalReceipt(ctx.merchant, merchant_uid);
  return servedBy(ctx, { channel }, () => ({ merchant_uid, ...receiptView(receipt) }));
}

export function revokeExternalCashReceipt(ctx: UseCaseContext, merchant_uid: string): ExternalReceiptAnswer {
  const { channel } = externalReceipt(ctx.merchant, merchant_uid);
  return servedBy(ctx, { channel }, () => ({
    merchant_uid,
    ...receiptView(revokeExternalReceipt(ctx.deps, ctx.merchant, merchant_uid)),
  }));
}

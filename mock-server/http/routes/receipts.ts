/** /receipts: cash receipts for PortOne payments (by imp_uid) and for payments made elsewhere (by merchant_uid). */
import { Hono } from "hono";
import { resolveChannel } from "../../core/channels.ts";
import { paymentAndChannel } from "../../core/payments/lookups.ts";
import { issueExternalReceipt, issueReceipt, receiptOf, receiptView, revokeExternalReceipt, revokeReceipt } from "../../core/receipts.ts";
import type { MerchantState } from "../../core/model.ts";
import type { MockEnv } from "../env.ts";
import { operationServer, type RouteContext } from "../operation-route.ts";

/** An external receipt and the channel that issued it: that channel's PG answers GET and DELETE. */
function externalReceipt(merchant: MerchantState, merchant_uid: string) {
  const receipt = receiptOf(merchant.externalReceipts, merchant_uid, `merchant_uid ${merchant_uid}`);
  return { receipt, channel: merchant.channels.get(receipt.channelKey)! };
}

export function receiptsRoutes(context: RouteContext): Hono<MockEnv> {
  const app = new Hono<MockEnv>();
  const serve = operationServer(app, context);
  serve("issueReceipt", {
    target: ({ merchant, params }) => paymentAndChannel(merchant, params.imp_uid),
    handle: ({ merchant, body, deps }, { payment, channel }) => ({ imp_uid: payment.view.imp_uid, ...receiptView(issueReceipt(deps, merchant, payment, channel, body)) }),
  });
  serve("getReceipt", {
    target: ({ merchant, params }) => paymentAndChannel(merchant, params.imp_uid),
    handle: ({ merchant }, { payment }) => ({ imp_uid: payment.view.imp_uid, ...receiptView(receiptOf(merchant.receipts, payment.view.imp_uid, payment.view.imp_uid)) }),
  });
  serve("revokeReceipt", {
    target: ({ merchant, params }) => paymentAndChannel(merchant, params.imp_uid),
    handle: ({ merchant, deps }, { payment }) => ({ imp_uid: payment.view.imp_uid, ...receiptView(revokeReceipt(deps, merchant, payment)) }),
  });
  serve("issueExternalReceipt", {
    target: ({ merchant, body }) => ({ channel: resolveChannel(merchant, { channel_key: body.channel_key }) }),
    handle: ({ merchant, params, body, deps }, { channel }) => ({ merchant_uid: params.merchant_uid, ...receiptView(issueExternalReceipt(deps, merchant, params.merchant_uid, channel, body)) }),
  });
  serve("getExternalReceipt", {
    target: ({ merchant, params }) => externalReceipt(merchant, params.merchant_uid),
    handle: ({ params }, { receipt }) => ({ merchant_uid: params.merchant_uid, ...receiptView(receipt) }),
  });
  serve("revokeExternalReceipt", {
    target: ({ merchant, params }) => externalReceipt(merchant, params.merchant_uid),
    handle: ({ merchant, params, deps }) => ({ merchant_uid: params.merchant_uid, ...receiptView(revokeExternalReceipt(deps, merchant, params.merchant_uid)) }),
  });
  return app;
}

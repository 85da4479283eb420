/**
 * A payment the buyer completed in the browser (IMP.request_pay): by the channel named, the
 * default one, or a smart-routing group's pick. The REST API cannot create one; the control API's
 * POST /__mock/payments stands in for the checkout, and the browser checkout will call this too.
 */
import type { z } from "zod";
import type { CompleteCheckoutRequest } from "../../../contracts/mock/control.ts";
import { resolveChannel } from "../channels.ts";
import type { Deps } from "../deps.ts";
import { failure } from "../errors.ts";
import type { MerchantState, PaymentView } from "../model.ts";
import { completeCheckout } from "../payments/checkout.ts";
import { normaliseVbankDue } from "../payments/vbanks.ts";
import { pickFromGroup } from "../routing/choose-channel.ts";

export type CheckoutRequest = Omit<z.output<typeof CompleteCheckoutRequest>, "store_code">;

export function checkOut(deps: Deps, merchant: MerchantState, body: CheckoutRequest): PaymentView {
  if (body.channel_group_id === undefined)
    return completeCheckout(deps, merchant, {
      ...body,
      channel: resolveChannel(merchant, { channel_key: body.channel_key }),
    }).view;
  if (body.pay_method === "vbank" && body.vbank_due === undefined) {
    throw failure(
      "invalidRequest",
      "vbank_due is required for a virtual account through smart routing (YYYY-MM-DD, YYYYMMDD, YYYY-MM-DD HH:mm:ss, YYYYMMDDHHmmss or unix seconds)",
    );
  }
  // A malformed deadline is bad input: refused before a channel is picked.
  if (body.vbank_due !== undefined) normaliseVbankDue(body.vbank_due, null);
  const routed = pickFromGroup(deps.random, merchant, body.channel_group_id, "checkout", body.pay_method);
  const payment = completeCheckout(deps, merchant, { ...body, channel: routed.channel });
  routed.countPick();
  return payment.view;
}

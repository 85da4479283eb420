/**
 * A payment the buyer completed in the browser (IMP.request_pay): by the channel named, the
 * default one, or a smart-routing group's pick (`channelGroupId`, the SDK's spelling, or
 * `channel_group_id`). The serving PG's rules for the browser flow apply (the `request_pay` rows of
 * the rule matrix, e.g. Smartro v2's merchant_uid charset). The REST API cannot create such a
 * payment; the control API's POST /__mock/payments stands in for the checkout, and the browser
 * checkout will call this too.
 */
import type { z } from "zod";
import type { CompleteCheckoutRequest } from "../../../contracts/mock/control.ts";
import { checkPgRules } from "../../pg/check-rules.ts";
import { resolveChannel } from "../channels.ts";
import type { Deps } from "../deps.ts";
import { failure } from "../errors.ts";
import type { Channel, MerchantState, PaymentView } from "../model.ts";
import { completeCheckout } from "../payments/checkout.ts";
import { normaliseVbankDue } from "../payments/vbanks.ts";
import { direct, pickFromGroup } from "../routing/choose-channel.ts";

type CheckoutRequest = Omit<z.output<typeof CompleteCheckoutRequest>, "store_code">;

export function checkOut(deps: Deps, merchant: MerchantState, body: CheckoutRequest): PaymentView {
  const groupId = body.channel_group_id ?? body.channelGroupId;
  if (groupId !== undefined && body.pay_method === "vbank" && body.vbank_due === undefined) {
    throw failure(
      "invalidRequest",
      "vbank_due is required for a virtual account through smart routing (YYYY-MM-DD, YYYYMMDD, YYYY-MM-DD HH:mm:ss, YYYYMMDDHHmmss or unix seconds)",
    );
  }
  // A malformed deadline is bad input: refused before a channel is picked.
  if (groupId !== undefined && body.vbank_due !== undefined) normaliseVbankDue(body.vbank_due, null);
  const routed =
    groupId === undefined
      ? direct(resolveChannel(merchant, { channel_key: body.channel_key }))
      : pickFromGroup(deps.random, merchant, groupId, "checkout", body.pay_method);
  requireBrowserRules(routed.channel, body);
  const payment = completeCheckout(deps, merchant, { ...body, channel: routed.channel });
  routed.countPick();
  return payment.view;
}

/** The serving PG's rules for the browser flow, every problem named, as the SDK's callback would report them. */
function requireBrowserRules(channel: Channel, body: CheckoutRequest): void {
  const violations = checkPgRules(channel.pg_provider, "request_pay", body);
  if (violations.length) throw failure("invalidRequest", violations.map((v) => v.message).join("; "));
}

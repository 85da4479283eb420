/**
 * A payment the buyer completes in the browser (IMP.request_pay): by the channel named
 * (`channel_key`, the deprecated `pg`), the default one, or a smart-routing group's pick
 * (`channelGroupId`, the SDK's spelling, or `channel_group_id`). The serving PG's rules for the
 * browser flow apply (the `request_pay` rows of the rule matrix: Smartro v2's buyer_tel,
 * merchant_uid charset, vbank_due, customer_id, …), and so do a pre-registered amount and an order
 * already paid. The mock's checkout window (http/checkout/) opens with `routeCheckout` and completes
 * with `checkOut`; the control API's POST /__mock/payments calls `checkOut` in one step.
 */
import type { z } from "zod";
import type { RequestPayParams } from "../../../contracts/checkout.ts";
import type { CompleteCheckoutRequest } from "../../../contracts/mock/control.ts";
import { checkPgRules } from "../../pg/check-rules.ts";
import { requirePayMethod, resolveChannel } from "../channels.ts";
import type { Deps } from "../deps.ts";
import { failure } from "../errors.ts";
import type { Channel, MerchantState, PaymentView } from "../model.ts";
import { checkChargeable } from "../payments/charge.ts";
import { completeCheckout, type CheckoutInput } from "../payments/checkout.ts";
import { normaliseVbankDue, vbankDeadline } from "../payments/vbanks.ts";
import { direct, drawnMember, pickFromGroup, type RoutedChannel } from "../routing/choose-channel.ts";

/** The order as the control API and the checkout window both hand it over (SDK names, channel_key for channelKey). */
export type CheckoutRequest = Omit<z.output<typeof CompleteCheckoutRequest>, "store_code"> &
  Partial<
    Pick<
      z.output<typeof RequestPayParams>,
      "pg" | "customer_id" | "digital" | "vat_amount" | "buyer_addr" | "buyer_postcode" | "notice_url"
    >
  > & { custom_data?: string | undefined };

/** How the window was opened, and the group member it already drew and showed. */
export type CheckoutWindow = Pick<CheckoutInput, "origin" | "user_agent" | "vbankAwaitsDeposit"> & {
  drawn?: string | undefined;
};

/** The smart-routing group a checkout names, in either spelling (the SDK's `channelGroupId` or `channel_group_id`). */
export const requestedGroupId = (body: CheckoutRequest) => body.channel_group_id ?? body.channelGroupId;

/**
 * Every check a checkout makes before anything changes, and the channel that serves it: a group's
 * member is drawn here (or, once the window showed it, taken as `drawn`), and counted only when
 * the payment is made.
 */
export function routeCheckout(
  deps: Deps,
  merchant: MerchantState,
  body: CheckoutRequest,
  drawn?: string,
): RoutedChannel {
  const groupId = requestedGroupId(body);
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
      ? direct(resolveChannel(merchant, { channel_key: body.channel_key, pg: body.pg }))
      : drawn !== undefined
        ? drawnMember(merchant, groupId, drawn, "checkout", body.pay_method)
        : pickFromGroup(deps.random, merchant, groupId, "checkout", body.pay_method);
  requireBrowserRules(routed.channel, body);
  requirePayMethod(routed.channel, body.pay_method);
  // The serving channel's deadline rules (its time of day, a date already past): refused before any window.
  if (body.pay_method === "vbank" && body.vbank_due !== undefined)
    vbankDeadline(routed.channel, body.vbank_due, deps.now);
  checkChargeable(merchant, body);
  return routed;
}

export function checkOut(
  deps: Deps,
  merchant: MerchantState,
  body: CheckoutRequest,
  window: CheckoutWindow = {},
): PaymentView {
  const { drawn, ...how } = window;
  const routed = routeCheckout(deps, merchant, body, drawn);
  const payment = completeCheckout(deps, merchant, { ...body, ...how, channel: routed.channel });
  routed.countPick();
  return payment.view;
}

/** The serving PG's rules for the browser flow, every problem named, as the SDK's callback would report them. */
function requireBrowserRules(channel: Channel, body: CheckoutRequest): void {
  const violations = checkPgRules(channel.pg_provider, "request_pay", body);
  if (violations.length) throw failure("invalidRequest", violations.map((v) => v.message).join("; "));
}

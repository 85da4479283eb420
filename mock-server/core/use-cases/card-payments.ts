/**
 * Card payments and billing keys: a keyed payment (through a channel or a smart-routing group),
 * a payment with a billing key (ordinary or super), and issuing a key. Each does its lookups and
 * channel choice, the PG rules and the armed failure (use-case.ts), the domain change, the webhook
 * owed, and counts a smart-routing pick once the request is served.
 */
import type { z } from "zod";
import type {
  AgainPaymentRequest,
  IssueBillingKeyRequest,
  OnetimePaymentRequest,
} from "../../../contracts/schemas/subscribe.ts";
import { describeCardNumber } from "../../pg/simulate-card.ts";
import { issueBillingKey, saveBillingKey } from "../billing-keys.ts";
import { resolveChannel } from "../channels.ts";
import { failure } from "../errors.ts";
import type { BillingKeyView, PaymentRecord, PaymentView, SuperBillingKeyView } from "../model.ts";
import { chargeCard, type ChargeInput } from "../payments/charge.ts";
import { channelForKey, direct, pickFromGroup, type RoutedChannel } from "../routing/choose-channel.ts";
import { issueSuperBillingKey } from "../routing/super-billing-keys.ts";
import { servedBy, servedByNoChannel, type UseCaseContext } from "../use-case.ts";
import { owePaidWebhook } from "../webhook-queue.ts";

type KeyedPayment = z.output<typeof OnetimePaymentRequest>;
type BillingKeyPayment = z.output<typeof AgainPaymentRequest>;
type KeyRequest = z.output<typeof IssueBillingKeyRequest>;

/** POST /subscribe/payments/onetime: a group picks the channel by its ratios (pg is then ignored, as the official document says). */
export function payWithCard(ctx: UseCaseContext, body: KeyedPayment): PaymentView {
  const { deps, merchant } = ctx;
  const routed =
    body.channelGroupId !== undefined
      ? pickFromGroup(deps.random, merchant, body.channelGroupId, "keyed", "card")
      : direct(resolveChannel(merchant, { pg: body.pg }));
  const charge = {
    request: body,
    cardNumber: body.card_number,
    expiry: body.expiry,
    customer_uid: body.customer_uid ?? null,
    customer_uid_usage: body.customer_uid === undefined ? null : ("issue" as const),
  };
  return chargeThrough(ctx, routed, charge, (payment) => {
    // An approved payment with a customer_uid also keeps the card as a billing key.
    const card = describeCardNumber(body.card_number);
    if (body.customer_uid !== undefined && payment.view.status === "paid" && card)
      saveBillingKey(deps, merchant, { ...body, customer_uid: body.customer_uid, channel: routed.channel }, card);
  });
}

/** POST /subscribe/payments/again: the key's channel, or for a super billing key a holder picked by the group's ratios. */
export function payWithBillingKey(ctx: UseCaseContext, body: BillingKeyPayment): PaymentView {
  const { deps, merchant } = ctx;
  const key = merchant.billingKeys.get(body.customer_uid);
  if (!key)
    throw failure(
      "rejected",
      `no billing key with customer_uid ${JSON.stringify(body.customer_uid)} for this merchant`,
      "unknownBuyer",
    );
  const routed = channelForKey(deps.random, merchant, key, body.channel_key);
  return chargeThrough(ctx, routed, {
    request: body,
    cardNumber: key.cardNumber,
    expiry: undefined,
    customer_uid: body.customer_uid,
    customer_uid_usage: "payment",
    productCount: body.product_count,
  });
}

/**
 * A card payment on the routed channel: PG rules and the armed failure (a payment answers an armed
 * decline or PG failure its own way), the charge, what else the payment brings (`then`), the
 * webhook owed, and the smart-routing pick counted once it is served.
 */
function chargeThrough(
  ctx: UseCaseContext,
  routed: RoutedChannel,
  charge: Omit<ChargeInput, "channel" | "armed">,
  then?: (payment: PaymentRecord) => void,
): PaymentView {
  const { deps, merchant } = ctx;
  const payment = servedBy(
    ctx,
    { channel: routed.channel },
    (armed) => chargeCard(deps, merchant, { ...charge, channel: routed.channel, armed }),
    { answersArmed: true },
  );
  then?.(payment);
  owePaidWebhook(deps, merchant, payment, "payment");
  routed.countPick();
  return payment.view;
}

/**
 * POST /subscribe/customers/{customer_uid}: a key on one channel, or with a group a super billing
 * key, for which every enabled member is asked under its own PG's rules (so no one channel's rules
 * apply up front).
 */
export function issueKey(
  ctx: UseCaseContext,
  customer_uid: string,
  body: KeyRequest,
): BillingKeyView | SuperBillingKeyView {
  const { deps, merchant } = ctx;
  const groupId = body.channel_group_id ?? body.channelGroupId;
  if (groupId !== undefined) {
    return servedByNoChannel(
      ctx,
      (armed) =>
        issueSuperBillingKey(deps, merchant, ctx.failures, { ...body, customer_uid, groupId, sent: ctx.sent, armed })
          .view,
      { answersArmed: true },
    );
  }
  const channel = resolveChannel(merchant, { channel_key: body.channel_key, pg: body.pg });
  return servedBy(
    ctx,
    { channel },
    (armed) => issueBillingKey(deps, merchant, { ...body, customer_uid, channel, armed }).view,
    { answersArmed: true },
  );
}

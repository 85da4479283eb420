/** /subscribe: keyed payments, billing-key payments and billing keys. */
import { Hono } from "hono";
import { billingKey, billingKeys, deleteBillingKey, issueBillingKey, paymentsWithKey, saveBillingKey } from "../../core/billing-keys.ts";
import { resolveChannel } from "../../core/channels.ts";
import { failure } from "../../core/errors.ts";
import { chargeCard } from "../../core/payments/charge.ts";
import { paginate } from "../../core/payments/lookups.ts";
import { owePaidWebhook } from "../../core/webhook-queue.ts";
import { describeCardNumber } from "../../pg/simulate-card.ts";
import { channelForKey, direct, pickFromGroup } from "../../core/routing/choose-channel.ts";
import { issueSuperBillingKey } from "../../core/routing/super-billing-keys.ts";
import type { MockEnv } from "../env.ts";
import { operationServer, type RouteContext } from "../operation-route.ts";

/** GET /subscribe/customers/{customer_uid}/payments pages by 20, as the official document says. */
const CUSTOMER_PAYMENTS_PAGE_SIZE = 20;

export function subscribeRoutes(context: RouteContext): Hono<MockEnv> {
  const app = new Hono<MockEnv>();
  const serve = operationServer(app, context);
  const { core } = context;

  serve("onetime", {
    // A group picks the channel by its ratios; pg is then ignored, as the official document says.
    target: ({ merchant, body, deps }) => {
      const routed = body.channelGroupId !== undefined ? pickFromGroup(deps.random, merchant, body.channelGroupId, "keyed", "card") : direct(resolveChannel(merchant, { pg: body.pg }));
      return { channel: routed.channel, onServed: routed.countPick };
    },
    handlesArmed: true,
    handle: ({ merchant, body, deps, armed }, { channel }) => {
      const payment = chargeCard(deps, merchant, {
        channel,
        request: body,
        cardNumber: body.card_number,
        expiry: body.expiry,
        customer_uid: body.customer_uid ?? null,
        customer_uid_usage: body.customer_uid === undefined ? null : "issue",
        armed,
      });
      const card = describeCardNumber(body.card_number);
      if (body.customer_uid !== undefined && payment.view.status === "paid" && card) {
        saveBillingKey(deps, merchant, { ...body, customer_uid: body.customer_uid, channel }, card);
      }
      owePaidWebhook(deps, merchant, payment, "payment");
      return payment.view;
    },
  });

  serve("again", {
    target: ({ merchant, body, deps }) => {
      const key = merchant.billingKeys.get(body.customer_uid);
      if (!key) throw failure("rejected", `no billing key with customer_uid ${JSON.stringify(body.customer_uid)} for this merchant`);
      const routed = channelForKey(deps.random, merchant, key, body.channel_key);
      return { channel: routed.channel, onServed: routed.countPick, key };
    },
    handlesArmed: true,
    handle: ({ merchant, body, deps, armed }, { channel, key }) => {
      const payment = chargeCard(deps, merchant, {
        channel,
        request: body,
        cardNumber: key.cardNumber,
        expiry: undefined,
        customer_uid: body.customer_uid,
        customer_uid_usage: "payment",
        armed,
        productCount: body.product_count,
      });
      owePaidWebhook(deps, merchant, payment, "payment");
      return payment.view;
    },
  });

  serve("customer_save", {
    // With a group every enabled channel is asked, each under its own PG's rules, so no one channel's rules apply up front.
    target: ({ merchant, body }) =>
      (body.channel_group_id ?? body.channelGroupId) === undefined ? { channel: resolveChannel(merchant, { channel_key: body.channel_key, pg: body.pg }) } : undefined,
    handlesArmed: true,
    handle: ({ merchant, params, body, sent, deps, armed }, target) =>
      target
        ? issueBillingKey(deps, merchant, { ...body, customer_uid: params.customer_uid, channel: target.channel, armed }).view
        : issueSuperBillingKey(deps, merchant, core.failures, { ...body, customer_uid: params.customer_uid, groupId: (body.channel_group_id ?? body.channelGroupId)!, sent, armed }).view,
  });
  serve("customer_view", { handle: ({ merchant, params }) => billingKey(merchant, params.customer_uid).view });
  serve("customer_delete", { handle: ({ merchant, params }) => deleteBillingKey(merchant, params.customer_uid).view });
  serve("customer_view_multiple", { handle: ({ merchant, query }) => billingKeys(merchant, query.customer_uid).map((key) => key.view) });
  serve("customer_payments", {
    handle: ({ merchant, params, query }) => {
      const page = paginate(paymentsWithKey(merchant, params.customer_uid), query.page, CUSTOMER_PAYMENTS_PAGE_SIZE);
      return { ...page, list: page.list.map((record) => record.view) };
    },
  });
  return app;
}

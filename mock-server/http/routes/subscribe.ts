/** /subscribe: keyed payments, billing-key payments and billing keys. */
import { Hono } from "hono";
import { billingKey, billingKeys, deleteBillingKey, paymentsWithKey } from "../../core/billing-keys.ts";
import { paginate } from "../../core/payments/lookups.ts";
import { issueKey, payWithBillingKey, payWithCard } from "../../core/use-cases/card-payments.ts";
import type { MockEnv } from "../env.ts";
import { operationServer, type RouteContext } from "../operation-route.ts";

/** GET /subscribe/customers/{customer_uid}/payments pages by 20, as the official document says. */
const CUSTOMER_PAYMENTS_PAGE_SIZE = 20;

export function subscribeRoutes(context: RouteContext): Hono<MockEnv> {
  const app = new Hono<MockEnv>();
  const serve = operationServer(app, context);

  serve("onetime", { useCase: ({ ctx, body }) => payWithCard(ctx, body) });
  serve("again", { useCase: ({ ctx, body }) => payWithBillingKey(ctx, body) });
  serve("customer_save", { useCase: ({ ctx, params, body }) => issueKey(ctx, params.customer_uid, body) });
  serve("customer_view", { handle: ({ merchant, params }) => billingKey(merchant, params.customer_uid).view });
  serve("customer_delete", { handle: ({ merchant, params }) => deleteBillingKey(merchant, params.customer_uid).view });
  serve("customer_view_multiple", {
    handle: ({ merchant, query }) => billingKeys(merchant, query.customer_uid).map((key) => key.view),
  });
  serve("customer_payments", {
    handle: ({ merchant, params, query }) => {
      const page = paginate(paymentsWithKey(merchant, params.customer_uid), query.page, CUSTOMER_PAYMENTS_PAGE_SIZE);
      return { ...page, list: page.list.map((record) => record.view) };
    },
  });
  return app;
}

/** /vbanks: virtual accounts issued, changed and revoked through the API. */
import { Hono } from "hono";
import { resolveChannel } from "../../core/channels.ts";
import { findByImpUid } from "../../core/payments/lookups.ts";
import { issueVbank, modifyVbank, revokeVbank } from "../../core/payments/vbanks.ts";
import type { MerchantState } from "../../core/store.ts";
import type { MockEnv } from "../env.ts";
import { operationServer, type RouteContext } from "../operation-route.ts";

/** The account an imp_uid names, and the channel that issued it (whose PG's rules apply). */
function account(merchant: MerchantState, imp_uid: string) {
  const payment = findByImpUid(merchant, imp_uid, { includeSandbox: true });
  return { channel: merchant.channels.get(payment.channelKey)!, payment };
}

export function vbanksRoutes(context: RouteContext): Hono<MockEnv> {
  const app = new Hono<MockEnv>();
  const serve = operationServer(app, context);
  serve("createVbank", {
    target: ({ merchant, body }) => ({ channel: resolveChannel(merchant, { channel_key: body.channel_key }) }),
    handle: ({ merchant, body, deps }, { channel }) => issueVbank(deps, merchant, channel, body).view,
  });
  serve("modifyVbank", {
    target: ({ merchant, params }) => account(merchant, params.imp_uid),
    handle: ({ body, deps }, { payment, channel }) => modifyVbank(deps, payment, body, channel).view,
  });
  serve("revokeVbank", {
    target: ({ merchant, params }) => account(merchant, params.imp_uid),
    handle: ({ deps }, { payment }) => revokeVbank(deps, payment).view,
  });
  return app;
}

/** /vbanks: virtual accounts issued, changed and revoked through the API. */
import { Hono } from "hono";
import { resolveChannel } from "../../core/channels.ts";
import { paymentAndChannel } from "../../core/payments/lookups.ts";
import { issueVbank, modifyVbank, revokeVbank } from "../../core/payments/vbanks.ts";
import type { MockEnv } from "../env.ts";
import { operationServer, type RouteContext } from "../operation-route.ts";

export function vbanksRoutes(context: RouteContext): Hono<MockEnv> {
  const app = new Hono<MockEnv>();
  const serve = operationServer(app, context);
  serve("createVbank", {
    target: ({ merchant, body }) => ({ channel: resolveChannel(merchant, { channel_key: body.channel_key }) }),
    handle: ({ merchant, body, deps }, { channel }) => issueVbank(deps, merchant, channel, body).view,
  });
  serve("modifyVbank", {
    target: ({ merchant, params }) => paymentAndChannel(merchant, params.imp_uid),
    handle: ({ body, deps }, { payment, channel }) => modifyVbank(deps, payment, body, channel).view,
  });
  serve("revokeVbank", {
    target: ({ merchant, params }) => paymentAndChannel(merchant, params.imp_uid),
    handle: ({ deps }, { payment }) => revokeVbank(deps, payment).view,
  });
  return app;
}

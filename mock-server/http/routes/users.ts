/** /users: access tokens and the merchant's PG settings. */
import { Hono } from "hono";
import { pgSetting } from "../../core/channels.ts";
import { issueToken } from "../../core/tokens.ts";
import type { MockEnv } from "../env.ts";
import { operationServer, type RouteContext } from "../operation-route.ts";

export function usersRoutes(context: RouteContext): Hono<MockEnv> {
  const app = new Hono<MockEnv>();
  const serve = operationServer(app, context);
  serve("getToken", {
    handle: ({ body, deps }) => {
      const { access_token, expired_at, now } = issueToken(
        deps.store,
        deps.random,
        body.imp_key,
        body.imp_secret,
        deps.now,
      );
      return { access_token, expired_at, now };
    },
  });
  serve("getPgSettingList", { handle: ({ merchant }) => [...merchant.channels.values()].map(pgSetting) });
  return app;
}

/** /vbanks: virtual accounts issued, changed and revoked through the API. */
import { Hono } from "hono";
import {
  changeVirtualAccount,
  issueVirtualAccount,
  revokeVirtualAccount,
} from "../../core/use-cases/virtual-accounts.ts";
import type { MockEnv } from "../env.ts";
import { operationServer, type RouteContext } from "../operation-route.ts";

export function vbanksRoutes(context: RouteContext): Hono<MockEnv> {
  const app = new Hono<MockEnv>();
  const serve = operationServer(app, context);
  serve("createVbank", { useCase: ({ ctx, body }) => issueVirtualAccount(ctx, body) });
  serve("modifyVbank", { useCase: ({ ctx, params, body }) => changeVirtualAccount(ctx, params.imp_uid, body) });
  serve("revokeVbank", { useCase: ({ ctx, params }) => revokeVirtualAccount(ctx, params.imp_uid) });
  return app;
}

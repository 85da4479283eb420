/** /escrows/logis: the shipping details of escrow payments. */
import { Hono } from "hono";
import { changeShipping, registerShipping, showShipping } from "../../core/use-cases/shipping.ts";
import type { MockEnv } from "../env.ts";
import { operationServer, type RouteContext } from "../operation-route.ts";

export function escrowsRoutes(context: RouteContext): Hono<MockEnv> {
  const app = new Hono<MockEnv>();
  const serve = operationServer(app, context);
  serve("escrow_logis_save", { useCase: ({ ctx, params, body }) => registerShipping(ctx, params.imp_uid, body) });
  serve("escrow_logis_edit", { useCase: ({ ctx, params, body }) => changeShipping(ctx, params.imp_uid, body) });
  serve("escrow_logis_get", { useCase: ({ ctx, params }) => showShipping(ctx, params.imp_uid) });
  return app;
}

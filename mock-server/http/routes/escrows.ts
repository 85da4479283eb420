/** /escrows/logis: the shipping details of escrow payments. */
import { Hono } from "hono";
import { changeShipment, registeredShipment, registerShipment, shipmentView } from "../../core/escrows.ts";
import { paymentAndChannel } from "../../core/payments/lookups.ts";
import type { MockEnv } from "../env.ts";
import { operationServer, type RouteContext } from "../operation-route.ts";

export function escrowsRoutes(context: RouteContext): Hono<MockEnv> {
  const app = new Hono<MockEnv>();
  const serve = operationServer(app, context);
  serve("escrow_logis_save", {
    target: ({ merchant, params }) => paymentAndChannel(merchant, params.imp_uid),
    handle: ({ merchant, body, deps }, { payment }) => shipmentView(registerShipment(merchant, payment, body, deps.now)),
  });
  serve("escrow_logis_edit", {
    target: ({ merchant, params }) => paymentAndChannel(merchant, params.imp_uid),
    handle: ({ merchant, body, deps }, { payment }) => shipmentView(changeShipment(merchant, payment, body, deps.now)),
  });
  serve("escrow_logis_get", {
    target: ({ merchant, params }) => paymentAndChannel(merchant, params.imp_uid),
    handle: ({ merchant }, { payment }) => shipmentView(registeredShipment(merchant, payment)),
  });
  return app;
}

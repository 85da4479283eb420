/** Escrow shipping: registered, changed and shown through the PG that took the escrow payment. */
import { changeShipment, registeredShipment, registerShipment, shipmentView } from "../escrows.ts";
import type { ShipmentChange, ShipmentRegistration } from "../model.ts";
import { servedByPaymentsChannel, type UseCaseContext } from "../use-case.ts";

type ShipmentView = ReturnType<typeof shipmentView>;

export function registerShipping(ctx: UseCaseContext, imp_uid: string, body: ShipmentRegistration): ShipmentView {
  return servedByPaymentsChannel(ctx, imp_uid, (payment) =>
    shipmentView(registerShipment(ctx.merchant, payment, body, ctx.deps.now)),
  );
}

export function changeShipping(ctx: UseCaseContext, imp_uid: string, body: ShipmentChange): ShipmentView {
  return servedByPaymentsChannel(ctx, imp_uid, (payment) =>
    shipmentView(changeShipment(ctx.merchant, payment, body, ctx.deps.now)),
  );
}

export function showShipping(ctx: UseCaseContext, imp_uid: string): ShipmentView {
  return servedByPaymentsChannel(ctx, imp_uid, (payment) => shipmentView(registeredShipment(ctx.merchant, payment)));
}

/**
 * Escrow shipping (POST/PUT/GET /escrows/logis/{imp_uid}): the merchant tells the PG how an
 * escrow payment's goods were sent, so the buyer can confirm receipt and the money is released.
 * The statuses and HTTP codes follow the official document's answers for each operation.
 */
import { failure } from "./errors.ts";
import type { MerchantState, PaymentRecord, Shipment, ShipmentChange, ShipmentRegistration } from "./model.ts";

/** The answer every escrow operation gives (EscrowLogisAnnotation). */
export const shipmentView = (shipment: Shipment) => ({
  company: shipment.logis.company,
  invoice: shipment.logis.invoice,
  sent_at: shipment.logis.sent_at,
  applied_at: shipment.appliedAt,
});

/** Only a paid escrow payment takes a shipment (409, "this payment cannot take shipping details"). */
function requireShippable(record: PaymentRecord): void {
  const view = record.view;
  if (!view.escrow)
    throw failure("conflict", `${view.imp_uid} is not an escrow payment; only escrow payments take shipping details`);
  if (view.status !== "paid")
    throw failure("conflict", `${view.imp_uid} is ${view.status}; only a paid escrow payment takes shipping details`);
}

export function registerShipment(
  merchant: MerchantState,
  record: PaymentRecord,
  registration: ShipmentRegistration,
  now: number,
): Shipment {
  requireShippable(record);
  const imp_uid = record.view.imp_uid;
  if (merchant.shipments.has(imp_uid))
    throw failure(
      "conflict",
      `${imp_uid} already has shipping details; change them with PUT /escrows/logis/${imp_uid}`,
    );
  const shipment: Shipment = { ...registration, appliedAt: now };
  merchant.shipments.set(imp_uid, shipment);
  return shipment;
}

/** Sender, receiver and products are replaced only when sent; the logistics always are. */
export function changeShipment(
  merchant: MerchantState,
  record: PaymentRecord,
  change: ShipmentChange,
  now: number,
): Shipment {
  requireShippable(record);
  const current = registeredShipment(
    merchant,
    record,
    `register them with POST /escrows/logis/${record.view.imp_uid} first`,
  );
  const changed: Shipment = {
    ...current,
    logis: change.logis,
    sender: change.sender ?? current.sender,
    receiver: change.receiver ?? current.receiver,
    products: change.products ?? current.products,
    appliedAt: now,
  };
  merchant.shipments.set(record.view.imp_uid, changed);
  return changed;
}

/** The shipment of a payment, or 409 as the official document answers when none was registered. */
export function registeredShipment(
  merchant: MerchantState,
  record: PaymentRecord,
  hint = "none was registered",
): Shipment {
  const shipment = merchant.shipments.get(record.view.imp_uid);
  if (!shipment) throw failure("conflict", `${record.view.imp_uid} has no shipping details; ${hint}`, "noShipment");
  return shipment;
}

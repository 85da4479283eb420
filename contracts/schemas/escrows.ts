/** Escrow logistics: the shipping record of an escrow payment. */
import * as z from "zod";
import { amount, unixSeconds } from "./common.ts";

export const EscrowLogisAnnotation = z
  .object({
    company: z.string(),
    invoice: z.string(),
    sent_at: unixSeconds,
    applied_at: unixSeconds,
  })
  .meta({ id: "EscrowLogisAnnotation" });

/** Lot or road address and the detail line, which Smartro v2 takes instead of `addr`. */
const formedAddress = z.object({
  address_line_1: z.string().optional(),
  address_line_2: z.string().optional(),
});

export const EscrowLogisSenderAnnotation = z
  .object({
    name: z.string().optional(),
    tel: z.string().optional(),
    addr: z.string().optional(),
    postcode: z.string().optional(),
    relationship: z.string().optional(),
    formed_address: formedAddress.optional(),
  })
  .meta({ id: "EscrowLogisSenderAnnotation" });

export const EscrowLogisReceiverAnnotation = z
  .object({
    name: z.string().optional(),
    tel: z.string().optional(),
    addr: z.string().optional(),
    postcode: z.string().optional(),
    formed_address: formedAddress.optional(),
  })
  .meta({ id: "EscrowLogisReceiverAnnotation" });

export const EscrowLogisInfoAnnotation = z
  .object({
    company: z.string(),
    invoice: z.string(),
    sent_at: unixSeconds,
    receiving_at: z.string().optional(),
    address: z.string().optional(),
  })
  .meta({ id: "EscrowLogisInfoAnnotation" });

export const EscrowLogisProductsAnnotation = z
  .object({
    id: z.string(),
    name: z.string(),
    code: z.string().optional(),
    amount,
    currency: z.string().optional(),
    quantity: z.number().int().default(1),
    tag: z.string().optional(),
  })
  .meta({ id: "EscrowLogisProductsAnnotation" });

export const RegisterEscrowLogisRequest = z
  .object({
    sender: EscrowLogisSenderAnnotation,
    receiver: EscrowLogisReceiverAnnotation,
    logis: EscrowLogisInfoAnnotation,
    products: z.array(EscrowLogisProductsAnnotation).optional(),
    send_email: z.boolean().default(true),
  })
  .meta({ id: "RegisterEscrowLogisRequest" });

/** Changing a shipment needs only the logistics; see docs/spec-differences.md. */
export const EditEscrowLogisRequest = z
  .object({
    sender: EscrowLogisSenderAnnotation.optional(),
    receiver: EscrowLogisReceiverAnnotation.optional(),
    logis: EscrowLogisInfoAnnotation,
    products: z.array(EscrowLogisProductsAnnotation).optional(),
  })
  .meta({ id: "EditEscrowLogisRequest" });

/** Cash receipts, for PortOne payments and for payments made elsewhere. */
import * as z from "zod";
import { productType, unixSeconds } from "./common.ts";

const receiptFields = {
  receipt_tid: z.string().nullable(),
  apply_num: z.string(),
  type: z.enum(["person", "company"]),
  amount: z.number().int(),
  vat: z.number().int(),
  receipt_url: z.string().nullable(),
  applied_at: unixSeconds,
  /** 0 until the receipt is revoked: the official document types it as an integer, never null. */
  cancelled_at: unixSeconds,
};

export const ReceiptAnnotation = z.object({ imp_uid: z.string(), ...receiptFields }).meta({ id: "ReceiptAnnotation" });

export const ExternalReceiptAnnotation = z
  .object({ merchant_uid: z.string(), ...receiptFields })
  .meta({ id: "ExternalReceiptAnnotation" });

const identifierType = z.enum(["person", "business", "phone", "taxcard"]);
const receiptType = z.enum(["person", "company"]);

export const IssueReceiptRequest = z
  .object({
    product_type: productType.optional(),
    identifier: z.string(),
    identifier_type: identifierType.optional(),
    type: receiptType.default("person"),
    company_tel: z.string().optional(),
    company_name: z.string().optional(),
    corp_reg_no: z.string().optional(),
    buyer_name: z.string().optional(),
    buyer_email: z.string().optional(),
    buyer_tel: z.string().optional(),
    tax_free: z.number().int().optional(),
    vat: z.number().int().optional(),
    vat_amount: z.number().optional(),
  })
  .meta({ id: "IssueReceiptRequest" });

export const IssueExternalReceiptRequest = z
  .object({
    channel_key: z.string(),
    name: z.string(),
    amount: z.number().int(),
    product_type: productType.optional(),
    identifier: z.string(),
    identifier_type: identifierType.optional(),
    type: receiptType.default("person"),
    buyer_name: z.string().optional(),
    buyer_email: z.string().optional(),
    buyer_tel: z.string().optional(),
    tax_free: z.number().int().optional(),
    vat_amount: z.number().optional(),
    corp_reg_no: z.string().optional(),
    pay_method: z.enum(["trans", "vbank"]).optional(),
  })
  .meta({ id: "IssueExternalReceiptRequest" });

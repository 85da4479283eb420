/** Virtual accounts: issue, change, revoke. The answer is the payment object. */
import * as z from "zod";
import { amount, noticeUrl, productType } from "./common.ts";

/**
 * The deposit deadline. The official document types it as unix seconds; the smart-routing guide
 * also accepts `YYYY-MM-DD`, `YYYYMMDD`, `YYYY-MM-DD HH:mm:ss` and `YYYYMMDDHHmmss` (KST). Which
 * forms a PG accepts, and how it normalises the time of day, is PG rule data.
 */
export const vbankDue = z.union([z.number().int(), z.string()]);

export const CreateVbankRequest = z
  .object({
    channel_key: z.string(),
    merchant_uid: z.string().max(40),
    amount,
    product_type: productType.optional(),
    vbank_num: z.string().optional(),
    vbank_code: z.string(),
    vbank_due: vbankDue,
    vbank_holder: z.string().max(16).optional(),
    vbank_key: z.string().max(13).optional(),
    name: z.string().max(40).optional(),
    buyer_name: z.string().max(16).optional(),
    buyer_email: z.string().max(64).optional(),
    buyer_tel: z.string().max(16).optional(),
    business_registration_number: z.string().max(10).optional(),
    buyer_addr: z.string().max(128).optional(),
    buyer_postcode: z.string().max(8).optional(),
    notice_url: noticeUrl.optional(),
    custom_data: z.string().optional(),
    tax_free: z.number().int().optional(),
    vat_amount: amount.optional(),
    product_count: z.number().int().optional(),
    escrow_password: z.string().optional(),
    fixed_unlimited_vbank: z.boolean().default(false),
  })
  .meta({ id: "CreateVbankRequest" });

export const PgApiKeyQuery = z.object({ pg_api_key: z.string().optional() });

export const ModifyVbankRequest = z
  .object({
    amount: z.number().int().optional(),
    vbank_due: vbankDue.optional(),
  })
  .meta({ id: "ModifyVbankRequest" });

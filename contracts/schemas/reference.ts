/** Tokens, standard bank and card codes, and the merchant's PG settings. */
import * as z from "zod";
import { unixSeconds } from "./common.ts";

export const AuthAnnotation = z
  .object({ access_token: z.string(), expired_at: unixSeconds, now: unixSeconds })
  .meta({ id: "AuthAnnotation" });

export const GetTokenRequest = z
  .object({ imp_key: z.string(), imp_secret: z.string() })
  .meta({ id: "GetTokenRequest" });

export const StandardCodeAnnotation = z
  .object({ code: z.string(), name: z.string() })
  .meta({ id: "StandardCodeAnnotation" });

export const BankCodeParams = z.object({ bank_standard_code: z.string() });
export const CardCodeParams = z.object({ card_standard_code: z.string() });

export const PgSettingAnnotation = z
  .object({
    pg_provider: z.string().max(16),
    pg_id: z.string().max(80),
    sandbox: z.boolean(),
    type: z.string(),
    channel_name: z.string().nullable(),
    channel_key: z.string().nullable(),
  })
  .meta({ id: "PgSettingAnnotation" });

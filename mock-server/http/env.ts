/** What the HTTP layer keeps per request, for the journal. */
import type { MerchantState } from "../core/model.ts";

export interface RequestNote {
  operation: string | null;
  merchant: MerchantState | null;
  unknownFields: string[];
}

export interface MockEnv {
  Variables: {
    note: RequestNote;
    outcome: { code: number; message: string | null };
  };
}

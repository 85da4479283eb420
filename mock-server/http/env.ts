/** What the HTTP layer keeps per request, for the journal and the failure table. */
import type { MessageMode } from "../../contracts/mock/config.ts";
import type { MerchantState } from "../core/model.ts";

export interface RequestNote {
  operation: string | null;
  merchant: MerchantState | null;
  unknownFields: string[];
}

export interface MockEnv {
  Variables: {
    note: RequestNote;
    outcome: { code: number; message: string | null; explanation: string | null };
    /** What a refusal's `message` carries (config `messages`). */
    messages: MessageMode;
  };
}

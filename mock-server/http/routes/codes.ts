/** /banks and /cards: the standard codes a payment's bank_code and card_code are drawn from. */
import { Hono } from "hono";
import {
  BANK_CODES,
  bankByCode,
  CARD_CODES,
  cardByCode,
  type StandardCode,
} from "../../../contracts/reference-codes.ts";
import { failure } from "../../core/errors.ts";
import type { MockEnv } from "../env.ts";
import { operationServer, type RouteContext } from "../operation-route.ts";

function known(codes: ReadonlyMap<string, StandardCode>, what: string, code: string): StandardCode {
  const entry = codes.get(code);
  if (!entry) throw failure("notFound", `no ${what} has the standard code ${JSON.stringify(code)}`);
  return entry;
}

export function codesRoutes(context: RouteContext): Hono<MockEnv> {
  const app = new Hono<MockEnv>();
  const serve = operationServer(app, context);
  serve("allBankCodes", { handle: () => BANK_CODES });
  serve("bankCodes", { handle: ({ params }) => known(bankByCode, "bank", params.bank_standard_code) });
  serve("allCardCodes", { handle: () => CARD_CODES });
  serve("cardCodes", { handle: ({ params }) => known(cardByCode, "card company", params.card_standard_code) });
  return app;
}

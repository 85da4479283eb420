/**
 * What never reaches a scenario file: credentials and tokens (by key, and wherever their values
 * turn up in text), and card data beyond what the mock's test cards are. Headers are never
 * written at all, so Authorization needs no rule of its own here, only its value.
 */
import { cardDigits, testCards } from "../../contracts/mock/test-cards.ts";
import type { DecodedExchange } from "./decode-exchange.ts";

export const REDACTED = "[redacted]";

/** Values written as `[redacted]` in requests and left out of expectations. */
const SECRET_KEYS = new Set(["imp_key", "imp_secret", "access_token"]);
/** Card data the mock ignores: each character becomes `*`, so a PG's presence rule still sees it. */
const MASKED_KEYS = new Set(["pwd_2digit", "cvc", "birth"]);
/** Shorter values are not scrubbed from text: they would match by accident. */
const SHORTEST_SECRET = 6;
const TEST_CARD_NUMBERS = new Set(testCards.map((card) => card.number));

export const isSecretKey = (key: string) => SECRET_KEYS.has(key);
export const isMaskedKey = (key: string) => MASKED_KEYS.has(key);

export interface Redactor {
  /** A request part with secret keys redacted, card data masked and secret values scrubbed from every string. */
  request<T>(value: T): T;
  /** A text with every secret value seen in the session replaced by `[redacted]`. */
  text(value: string): string;
}

export function createRedactor(decoded: DecodedExchange[]): Redactor {
  const secrets = sessionSecrets(decoded);
  const text = (value: string) => secrets.reduce((scrubbed, secret) => scrubbed.split(secret).join(REDACTED), value);
  const redactValue = (value: unknown, key: string | undefined): unknown => {
    if (key !== undefined && isSecretKey(key)) return REDACTED;
    const maskable = typeof value === "string" || typeof value === "number";
    if (key !== undefined && isMaskedKey(key) && maskable) return "*".repeat(String(value).length);
    if (key === "card_number" && typeof value === "string") return text(maskCardNumber(value));
    if (typeof value === "string") return text(value);
    if (Array.isArray(value)) return value.map((item) => redactValue(item, key));
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, k)]));
    return value;
  };
  return { request: <T>(value: T) => redactValue(value, undefined) as T, text };
}

/** Credentials and tokens sent or received: getToken's, and every Authorization header's value. */
function sessionSecrets(decoded: DecodedExchange[]): string[] {
  const found = new Set<string>();
  for (const item of decoded) {
    if (item.kind === "token") for (const secret of item.secrets) found.add(secret);
    for (const header of ["authorization", "x-imptokenheader"]) {
      const value = item.exchange.requestHeaders[header]?.replace(/^bearer\s+/i, "").trim();
      if (value) found.add(value);
    }
  }
  // Longest first, so a secret that contains another is scrubbed whole.
  return [...found].filter((secret) => secret.length >= SHORTEST_SECRET).sort((a, b) => b.length - a.length);
}

/**
 * The mock's test cards are kept: they decide the outcome the recording shows. Any other number
 * keeps its first 6 and last 4 digits (the issuer and what receipts print) with zeros between,
 * so no real card number lands in a file and the mock still approves it, as any well-formed number.
 */
export function maskCardNumber(cardNumber: string): string {
  const digits = cardDigits(cardNumber);
  if (TEST_CARD_NUMBERS.has(digits) || !/^\d{13,19}$/.test(digits)) return cardNumber;
  return `${digits.slice(0, 6)}${"0".repeat(digits.length - 10)}${digits.slice(-4)}`;
}

export const isTestCard = (cardNumber: unknown) => typeof cardNumber === "string" && TEST_CARD_NUMBERS.has(cardDigits(cardNumber));

/**
 * What never reaches a scenario file: credentials and tokens (by key, and wherever their values
 * turn up in text), and card data beyond what the mock's test cards are. Headers are never
 * written at all, so Authorization needs no rule of its own here, only its value.
 */
import { cardDigits, testCards } from "../../contracts/mock/test-cards.ts";
import type { DecodedExchange } from "./decode-exchange.ts";

export const REDACTED = "[redacted]";

/**
 * Keys whose values are secrets: written as `[redacted]` in a recording's requests and left out of
 * its expectations. Shared with the scenario runner's reports (with `scrubSecrets`).
 */
export const SECRET_KEYS: ReadonlySet<string> = new Set(["imp_key", "imp_secret", "access_token"]);
/** Card data the mock ignores: each character becomes `*`, so a PG's presence rule still sees it. */
const MASKED_KEYS = new Set(["pwd_2digit", "cvc", "birth"]);
/** Shorter values are not scrubbed from text: they would match by accident. */
export const SHORTEST_SECRET = 6;
const TEST_CARD_NUMBERS = new Set(testCards.map((card) => card.number));

export const isSecretKey = (key: string) => SECRET_KEYS.has(key);
export const isMaskedKey = (key: string) => MASKED_KEYS.has(key);

export interface Redactor {
  /** A request part with secret keys redacted, card data masked and secret values scrubbed from every string. */
  request<T>(value: T): T;
  /** A text with every secret value seen in the session replaced by `[redacted]`. */
  text(value: string): string;
}

/**
 * `text` with every occurrence of each secret value replaced by `[redacted]`. Values shorter than
 * `SHORTEST_SECRET` (6) characters, the empty one included, are left alone; a secret that contains
 * another is scrubbed whole (longest first). The recorder's `Redactor.text` is this, with the
 * session's secrets; the scenario runner's reports use it with the secrets they know.
 */
export function scrubSecrets(text: string, secrets: Iterable<string>): string {
  return scrubInOrder(text, scrubOrder(secrets));
}

/** The secrets worth scrubbing, once each, longest first. */
function scrubOrder(secrets: Iterable<string>): string[] {
  return [...new Set(secrets)].filter((secret) => secret.length >= SHORTEST_SECRET).sort((a, b) => b.length - a.length);
}

const scrubInOrder = (text: string, ordered: string[]) =>
  ordered.reduce((scrubbed, secret) => scrubbed.split(secret).join(REDACTED), text);

export function createRedactor(decoded: DecodedExchange[]): Redactor {
  // Ordered once for the session rather than on every string.
  const secrets = scrubOrder(sessionSecrets(decoded));
  const text = (value: string) => scrubInOrder(value, secrets);
  const redactValue = (value: unknown, key: string | undefined): unknown => {
    if (key !== undefined && isSecretKey(key)) return REDACTED;
    const maskable = typeof value === "string" || typeof value === "number";
    if (key !== undefined && isMaskedKey(key) && maskable) return "*".repeat(String(value).length);
    if (key === "card_number" && typeof value === "string") return text(maskCardNumber(value));
    if (typeof value === "string") return text(value);
    if (Array.isArray(value)) return value.map((item) => redactValue(item, key));
    if (value && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, k)]));
    return value;
  };
  return { request: <T>(value: T) => redactValue(value, undefined) as T, text };
}

/** Credentials and tokens sent or received: getToken's, and every Authorization header's value. */
function sessionSecrets(decoded: DecodedExchange[]): Set<string> {
  const found = new Set<string>();
  for (const item of decoded) {
    if (item.kind === "token") for (const secret of item.secrets) found.add(secret);
    for (const header of ["authorization", "x-imptokenheader"]) {
      const value = item.exchange.requestHeaders[header]?.replace(/^bearer\s+/i, "").trim();
      if (value) found.add(value);
    }
  }
  return found;
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

export const isTestCard = (cardNumber: unknown) =>
  typeof cardNumber === "string" && TEST_CARD_NUMBERS.has(cardDigits(cardNumber));

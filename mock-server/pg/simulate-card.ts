/**
 * The simulated PG's answer to a card: approve it (with the card details a PG reports), decline
 * it, or fail to answer. Test card numbers choose the outcome; an expired or malformed card is
 * declined, as a PG would.
 */
import { cardDigits, cardOutcome, type CardOutcome } from "../../contracts/mock/test-cards.ts";
import { cardByCode } from "../../contracts/reference-codes.ts";
import type { SeededRandom } from "../core/random.ts";

export interface CardDetails {
  card_code: string;
  card_name: string;
  card_issuer_code: string;
  card_issuer_name: string;
  card_publisher_code: string;
  card_publisher_name: string;
  card_number: string;
  card_type: number;
}

export type CardAnswer =
  | { kind: "approve"; card: CardDetails }
  | { kind: "decline"; reason: string; card: CardDetails | null }
  /** The number is no card number at all: the card company refuses it before any payment exists. */
  | { kind: "notACard"; reason: string }
  /** `said`: what the PG says, where a failure armed through the control API gave it a text. */
  | { kind: "pgError"; reason: string; said?: string };

/** A standard card code by the first digit of the number; enough for a recognisable card_name. */
const ISSUER_BY_FIRST_DIGIT: Record<string, string> = { "3": "365", "4": "366", "5": "381", "6": "361", "9": "371" };
const BC = cardByCode.get("361")!;

export function maskCardNumber(digits: string): string {
  return digits.length <= 10 ? digits : `${digits.slice(0, 6)}${"*".repeat(digits.length - 10)}${digits.slice(-4)}`;
}

function describeCard(digits: string, cardType: number): CardDetails {
  const issuer = cardByCode.get(ISSUER_BY_FIRST_DIGIT[digits[0] ?? ""] ?? "") ?? BC;
  return {
    card_code: issuer.code,
    card_name: issuer.name,
    card_issuer_code: issuer.code,
    card_issuer_name: issuer.name,
    card_publisher_code: issuer.code,
    card_publisher_name: issuer.name,
    card_number: maskCardNumber(digits),
    card_type: cardType,
  };
}

/** `YYYY-MM`, the format the official document gives for `expiry`. */
function expiryProblem(expiry: string | undefined, now: number): string | undefined {
  if (expiry === undefined) return undefined;
  const match = /^(\d{4})-?(\d{2})$/.exec(expiry);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12)
    return `[1055] expiry ${JSON.stringify(expiry)} is not a YYYY-MM date`;
  const endOfMonth = Date.UTC(Number(match[1]), Number(match[2]), 1) / 1000;
  return endOfMonth <= now ? `[1054] card expired (expiry ${expiry})` : undefined;
}

/** What a PG would report about a card, whatever its outcome; undefined when it is no card number. */
export function describeCardNumber(cardNumber: string): CardDetails | undefined {
  const digits = cardDigits(cardNumber);
  if (!/^\d{13,19}$/.test(digits)) return undefined;
  const outcome = cardOutcome(digits);
  return describeCard(digits, outcome.kind === "approve" ? outcome.cardType : 0);
}

export function answerCard(cardNumber: string, expiry: string | undefined, now: number): CardAnswer {
  const digits = cardDigits(cardNumber);
  if (!/^\d{13,19}$/.test(digits))
    return { kind: "notACard", reason: "[1053] card_number is not a card number (13 to 19 digits)" };
  const outcome: CardOutcome = cardOutcome(digits);
  if (outcome.kind === "pgError") return { kind: "pgError", reason: outcome.reason };
  const card = describeCard(digits, outcome.kind === "approve" ? outcome.cardType : 0);
  if (outcome.kind === "decline") return { kind: "decline", reason: outcome.reason, card };
  const expired = expiryProblem(expiry, now);
  return expired ? { kind: "decline", reason: expired, card } : { kind: "approve", card };
}

/** Each PG's prefix, worked out once: there are a few PGs and a transaction id on every payment. */
const tidPrefixes = new Map<string, string>();

/** A PG transaction id: a per-PG-looking prefix and random digits. */
export function pgTransactionId(random: SeededRandom, pgProvider: string): string {
  let prefix = tidPrefixes.get(pgProvider);
  if (prefix === undefined) {
    prefix = pgProvider
      .replace(/[^a-z]/gi, "")
      .slice(0, 6)
      .toUpperCase();
    tidPrefixes.set(pgProvider, prefix);
  }
  return `${prefix}${random.digits(14)}`;
}

/**
 * Card numbers with a fixed outcome at the mock's simulated PGs. Any other well-formed number is
 * approved. Outcomes apply to keyed payments, billing-key issue and every payment made later with
 * a key issued from the card.
 */

export type CardOutcome =
  | { kind: "approve"; cardType: 0 | 1 }
  /** The issuer refuses: HTTP 200, `code: 0`, a payment with `status: "failed"` and `fail_reason`. */
  | { kind: "decline"; reason: string }
  /** The PG cannot be reached: HTTP 200, `code: -1`, `response: null`, nothing recorded. */
  | { kind: "pgError"; reason: string };

export interface TestCard {
  number: string;
  outcome: CardOutcome;
  description: string;
}

export const testCards: readonly TestCard[] = [
  { number: "4242424242424242", outcome: { kind: "approve", cardType: 0 }, description: "approved (credit card)" },
  {
    number: "4000056655665556",
    outcome: { kind: "approve", cardType: 1 },
    description: "approved (check card: no partial cancel on PGs whose test mode forbids it)",
  },
  {
    number: "4000000000000002",
    outcome: { kind: "decline", reason: "[1001] card declined by the issuer" },
    description: "declined",
  },
  {
    number: "4000000000009995",
    outcome: { kind: "decline", reason: "[1051] insufficient balance or credit limit" },
    description: "declined: insufficient funds",
  },
  {
    number: "4000000000000069",
    outcome: { kind: "decline", reason: "[1054] card expired" },
    description: "declined: expired card",
  },
  {
    number: "4000000000000119",
    outcome: { kind: "pgError", reason: "PG communication failed (simulated timeout)" },
    description: "PG communication failure",
  },
];

const byNumber = new Map(testCards.map((card) => [card.number, card.outcome]));

/** Digits only, so `4242-4242-4242-4242` and `4242 4242 4242 4242` name the same card. */
export const cardDigits = (cardNumber: string) => cardNumber.replace(/[\s-]/g, "");

export function cardOutcome(cardNumber: string): CardOutcome {
  return byNumber.get(cardDigits(cardNumber)) ?? { kind: "approve", cardType: 0 };
}

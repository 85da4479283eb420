/**
 * Every way a request can fail, as a small set of kinds. The core throws `MockError`; the HTTP edge
 * renders it with the one table in `http/render-failure.ts`, which also decides the status an
 * operation answers with (the official document's list for it) and which text goes in `message`.
 */
import type { RealMessageKey } from "../../contracts/messages.ts";

/**
 * - `invalidRequest`: bad parameters: a missing or malformed field, a PG rule broken. HTTP 400.
 * - `unauthorized`: no token, an unknown or expired one, or a wrong imp_key/imp_secret. HTTP 401.
 * - `notFound`: the resource does not exist for this merchant, or the path does not exist at all. HTTP 404.
 * - `methodNotAllowed`: the path exists, but not with this method. HTTP 405.
 * - `conflict`: the resource is not in a state for this (escrow shipping already registered, or none yet). HTTP 409.
 * - `notSupported`: the PG takes no part in this feature (cash receipts on a PG PortOne does not support). HTTP 501.
 * - `payloadTooLarge`: the body is larger than the configured limit. HTTP 413.
 * - `rejected`: understood and refused (duplicate order, over-refund, PG refused it): HTTP 200, code 1.
 * - `cardRefused`: the card company refused the card data (no card number, a key it will not issue): HTTP 200, code -1.
 * - `pgError`: the PG could not be reached or answered garbage: HTTP 200, code -1.
 * - `serverError`: PortOne itself failed (armed on purpose, or a bug in the mock). HTTP 500.
 *
 * Where an operation's document lists no such status, the refusal is HTTP 200 with a non-zero
 * code instead, as the real service answers (render-failure.ts).
 */
export type FailureKind =
  | "invalidRequest"
  | "unauthorized"
  | "notFound"
  | "methodNotAllowed"
  | "conflict"
  | "notSupported"
  | "payloadTooLarge"
  | "rejected"
  | "cardRefused"
  | "pgError"
  | "serverError";

/**
 * What the service says: a catalogue text for the situation (contracts/messages.ts) with its
 * placeholders' values, or a text given as it is (what a failure armed through the control API says).
 */
export type RealText = { key: RealMessageKey; params?: Record<string, string> } | { literal: string };

export interface Failure {
  kind: FailureKind;
  /** The mock's own explanation: which field, rule or PG, and why. Never lost (header, journal, or `message`). */
  explanation: string;
  /** What the real service says here; without it, the service's voice for the kind. */
  says?: RealText;
}

export class MockError extends Error {
  constructor(readonly failure: Failure) {
    super(failure.explanation);
    this.name = "MockError";
  }
}

/**
 * The error to throw: `throw failure("notFound", "no payment with imp_uid …", "paymentNotFound")`,
 * or with placeholders `{ key: "billingKeyNotFound", params: { customer_uid } }`.
 */
export function failure(kind: FailureKind, explanation: string, says?: RealMessageKey | RealText): MockError {
  const real = typeof says === "string" ? { key: says } : says;
  return new MockError({ kind, explanation, ...(real ? { says: real } : {}) });
}

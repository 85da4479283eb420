/**
 * Every way a request can fail, as a small union. The core throws `MockError`; the HTTP edge
 * renders it with the one table in `http/render-failure.ts`.
 */

export type Failure =
  /** Bad parameters: a missing or malformed field, a PG rule broken. HTTP 400. */
  | { kind: "invalidRequest"; message: string }
  /** No token, an unknown or expired one, or a wrong imp_key/imp_secret. HTTP 401. */
  | { kind: "unauthorized"; message: string }
  /** The resource does not exist for this merchant, or the path does not exist at all. HTTP 404. */
  | { kind: "notFound"; message: string }
  /** The path exists, but not with this method. HTTP 405, as the official document lists it. */
  | { kind: "methodNotAllowed"; message: string }
  /** The resource is not in a state for this (escrow shipping already registered, or none yet). HTTP 409, as the official document lists it. */
  | { kind: "conflict"; message: string }
  /** The PG takes no part in this feature (cash receipts on a PG PortOne does not support). HTTP 501, as the official document lists it. */
  | { kind: "notSupported"; message: string }
  /** The body is larger than the configured limit. HTTP 413. */
  | { kind: "payloadTooLarge"; message: string }
  /** The request was understood and refused (duplicate order, over-refund, PG refused it): HTTP 200, code 1. */
  | { kind: "rejected"; message: string }
  /** The PG could not be reached or answered garbage: HTTP 200, code -1. */
  | { kind: "pgError"; message: string }
  /** PortOne itself failed (armed on purpose, or a bug in the mock). HTTP 500. */
  | { kind: "serverError"; message: string };

export type FailureKind = Failure["kind"];

export class MockError extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
    this.name = "MockError";
  }
}

/** The error to throw: `throw failure("notFound", "no payment with imp_uid …")`. */
export const failure = (kind: FailureKind, message: string) => new MockError({ kind, message });

/**
 * What every call returns. The real service answers business failures with HTTP 200 and
 * `code != 0`, so a call never throws for them: the result says `ok: false` with a typed kind,
 * and keeps the HTTP status, `code` and `message` exactly as they arrived.
 */
import type { Drift } from "./drift.ts";

/**
 * - `refused`: HTTP 200 with `code != 0`, the service's business refusal (read `message`);
 * - `badRequest` (400), `unauthorized` (401), `notFound` (404), `conflict` (409),
 *   `otherStatus` (any other 4xx, e.g. 413 or 501), `serverError` (5xx);
 * - `transport`: no iamport answer at all (the connection failed, or the body was not an envelope).
 */
export type FailureKind =
  "refused" | "badRequest" | "unauthorized" | "notFound" | "conflict" | "otherStatus" | "serverError" | "transport";

interface AnswerFacts {
  /** The operation's key in the operation table (e.g. `again`), or the control call's. */
  operation: string;
  /** The HTTP status; 0 when no answer arrived. */
  status: number;
  /** Differences between the answer and the contract (empty unless validation is on). */
  drift: Drift[];
  /**
   * The mock's own explanation of a refusal (field, rule, PG), from its X-Iamport-Mock-Explanation
   * header; null on success and from the live API, which sends no such header.
   */
  explanation: string | null;
}

export interface Success<T> extends AnswerFacts {
  ok: true;
  code: 0;
  message: string | null;
  response: T;
}

export interface Failure extends AnswerFacts {
  ok: false;
  kind: FailureKind;
  /** `code` from the envelope; null when no envelope arrived. */
  code: number | null;
  message: string | null;
  /** The envelope's `response` as sent (usually null). */
  response: unknown;
  /** The same failure as an Error, for callers that prefer to throw it (see `unwrap`). */
  error: IamportError;
}

export type IamportResult<T> = Success<T> | Failure;

export class IamportError extends Error {
  override name = "IamportError";
  constructor(
    readonly kind: FailureKind,
    readonly operation: string,
    readonly status: number,
    readonly code: number | null,
    readonly serviceMessage: string | null,
    options?: { cause?: unknown; explanation?: string | null },
  ) {
    const explanation = options?.explanation ?? null;
    super(`${operation}: ${describeFailure(kind, status, code, serviceMessage, explanation)}`, options);
    this.explanation = explanation;
  }
  /** The mock's explanation of the refusal (its X-Iamport-Mock-Explanation header); null from the live API. */
  readonly explanation: string | null;
}

function describeFailure(
  kind: FailureKind,
  status: number,
  code: number | null,
  message: string | null,
  explanation: string | null,
): string {
  if (kind === "transport") return `no iamport answer (${message ?? "unknown reason"})`;
  const why = explanation === null || explanation === message ? "" : ` (mock: ${explanation})`;
  return `${kind} (HTTP ${status}, code ${code ?? "none"}): ${message ?? "no message"}${why}`;
}

/** The kind of a failure, from the HTTP status and the envelope's code. */
export function failureKind(status: number): FailureKind {
  if (status === 200) return "refused";
  if (status === 400) return "badRequest";
  if (status === 401) return "unauthorized";
  if (status === 404) return "notFound";
  if (status === 409) return "conflict";
  if (status >= 500) return "serverError";
  return "otherStatus";
}

export function failure(
  facts: AnswerFacts,
  kind: FailureKind,
  code: number | null,
  message: string | null,
  response: unknown,
  cause?: unknown,
): Failure {
  const error = new IamportError(kind, facts.operation, facts.status, code, message, {
    explanation: facts.explanation,
    ...(cause === undefined ? {} : { cause }),
  });
  return { ...facts, ok: false, kind, code, message, response, error };
}

/** The response of a success, or the failure thrown as an `IamportError`. */
export function unwrap<T>(result: IamportResult<T>): T {
  if (!result.ok) throw result.error;
  return result.response;
}

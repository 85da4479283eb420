/**
 * The one table from a failure to what the client sees, and the one function that renders it. The
 * route wrapper, the error handler and the not-found handler all end here.
 *
 * - **Status and code**: the kind's usual status, where the operation's official document lists
 *   it; otherwise HTTP 200 with a non-zero code, as the real service answers (contracts/statuses.ts).
 * - **`message`**: the real service's text (contracts/messages.ts) by default; with
 *   `messages: "explanation"` the mock's own explanation instead. Control calls are the mock's own
 *   API and always explain.
 * - **`X-Iamport-Mock-Explanation`**: the explanation on every refusal, whichever `message` carries.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { EXPLANATION_HEADER, realMessageText, type RealMessageKey } from "../../contracts/messages.ts";
import { documentedStatuses, HTTP_LAYER_STATUSES, liveAnswers } from "../../contracts/statuses.ts";
import type { OperationKey } from "../../contracts/operations.ts";
import type { MessageMode } from "../../contracts/mock/config.ts";
import type { Failure, FailureKind } from "../core/errors.ts";
import type { MockEnv } from "./env.ts";

interface KindAnswer {
  status: ContentfulStatusCode;
  code: number;
  /** The code when the operation's document lists no such status and the answer is HTTP 200. */
  codeAt200: number;
  /** What the service says when the catalogue has no text for the situation. */
  voice: RealMessageKey;
}

export const FAILURE_HTTP: Readonly<Record<FailureKind, KindAnswer>> = {
  // Bad input on an operation that documents no 400 is code -1, like getToken's missing parameters.
  invalidRequest: { status: 400, code: -1, codeAt200: -1, voice: "invalidParameters" },
  unauthorized: { status: 401, code: -1, codeAt200: -1, voice: "tokenRefused" },
  // Nothing found where no 404 is documented is code 1, like unschedule's merchant_uid never scheduled.
  notFound: { status: 404, code: -1, codeAt200: 1, voice: "notFound" },
  methodNotAllowed: { status: 405, code: -1, codeAt200: -1, voice: "notAllowedHere" },
  conflict: { status: 409, code: -1, codeAt200: 1, voice: "wrongState" },
  payloadTooLarge: { status: 413, code: -1, codeAt200: -1, voice: "bodyTooLarge" },
  // Business refusals are HTTP 200 with a non-zero code: clients must read `message`.
  rejected: { status: 200, code: 1, codeAt200: 1, voice: "refused" },
  // The live API answers a card it cannot authenticate with code -1 (public clients' tests).
  cardRefused: { status: 200, code: -1, codeAt200: -1, voice: "cardAuthFailed" },
  pgError: { status: 200, code: -1, codeAt200: -1, voice: "pgFailed" },
  serverError: { status: 500, code: -1, codeAt200: -1, voice: "serverFailed" },
  notSupported: { status: 501, code: -1, codeAt200: -1, voice: "pgNotSupported" },
};

export interface EnvelopeBody {
  code: number;
  message: string | null;
  response: unknown;
}

/** Who is answering: an operation of the table, a control call (`control:…`), or none (null). */
export interface Answering {
  operation: string | null;
  messages: MessageMode;
}

/** The status and code a failure is answered with on an operation (or as is, off the table). */
export function statusFor(kind: FailureKind, operation: string | null): { status: ContentfulStatusCode; code: number } {
  const usual = FAILURE_HTTP[kind];
  if (usual.status === 200 || HTTP_LAYER_STATUSES.includes(usual.status) || !isOperationKey(operation))
    return { status: usual.status, code: usual.code };
  const live = liveAnswers.find((a) => a.operation === operation && a.usual === usual.status);
  if (live) return { status: live.answered.status as ContentfulStatusCode, code: live.answered.code };
  if (documentedStatuses[operation].includes(usual.status)) return { status: usual.status, code: usual.code };
  return { status: 200, code: usual.codeAt200 };
}

export function failureEnvelope(
  failure: Failure,
  { operation, messages }: Answering,
): { status: ContentfulStatusCode; body: EnvelopeBody } {
  const { status, code } = statusFor(failure.kind, operation);
  // Control calls are the mock's own API: they always explain.
  const explains = messages === "explanation" || operation?.startsWith("control:") === true;
  const real = failure.says ?? { key: FAILURE_HTTP[failure.kind].voice };
  const message = explains
    ? failure.explanation
    : "literal" in real
      ? real.literal
      : realMessageText(real.key, real.params);
  return { status, body: { code, message, response: null } };
}

/** The real service answers `application/json; charset=UTF-8`. */
export function sendEnvelope(
  c: Context<MockEnv>,
  status: ContentfulStatusCode,
  body: EnvelopeBody,
  explanation: string | null = null,
): Response {
  c.set("outcome", { code: body.code, message: body.message, explanation });
  const headers: Record<string, string> = { "Content-Type": "application/json; charset=UTF-8" };
  if (explanation !== null) headers[EXPLANATION_HEADER] = headerSafe(explanation);
  return c.body(JSON.stringify(body), status, headers);
}

/**
 * `explain`: put the explanation in `message` whatever the setting; for a path no route serves,
 * where the real service's text is unknown and the hint to the real path is the whole point.
 */
export function renderFailure(c: Context<MockEnv>, failure: Failure, { explain = false } = {}): Response {
  const messages = explain ? "explanation" : (c.get("messages") ?? "real");
  const answering = { operation: c.get("note")?.operation ?? null, messages };
  const { status, body } = failureEnvelope(failure, answering);
  return sendEnvelope(c, status, body, failure.explanation);
}

/**
 * A header carries Latin-1 only: everything outside printable ASCII (and `%` itself) is
 * percent-encoded as UTF-8, so `decodeURIComponent` gives the explanation back exactly and an
 * English one stays readable in curl's output.
 */
export const headerSafe = (text: string) =>
  // A lone surrogate (from a request's own text) has no UTF-8 form: it becomes U+FFFD first.
  text.replace(/\p{Surrogate}/gu, "\ufffd").replace(/[^\x20-\x24\x26-\x7e]/gu, (ch) => encodeURIComponent(ch));

const isOperationKey = (operation: string | null): operation is OperationKey =>
  operation !== null && Object.hasOwn(documentedStatuses, operation);

export const tooLarge = (limit: number): Failure => ({
  kind: "payloadTooLarge",
  explanation: `the body is larger than ${limit} bytes`,
});

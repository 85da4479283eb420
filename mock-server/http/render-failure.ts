/**
 * The one table from a failure to the HTTP status and iamport `code`, and the one function that
 * renders it. The route wrapper, the error handler and the not-found handler all end here.
 */
import type { Context } from "hono";
import type { MockEnv } from "./env.ts";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Failure, FailureKind } from "../core/errors.ts";

export const FAILURE_HTTP: Readonly<Record<FailureKind, { status: ContentfulStatusCode; code: number }>> = {
  invalidRequest: { status: 400, code: -1 },
  unauthorized: { status: 401, code: -1 },
  notFound: { status: 404, code: -1 },
  methodNotAllowed: { status: 405, code: -1 },
  conflict: { status: 409, code: -1 },
  payloadTooLarge: { status: 413, code: -1 },
  // Business refusals are HTTP 200 with a non-zero code: clients must read `message`.
  rejected: { status: 200, code: 1 },
  pgError: { status: 200, code: -1 },
  serverError: { status: 500, code: -1 },
  notSupported: { status: 501, code: -1 },
};

export interface EnvelopeBody {
  code: number;
  message: string | null;
  response: unknown;
}

export function failureEnvelope(failure: Failure): { status: ContentfulStatusCode; body: EnvelopeBody } {
  const { status, code } = FAILURE_HTTP[failure.kind];
  return { status, body: { code, message: failure.message, response: null } };
}

/** The real service answers `application/json; charset=UTF-8`. */
export function sendEnvelope(c: Context<MockEnv>, status: ContentfulStatusCode, body: EnvelopeBody): Response {
  c.set("outcome", { code: body.code, message: body.message });
  return c.body(JSON.stringify(body), status, { "Content-Type": "application/json; charset=UTF-8" });
}

export function renderFailure(c: Context<MockEnv>, failure: Failure): Response {
  const { status, body } = failureEnvelope(failure);
  return sendEnvelope(c, status, body);
}

export const tooLarge = (limit: number): Failure => ({
  kind: "payloadTooLarge",
  message: `the body is larger than ${limit} bytes`,
});

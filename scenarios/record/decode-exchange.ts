/**
 * A recorded exchange read back into what a scenario step needs: the operation, the request's
 * params, query and body decoded by the mock's own decoder, and the answer's envelope. Exchanges a
 * step cannot reproduce are classified with the reason, to be written as comments.
 */
import * as z from "zod";
import type { RawCallInput } from "../../client/index.ts";
import { envelope } from "../../contracts/envelope.ts";
import { decodeBody, decodeQuery, mediaType } from "../../mock-server/http/decode-request.ts";
import type { RecordedExchange } from "./exchange.ts";
import { matchOperation, type MatchedOperation } from "./match-operation.ts";

/** A step's request is what the runner's client sends: the client's untyped call input (`encoding` is only ever "form" here). */
export type StepRequest = RawCallInput;

export interface Answer {
  status: number;
  code: number;
  message: string | null;
  response: unknown;
}

export type DecodedExchange =
  | { kind: "step"; exchange: RecordedExchange; operation: MatchedOperation; request: StepRequest; answer: Answer }
  /** POST /users/getToken: never a step, but its credentials and token are secrets to scrub. */
  | { kind: "token"; exchange: RecordedExchange; secrets: string[] }
  | { kind: "skipped"; exchange: RecordedExchange; reason: string };

const FORM = "application/x-www-form-urlencoded";
/** Any answer's envelope, whatever its `response`: the contracts' own, as the client reads a refusal (client/exchange.ts). */
const AnyEnvelope = envelope(z.unknown());

export function decodeExchange(exchange: RecordedExchange): DecodedExchange {
  const skip = (reason: string): DecodedExchange => ({ kind: "skipped", exchange, reason });
  const operation = matchOperation(exchange.method, exchange.path);
  if (!operation) return skip("no operation of the table or the control API has this path");
  if (operation.kind === "call" && operation.key === "getToken") {
    return { kind: "token", exchange, secrets: tokenSecrets(exchange, operation) };
  }
  const answer = readEnvelope(exchange.responseBody, exchange.status);
  if (!answer)
    return skip(
      `the answer (HTTP ${exchange.status}) is not an iamport envelope, so the client could not read it on replay`,
    );
  // The client renews its token after a 401 and sends the request again; that second exchange is the step.
  if (exchange.status === 401) return skip("answered 401: the runner's client holds its own token");
  const request = decodeRequest(exchange, operation);
  return typeof request === "string" ? skip(request) : { kind: "step", exchange, operation, request, answer };
}

export function readEnvelope(text: string, status: number): Answer | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const shape = AnyEnvelope.safeParse(parsed);
  return shape.success
    ? { status, code: shape.data.code, message: shape.data.message, response: shape.data.response }
    : undefined;
}

/** The request's parts, or why a step cannot send it again. */
function decodeRequest(exchange: RecordedExchange, operation: MatchedOperation): StepRequest | string {
  const request: StepRequest = {};
  if (Object.keys(operation.params).length) request.params = operation.params;
  const query = decodeQuery(exchange.search, operation.query);
  if (Object.keys(query).length) request.query = query;
  if (exchange.requestBody.trim() === "") return request;
  const contentType = exchange.requestHeaders["content-type"];
  const isForm = mediaType(contentType) === FORM;
  // A form body only carries strings: the operation's schema says which are numbers or lists, as
  // in the mock. A JSON body is kept as sent (no schema), so a replay sends the same JSON types;
  // only its nulls go, which the mock reads as absent anyway.
  const decoded = decodeBody(contentType, exchange.requestBody, isForm ? operation.body : undefined, {
    coerceJsonScalars: false,
  });
  if (!decoded.ok) return `the body cannot be sent again: ${decoded.failure.message}`;
  request.body = decoded.value;
  if (isForm) request.encoding = "form";
  return request;
}

/** imp_key and imp_secret sent, access_token received. */
function tokenSecrets(exchange: RecordedExchange, operation: MatchedOperation): string[] {
  const sent = decodeBody(exchange.requestHeaders["content-type"], exchange.requestBody, operation.body);
  const received = readEnvelope(exchange.responseBody, exchange.status)?.response as
    { access_token?: unknown } | null | undefined;
  const values = [
    sent.ok ? sent.value.imp_key : undefined,
    sent.ok ? sent.value.imp_secret : undefined,
    received?.access_token,
  ];
  return values.filter((value): value is string => typeof value === "string");
}

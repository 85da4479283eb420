/**
 * One request and its answer, shared by the iamport client and the mock's control client: build
 * the request, read the envelope, classify the outcome, and check it against the contract.
 */
import * as z from "zod";
import { envelope } from "../contracts/envelope.ts";
import { EXPLANATION_HEADER } from "../contracts/messages.ts";
import { describeDrift, findDrift, type Drift } from "./drift.ts";
import { encodeBody, fillPath, queryString } from "./encode.ts";
import type { RawCallInput } from "./operation-types.ts";
import { failure, failureKind, type IamportResult } from "./result.ts";

export type FetchLike = (request: Request) => Promise<Response>;
export type Validation = "off" | "report" | "throw";

/** The differences one answer showed against the contract. */
export interface DriftReport {
  operation: string;
  method: string;
  path: string;
  status: number;
  drift: Drift[];
}

export class ContractDriftError extends Error {
  override name = "ContractDriftError";
  constructor(readonly report: DriftReport) {
    const lines = report.drift.map(describeDrift);
    super(
      `${report.operation} (${report.method} ${report.path}, HTTP ${report.status}) differs from the contract:\n  ${lines.join("\n  ")}`,
    );
  }
}

export interface ExchangeSettings {
  baseUrl: string;
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
  validate?: Validation | undefined;
  onDrift?: ((report: DriftReport) => void) | undefined;
}

/** What one call needs to know of its operation. */
export interface Endpoint {
  name: string;
  method: string;
  path: string;
  /** The `response` member of a success. */
  response: z.ZodType;
}

export interface Exchange {
  (endpoint: Endpoint, input: RawCallInput, authorization: string | null): Promise<IamportResult<unknown>>;
  /** Every drift report so far, oldest first (the last 1 000). */
  driftReports: DriftReport[];
}

const DRIFT_REPORTS_KEPT = 1_000;
/** What a refusal's body must look like: an envelope, whatever its `response`. */
const RefusalEnvelope = z.object({ code: z.number().int(), message: z.string().nullable(), response: z.unknown() });

export function createExchange(settings: ExchangeSettings): Exchange {
  const baseUrl = settings.baseUrl.replace(/\/+$/, "");
  const transport: FetchLike = settings.fetch ?? ((request) => fetch(request));
  const validation = settings.validate ?? "off";
  const driftReports: DriftReport[] = [];
  const successEnvelopes = new WeakMap<z.ZodType, z.ZodType>();

  function successEnvelope(response: z.ZodType): z.ZodType {
    let schema = successEnvelopes.get(response);
    if (!schema) successEnvelopes.set(response, (schema = envelope(response)));
    return schema;
  }

  function recordDrift(report: DriftReport) {
    driftReports.push(report);
    if (driftReports.length > DRIFT_REPORTS_KEPT) driftReports.shift();
    settings.onDrift?.(report);
    if (validation === "throw") throw new ContractDriftError(report);
  }

  const exchange = async (
    endpoint: Endpoint,
    input: RawCallInput,
    authorization: string | null,
  ): Promise<IamportResult<unknown>> => {
    const path = fillPath(endpoint.path, input.params);
    const method = endpoint.method.toUpperCase();
    const headers = new Headers({ accept: "application/json" });
    if (authorization) headers.set("authorization", authorization);
    let body: string | undefined;
    if (input.body !== undefined) {
      const encoded = encodeBody(input.encoding ?? "json", input.body);
      headers.set("content-type", encoded.contentType);
      body = encoded.text;
    }
    // The deadline is the client's own (a timer and a controller it holds): a Request follows its
    // signal only weakly, so a transport that drops the Request could otherwise never be told.
    const timeoutMs = settings.timeoutMs ?? 30_000;
    const deadline = new AbortController();
    const timer = setTimeout(
      () => deadline.abort(new DOMException(`no answer within ${timeoutMs} ms`, "TimeoutError")),
      timeoutMs,
    );
    const request = new Request(`${baseUrl}${path}${queryString(input.query)}`, {
      method,
      headers,
      signal: deadline.signal,
      ...(body === undefined ? {} : { body }),
    });
    const facts = { operation: endpoint.name, status: 0, drift: [] as Drift[], explanation: null as string | null };
    let parsed: unknown;
    try {
      const answer = await beforeDeadline(transport(request), deadline.signal);
      facts.status = answer.status;
      const explanation = answer.headers.get(EXPLANATION_HEADER);
      if (explanation !== null) facts.explanation = decodedHeader(explanation);
      const text = await beforeDeadline(answer.text(), deadline.signal);
      parsed = text === "" ? undefined : JSON.parse(text);
    } catch (error) {
      const reason = facts.status ? `HTTP ${facts.status} with a body that is not JSON` : (error as Error).message;
      return failure(facts, "transport", null, reason, null, error);
    } finally {
      clearTimeout(timer);
    }
    const shape = RefusalEnvelope.safeParse(parsed);
    if (!shape.success)
      return failure(facts, "transport", null, `HTTP ${facts.status} without an iamport envelope`, parsed);
    const { code, message, response } = shape.data;
    const succeeded = facts.status === 200 && code === 0;
    if (validation !== "off") {
      facts.drift = findDrift(succeeded ? successEnvelope(endpoint.response) : RefusalEnvelope, parsed);
      if (facts.drift.length)
        recordDrift({ operation: endpoint.name, method, path, status: facts.status, drift: facts.drift });
    }
    if (succeeded) return { ...facts, ok: true, code: 0, message, response };
    return failure(facts, failureKind(facts.status), code, message, response);
  };
  return Object.assign(exchange, { driftReports });
}

/** The mock percent-encodes its explanation header; anything else (a proxy's stray `%`) is kept as it came. */
function decodedHeader(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The promise's outcome, or the deadline's reason once it passes, even from a fetch that ignores its signal. */
function beforeDeadline<T>(promise: Promise<T>, deadline: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const expire = () => reject(deadline.reason);
    if (deadline.aborted) return expire();
    deadline.addEventListener("abort", expire, { once: true });
    promise.then(resolve, reject).finally(() => deadline.removeEventListener("abort", expire));
  });
}

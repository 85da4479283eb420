/**
 * Recorded exchanges → a scenario (pure: no I/O, no clock). Each exchange with an operation
 * becomes a `call` or `control` step; getToken is left out (the runner's client gets its own
 * token), and what a step cannot reproduce (an unknown path, a 401, an answer that is no envelope)
 * becomes a comment where it happened. Redaction, captures and volatile fields are the rules of
 * redact.ts, captures.ts and volatile.ts.
 */
import type { CallStep, ControlStep, Scenario } from "../../contracts/scenarios.ts";
import { createCaptureBook, type CaptureBook } from "./captures.ts";
import { decodeExchange, readEnvelope, type DecodedExchange, type StepRequest } from "./decode-exchange.ts";
import type { RecordedExchange } from "./exchange.ts";
import { expectationFor } from "./expectations.ts";
import { createRedactor, isTestCard, type Redactor } from "./redact.ts";
import { renderRecordingYaml, type Recording } from "./render-yaml.ts";

export type { Recording };
import { answerNow, relativeTimes } from "./volatile.ts";

export interface RecordingOptions {
  /** The upstream the session went to, for the description and the header comment. */
  upstream: string;
  /** When recording started (ISO 8601). */
  recordedAt: string;
  name?: string | undefined;
}

export interface YamlOptions extends RecordingOptions {
  /** The JSON Schema's path relative to the file (`../scenario.schema.json`); no modeline without it. */
  schemaRef?: string | undefined;
}

type StepExchange = Extract<DecodedExchange, { kind: "step" }>;

interface Draft {
  item: StepExchange;
  request: StepRequest;
  routed: boolean;
  notes: string[];
}

export function toRecording(exchanges: RecordedExchange[], options: RecordingOptions): Recording {
  const decoded = exchanges.map(decodeExchange);
  const redactor = createRedactor(decoded);
  const book = createCaptureBook();
  const { drafts, notesAfter } = draftSteps(decoded, book, redactor);
  const steps = drafts.map((draft, index) => stepOf(draft, index, book, redactor));
  const where = `${displayUrl(options.upstream)} at ${options.recordedAt}`;
  const scenario: Scenario = {
    name: options.name ?? `Recorded from ${where}`,
    description: `Recorded by iamport-mock record from ${where}: ${count(exchanges.length, "exchange")}, ${count(steps.length, "step")}.`,
    tags: ["recorded"],
    steps,
  };
  return { scenario, notesBefore: drafts.map((draft) => draft.notes), notesAfter };
}

export function toScenario(exchanges: RecordedExchange[], options: RecordingOptions): Scenario {
  return toRecording(exchanges, options).scenario;
}

export function toScenarioYaml(exchanges: RecordedExchange[], options: YamlOptions): string {
  return renderRecordingYaml(toRecording(exchanges, options), { ...options, upstream: displayUrl(options.upstream) });
}

/**
 * In the order of the session: requests get their variables (only values seen in earlier answers
 * can be), then the answer offers its server-made values to later steps. The upstream's clock is
 * followed through every answer, getToken's included, for requests' relative moments.
 */
function draftSteps(
  decoded: DecodedExchange[],
  book: CaptureBook,
  redactor: Redactor,
): { drafts: Draft[]; notesAfter: string[] } {
  const drafts: Draft[] = [];
  const superKeys = new Set<string>();
  let notes: string[] = [];
  let upstreamNow: number | undefined;
  for (const item of decoded) {
    if (item.kind === "step") {
      const request = redactor.request(relativeTimes(book.templatize(item.request), upstreamNow));
      book.noteSent(drafts.length, item.request);
      book.offerAnswer(drafts.length, item.answer.response);
      drafts.push({ item, request, routed: isRouted(item.request, superKeys), notes });
      notes = [];
      noteSuperKey(item.answer.response, superKeys);
    } else if (item.kind === "skipped") {
      const { method, path, search, status } = item.exchange;
      notes.push(redactor.text(`not replayed: ${method} ${path}${search} → HTTP ${status}: ${item.reason}`));
    }
    upstreamNow = answerNow(readEnvelope(item.exchange.responseBody, item.exchange.status)?.response) ?? upstreamNow;
  }
  return { drafts, notesAfter: notes };
}

function stepOf(
  { item, request, routed }: Draft,
  index: number,
  book: CaptureBook,
  redactor: Redactor,
): CallStep | ControlStep {
  const { kind, key } = item.operation;
  const step: Record<string, unknown> = kind === "call" ? { call: key } : { control: key };
  // The mock's test cards decide outcomes only there; on live the step is skipped, with the reason.
  if (kind === "call" && isTestCard(item.request.body?.card_number)) step.mock_only = true;
  if (request.encoding) step.encoding = request.encoding;
  for (const part of ["params", "query", "body"] as const) if (request[part]) step[part] = request[part];
  step.expect = expectationFor(item.answer, { step: index, book, redactor, routed });
  const captures = book.capturesAt(index);
  if (Object.keys(captures).length) step.capture = captures;
  return step as unknown as CallStep | ControlStep;
}

/** A request through a smart-routing group: a group id named, or a super billing key used. */
function isRouted(request: StepRequest, superKeys: Set<string>): boolean {
  const { body = {}, params = {} } = request;
  if (body.channelGroupId || body.channel_group_id) return true;
  return [body.customer_uid, params.customer_uid].some((uid) => typeof uid === "string" && superKeys.has(uid));
}

/** A super billing key's answer names its group; payments with that key are routed. */
function noteSuperKey(response: unknown, superKeys: Set<string>): void {
  const key = response as { customer_uid?: unknown; channelGroupId?: unknown } | null;
  if (key && typeof key === "object" && typeof key.customer_uid === "string" && key.channelGroupId)
    superKeys.add(key.customer_uid);
}

export const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

/** The upstream without credentials a URL may carry (`https://user:pass@host`). */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return url;
  }
}

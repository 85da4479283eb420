/**
 * What a recorded step expects of its answer: `status` and `code` always, `message` on a refusal,
 * and of the response the scalar fields (of the object, or of each item of a list of up to five;
 * `$length` for longer lists), each literal unless it changes between runs (volatile.ts) or a
 * capture holds it. Nested objects and lists inside the response are not expected: they repeat
 * what the scalars say (cancel_history mirrors cancel_amount) and would tie a replay to details.
 */
import type { ExpectedValue, Expectation } from "../../contracts/scenarios.ts";
import type { CaptureBook } from "./captures.ts";
import type { Answer } from "./decode-exchange.ts";
import { isMaskedKey, isSecretKey, type Redactor } from "./redact.ts";
import { jsonType, volatileMatcher } from "./volatile.ts";

const LISTED_ITEMS = 5;
/** A ten-digit number in a message is a moment (unix seconds): it changes between runs. */
const MOMENT_IN_TEXT = /\b1\d{9}\b/;

export interface ExpectationContext {
  step: number;
  book: CaptureBook;
  redactor: Redactor;
  routed: boolean;
}

export function expectationFor(answer: Answer, context: ExpectationContext): Expectation {
  const expectation: Expectation = { status: answer.status, code: answer.code };
  if (answer.code !== 0 && answer.message !== null) expectation.message = messageExpectation(answer.message, context);
  if (answer.response !== undefined) expectation.response = responseExpectation(answer.response, context);
  return expectation;
}

function responseExpectation(response: unknown, context: ExpectationContext): ExpectedValue {
  if (Array.isArray(response)) {
    if (response.length > LISTED_ITEMS) return { $length: response.length };
    return response.map((item) => itemExpectation(item, context));
  }
  return itemExpectation(response, context);
}

function itemExpectation(item: unknown, context: ExpectationContext): ExpectedValue {
  if (Array.isArray(item)) return { $type: "array" };
  if (item === null || typeof item !== "object") return scalarExpectation(undefined, item, context);
  const fields: Record<string, ExpectedValue> = {};
  for (const [key, value] of Object.entries(item)) {
    // `$` keys would read as matchers; secrets are never written, not even as "[redacted]".
    if (key.startsWith("$") || isSecretKey(key) || (value !== null && typeof value === "object")) continue;
    fields[key] = scalarExpectation(key, value, context);
  }
  return Object.keys(fields).length ? fields : { $type: "object" };
}

function scalarExpectation(key: string | undefined, value: unknown, context: ExpectationContext): ExpectedValue {
  const captured = context.book.templateBefore(value, context.step);
  if (captured) return captured;
  if (key !== undefined) {
    const serverMade = context.book.isServerMade(value, context.step);
    const matcher = volatileMatcher(key, value, { serverMade, routed: context.routed });
    if (matcher) return matcher;
    if (isMaskedKey(key) && value !== null) return { $type: jsonType(value) };
  }
  if (typeof value !== "string") return value as ExpectedValue;
  // A secret inside the text, or what would read as a template, cannot be written as it is.
  if (context.redactor.text(value) !== value || value.includes("{{")) return { $type: "string" };
  return value;
}

/**
 * A refusal's message as recorded, with a server-made value it quotes written as its variable;
 * when it quotes one no capture holds, or a moment, only that it is a string.
 */
function messageExpectation(message: string, context: ExpectationContext): ExpectedValue {
  const scrubbed = context.redactor.text(message);
  if (scrubbed !== message || MOMENT_IN_TEXT.test(message) || message.includes("{{")) return { $type: "string" };
  let text = message;
  for (const { value, template } of context.book.serverMadeValues()) {
    if (!text.includes(value)) continue;
    const variable = template(context.step);
    if (!variable) return { $type: "string" };
    text = text.split(value).join(variable);
  }
  return text;
}

/**
 * One decoder for every request input. JSON bodies, form-urlencoded bodies (with the bracket
 * notation iamport's clients use: `merchant_uid[]=a`, `schedules[0][amount]=1000`,
 * `sender[formed_address][address_line_1]=…`) and query strings all become the same plain object,
 * shaped by the operation's zod schema, before validation sees them:
 *   - `null` means absent (real clients send `checksum: null` for "no checksum");
 *   - where the schema wants a number or a boolean, a string is converted ("1000" → 1000) — form
 *     bodies and query strings carry nothing but strings;
 *   - where the schema wants an array, one value becomes a one-element array and `{0: a, 1: b}`
 *     becomes `[a, b]`; a union of a value and an array (`notice_url`) always becomes the array.
 * Anything that cannot be converted is left alone so that validation names the field. Fields the
 * schema does not know are kept (the real API accepts them) and listed for the request journal.
 *
 * This runs on every request, so each schema is read once into a plan (schema-plan.ts) and flat
 * form bodies, the common case, skip qs.
 */
import type qsModule from "qs";
import type { z } from "zod";
import { qs } from "../lazy-qs.ts";
import { planOf, type Plan } from "./schema-plan.ts";

export interface DecodeOptions {
  /**
   * Convert numeric and boolean strings in JSON bodies too. On by default: docs/decisions/002.
   * Form bodies and query strings are always converted.
   */
  coerceJsonScalars?: boolean;
  /** Receives the paths of fields the schema does not know (`extra`, `schedules[0].note`). */
  unknownFields?: string[];
}

export type DecodeFailure =
  | { kind: "missingContentType"; message: string }
  | { kind: "unsupportedContentType"; message: string; contentType: string }
  | { kind: "malformedJson"; message: string }
  | { kind: "notAnObject"; message: string };

export type Decoded = { ok: true; value: Record<string, unknown> } | { ok: false; failure: DecodeFailure };

const JSON_TYPE = "application/json";
const FORM_TYPE = "application/x-www-form-urlencoded";

const QS_OPTIONS: qsModule.IParseOptions = { depth: 10, arrayLimit: 1000, parameterLimit: 10_000 };

/** The media type without parameters: `application/json;charset=utf-8` → `application/json`. */
export function mediaType(contentType: string | null | undefined): string | undefined {
  if (contentType == null) return undefined;
  const semicolon = contentType.indexOf(";");
  const type = (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  return type ? type : undefined;
}

export function decodeBody(
  contentType: string | null | undefined,
  raw: string,
  schema: z.ZodType | undefined,
  options: DecodeOptions = {},
): Decoded {
  const type = mediaType(contentType);
  if (raw.trim() === "") return { ok: true, value: {} };
  if (!type) {
    return {
      ok: false,
      failure: {
        kind: "missingContentType",
        message: `The request has a body but no Content-Type; send ${JSON_TYPE} or ${FORM_TYPE}`,
      },
    };
  }
  if (type === FORM_TYPE) {
    return { ok: true, value: shapeObject(parseForm(raw), schema, true, options.unknownFields) };
  }
  if (type === JSON_TYPE || type.endsWith("+json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      return {
        ok: false,
        failure: { kind: "malformedJson", message: `The JSON body cannot be parsed: ${(error as Error).message}` },
      };
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      return { ok: false, failure: { kind: "notAnObject", message: "The JSON body must be an object of parameters" } };
    }
    return { ok: true, value: shapeObject(parsed, schema, options.coerceJsonScalars ?? true, options.unknownFields) };
  }
  return {
    ok: false,
    failure: {
      kind: "unsupportedContentType",
      contentType: type,
      message: `Content-Type ${type} is not accepted; send ${JSON_TYPE} or ${FORM_TYPE}`,
    },
  };
}

/** Decodes a query string (with or without the leading `?`) the same way as a form body. */
export function decodeQuery(
  search: string,
  schema: z.ZodType | undefined,
  unknownFields?: string[],
): Record<string, unknown> {
  return shapeObject(parseForm(search.startsWith("?") ? search.slice(1) : search), schema, true, unknownFields);
}

// ---- form parsing

const BRACKET = /[[\]]|%5[bd]/i;

const formComponent = (text: string) => {
  const spaced = text.includes("+") ? text.replace(/\+/g, " ") : text;
  if (!spaced.includes("%")) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced; // a stray `%` stays as sent, as qs leaves it
  }
};

/**
 * `a=1&b=x+y` → `{a: "1", b: "x y"}`. A body with brackets or a repeated name goes to qs, which
 * builds the nested objects and arrays; a flat body (nearly every real request) is split here in
 * a fraction of the time, with qs's results: empty names and names of Object.prototype dropped.
 */
export function parseForm(raw: string): Record<string, unknown> {
  if (raw === "") return {};
  if (BRACKET.test(raw)) return qs().parse(raw, QS_OPTIONS);
  const parts = raw.split("&", QS_OPTIONS.parameterLimit);
  const out: Record<string, unknown> = {};
  for (const part of parts) {
    const equals = part.indexOf("=");
    const key = formComponent(equals < 0 ? part : part.slice(0, equals));
    if (key === "" || Object.prototype.hasOwnProperty.call(Object.prototype, key)) continue;
    if (Object.prototype.hasOwnProperty.call(out, key)) return qs().parse(raw, QS_OPTIONS);
    out[key] = equals < 0 ? "" : formComponent(part.slice(equals + 1));
  }
  return out;
}

// ---- shaping by schema

function shapeObject(
  value: unknown,
  schema: z.ZodType | undefined,
  coerce: boolean,
  unknown: string[] | undefined,
): Record<string, unknown> {
  const shaped = shape(value, planOf(schema), coerce, "", unknown);
  return typeof shaped === "object" && shaped !== null && !Array.isArray(shaped)
    ? (shaped as Record<string, unknown>)
    : {};
}

function shape(value: unknown, plan: Plan, coerce: boolean, path: string, unknown: string[] | undefined): unknown {
  if (Array.isArray(value)) {
    const element = plan.element;
    const out: unknown[] = [];
    for (const item of value)
      if (item !== null) out.push(shape(item, element ?? planOf(undefined), coerce, `${path}[${out.length}]`, unknown));
    return out;
  }
  if (typeof value === "object" && value !== null) {
    if (plan.element) return shape(indexedToArray(value as Record<string, unknown>), plan, coerce, path, unknown);
    const out: Record<string, unknown> = {};
    for (const key in value) {
      const item = (value as Record<string, unknown>)[key];
      if (item === null || item === undefined) continue;
      const field = plan.fields?.get(key);
      const fieldPath = path ? `${path}.${key}` : key;
      if (plan.fields && !field) unknown?.push(fieldPath);
      if (key === "__proto__") continue; // JSON can name it; assigning it would swap the object's prototype
      const shaped = shape(item, field ?? planOf(undefined), coerce, fieldPath, unknown);
      if (shaped !== undefined) out[key] = shaped;
    }
    return out;
  }
  if (plan.element) return [shape(value, plan.element, coerce, `${path}[0]`, unknown)];
  if (typeof value === "string" && coerce) return plan.coerce(value);
  return value;
}

/** `{0: a, 1: b}` (how qs reads `a[0]=…&a[1]=…` past its array limit) → `[a, b]`. */
function indexedToArray(value: Record<string, unknown>): unknown {
  const keys = Object.keys(value);
  if (keys.length === 0 || !keys.every((k) => /^\d+$/.test(k))) return [value];
  return keys.sort((a, b) => Number(a) - Number(b)).map((k) => value[k]);
}

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
 * Anything that cannot be converted is left alone so that validation names the field.
 */
import qs from "qs";
import { z } from "zod";
import { unwrapSchema } from "../../contracts/unwrap.ts";

export interface DecodeOptions {
  /**
   * Convert numeric and boolean strings in JSON bodies too. On by default: docs/decisions/002.
   * Form bodies and query strings are always converted.
   */
  coerceJsonScalars?: boolean;
}

export type DecodeFailure =
  | { kind: "missingContentType"; message: string }
  | { kind: "unsupportedContentType"; message: string; contentType: string }
  | { kind: "malformedJson"; message: string }
  | { kind: "notAnObject"; message: string };

export type Decoded = { ok: true; value: Record<string, unknown> } | { ok: false; failure: DecodeFailure };

const JSON_TYPE = "application/json";
const FORM_TYPE = "application/x-www-form-urlencoded";

const QS_OPTIONS: qs.IParseOptions = { depth: 10, arrayLimit: 1000, parameterLimit: 10_000 };

/** The media type without parameters: `application/json;charset=utf-8` → `application/json`. */
export function mediaType(contentType: string | null | undefined): string | undefined {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
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
    return { ok: true, value: shapeObject(qs.parse(raw, QS_OPTIONS), schema, true) };
  }
  if (type === JSON_TYPE || type.endsWith("+json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      return { ok: false, failure: { kind: "malformedJson", message: `The JSON body cannot be parsed: ${(error as Error).message}` } };
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      return { ok: false, failure: { kind: "notAnObject", message: "The JSON body must be an object of parameters" } };
    }
    return { ok: true, value: shapeObject(parsed, schema, options.coerceJsonScalars ?? true) };
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
export function decodeQuery(search: string, schema: z.ZodType | undefined): Record<string, unknown> {
  return shapeObject(qs.parse(search.replace(/^\?/, ""), QS_OPTIONS), schema, true);
}

// ---- shaping by schema

function shapeObject(value: unknown, schema: z.ZodType | undefined, coerce: boolean): Record<string, unknown> {
  const shaped = shape(value, schema, coerce);
  return typeof shaped === "object" && shaped !== null && !Array.isArray(shaped) ? (shaped as Record<string, unknown>) : {};
}

/**
 * A union with an array branch (`notice_url`: one URL or several) always decodes to the array:
 * a form cannot tell `a=x` from a one-element `a[]=x`, and both mean the same.
 */
function arrayBranch(target: z.ZodType | undefined): z.ZodArray | undefined {
  if (!(target instanceof z.ZodUnion)) return undefined;
  return (target.options as z.ZodType[]).map(unwrapSchema).find((o): o is z.ZodArray => o instanceof z.ZodArray);
}

function shape(value: unknown, schema: z.ZodType | undefined, coerce: boolean): unknown {
  const unwrapped = schema ? unwrapSchema(schema) : undefined;
  const target = arrayBranch(unwrapped) ?? unwrapped;

  if (Array.isArray(value)) {
    const element = target instanceof z.ZodArray ? (target.element as z.ZodType) : undefined;
    return value.filter((item) => item !== null).map((item) => shape(item, element, coerce));
  }
  if (typeof value === "object" && value !== null) {
    if (target instanceof z.ZodArray) return shape(indexedToArray(value as Record<string, unknown>), target, coerce);
    const fields = target instanceof z.ZodObject ? (target.shape as Record<string, z.ZodType>) : {};
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === null || item === undefined) continue;
      const shaped = shape(item, fields[key], coerce);
      if (shaped !== undefined) out[key] = shaped;
    }
    return out;
  }
  if (target instanceof z.ZodArray) return [shape(value, target.element as z.ZodType, coerce)];
  if (typeof value === "string" && coerce && target) return coerceString(value, target);
  return value;
}

/** `{0: a, 1: b}` (how qs reads `a[0]=…&a[1]=…` past its array limit) → `[a, b]`. */
function indexedToArray(value: Record<string, unknown>): unknown {
  const keys = Object.keys(value);
  if (keys.length === 0 || !keys.every((k) => /^\d+$/.test(k))) return [value];
  return keys.sort((a, b) => Number(a) - Number(b)).map((k) => value[k]);
}

function coerceString(value: string, target: z.ZodType): unknown {
  if (target instanceof z.ZodUnion) {
    const options = (target.options as z.ZodType[]).map(unwrapSchema);
    // A union that admits a string keeps it: `vbank_due=20261231` is a date, not unix seconds.
    if (options.some((o) => o instanceof z.ZodString || o instanceof z.ZodEnum || o instanceof z.ZodArray)) return value;
    for (const option of options) {
      const coerced = coerceString(value, option);
      if (coerced !== value) return coerced;
    }
    return value;
  }
  if (target instanceof z.ZodNumber) {
    if (value.trim() === "") return undefined;
    const n = Number(value);
    return Number.isFinite(n) && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value) ? n : value;
  }
  if (target instanceof z.ZodBoolean) {
    if (value === "") return undefined;
    const lowered = value.toLowerCase();
    if (lowered === "true" || lowered === "1") return true;
    if (lowered === "false" || lowered === "0") return false;
    return value;
  }
  return value;
}

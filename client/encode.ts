/**
 * How a request travels: path parameters filled in, query strings and form bodies in the bracket
 * notation iamport's own clients use. The mock's decoder reads exactly this back.
 */
import qs from "qs";

export type Encoding = "json" | "form";

/** `/payments/{imp_uid}` with `{ imp_uid: "imp_1" }` → `/payments/imp_1`; a missing parameter is an error, not "undefined". */
export function fillPath(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) throw new TypeError(`path parameter ${name} is missing for ${template}`);
    return encodeURIComponent(String(value));
  });
}

/** The official document names list parameters `imp_uid[]`; callers may write either form. */
const withoutBrackets = (value: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(value).map(([key, v]) => [key.endsWith("[]") ? key.slice(0, -2) : key, v]));

/** `?imp_uid[]=a&imp_uid[]=b&extra[requester]=customer`, or "" when there is nothing to send. */
export function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return "";
  const text = qs.stringify(withoutBrackets(query), { arrayFormat: "brackets", skipNulls: true });
  return text ? `?${text}` : "";
}

/**
 * Form bodies as real clients write them: `notice_url[]=a` for lists of values, and indices for
 * lists of objects (`schedules[0][merchant_uid]=…`), where empty brackets would be ambiguous.
 */
export function formBody(value: Record<string, unknown>): string {
  const holdsObjects = (v: unknown) => Array.isArray(v) && v.some((item) => typeof item === "object" && item !== null);
  return Object.entries(withoutBrackets(value))
    .map(([key, v]) => qs.stringify({ [key]: v }, { arrayFormat: holdsObjects(v) ? "indices" : "brackets" }))
    .filter(Boolean)
    .join("&");
}

export function encodeBody(encoding: Encoding, value: Record<string, unknown>): { contentType: string; text: string } {
  return encoding === "json"
    ? { contentType: "application/json", text: JSON.stringify(value) }
    : { contentType: "application/x-www-form-urlencoded", text: formBody(value) };
}

/**
 * Which answer fields hold values that change between runs, and what a recording expects of them
 * instead of the recorded value. The question is what differs between the recording's upstream
 * (a mock on a wall clock with a random seed, or the live API) and a fresh in-process mock with a
 * frozen clock and another seed:
 *   - moments (`*_at`, `*_date`, `now`, `inserted`, …): the clocks differ, so a non-zero moment is
 *     expected as `{ $type: integer }`; 0 means "never" on every target and stays literal;
 *   - identifiers the server makes (imp_uid, cancellation_id, pg_tid, apply_num, vbank_num,
 *     receipt_url, a generated customer_uid or group id, …): the seed (or the live service) makes
 *     them, so `{ $regex: "^imp_" }` for imp_uid and `{ $type: … }` for the others, unless the
 *     client sent the value first (then the merchant chose it and it stays literal), or a capture
 *     holds it (then the step expects `{{variable}}`);
 *   - what the target decides rather than the request: the clock's `mode`, `latency_ms`, and the
 *     masked `card_number` (each live PG masks its own way);
 *   - through a smart-routing group, the seeded pick decides the PG: `pg_provider`, `pg_id`.
 * Everything else (amounts, statuses, codes, names, the demo channel's PG) follows from the
 * requests and the demo merchant, so it stays literal. A live recording replayed on the mock also
 * differs in the merchant's own channels and card data; those literals are the ones to edit.
 */

/** A moment in unix seconds. */
const TIME_KEY = /(_at|_date)$|^(at|now|created|inserted|updated)$/;
/** Moments a request sends, written relative to the target's clock (`{{$now + 3600}}`). */
const REQUEST_TIME_KEY = /(_at|_due|_date)$|^(now|from|to)$/;
/** Further from the clock than this, a request's number is not taken for a moment near it. */
const NEAR_SECONDS = 366 * 24 * 60 * 60;

/** Fields whose values the server makes up; captured when a later request sends one back. */
export const SERVER_MADE_KEYS = new Set([
  "imp_uid",
  "cancellation_id",
  "pg_tid",
  "apply_num",
  "vbank_num",
  "receipt_url",
  "receipt_tid",
  "event_id",
  "id",
  "customer_uid",
  "channelGroupId",
  "channel_group_id",
]);
const TARGET_KEYS = new Set(["mode", "latency_ms", "card_number"]);
const ROUTED_KEYS = new Set(["pg_provider", "pg_id", "emb_pg_provider"]);

export type Matcher = { $type: string } | { $regex: string };

export interface FieldFacts {
  /** The value was first seen in an answer (not sent by the client before). */
  serverMade: boolean;
  /** The request went through a smart-routing group. */
  routed: boolean;
}

export function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** The matcher a changing field is expected with, or undefined when its recorded value holds on replay. */
export function volatileMatcher(key: string, value: unknown, facts: FieldFacts): Matcher | undefined {
  if (value === null || value === undefined) return undefined;
  if (TIME_KEY.test(key) && typeof value === "number") return value === 0 ? undefined : { $type: jsonType(value) };
  if (facts.serverMade && SERVER_MADE_KEYS.has(key))
    return key === "imp_uid" ? { $regex: "^imp_" } : { $type: jsonType(value) };
  if (TARGET_KEYS.has(key) || (facts.routed && ROUTED_KEYS.has(key))) return { $type: jsonType(value) };
  return undefined;
}

/**
 * A request's moments (schedule_at, vbank_due, a setClock's now, …) as offsets from the target's
 * clock, read from the last `now` the upstream answered (getToken's, a clock view's): a recorded
 * "in an hour" stays an hour ahead on a target whose clock is elsewhere.
 */
export function relativeTimes<T>(value: T, now: number | undefined): T {
  if (now === undefined) return value;
  const isMoment = (item: unknown, key: string | undefined): item is number =>
    Number.isInteger(item) &&
    key !== undefined &&
    REQUEST_TIME_KEY.test(key) &&
    Math.abs((item as number) - now) <= NEAR_SECONDS;
  const visit = (item: unknown, key: string | undefined): unknown => {
    if (isMoment(item, key)) {
      const offset = item - now;
      return offset === 0 ? "{{$now}}" : `{{$now ${offset > 0 ? "+" : "-"} ${Math.abs(offset)}}}`;
    }
    if (Array.isArray(item)) return item.map((element) => visit(element, key));
    if (item && typeof item === "object")
      return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, visit(v, k)]));
    return item;
  };
  return visit(value, undefined) as T;
}

/** The upstream's clock as an answer shows it (getToken, the control API's clock views and state). */
export function answerNow(response: unknown): number | undefined {
  const now = (response as { now?: unknown } | null | undefined)?.now;
  return typeof now === "number" && Number.isInteger(now) ? now : undefined;
}

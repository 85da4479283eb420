/**
 * Values that change between runs and travel from an answer into a later request: an imp_uid
 * paid for and then refunded, a cancellation_id, a group id made up by the server. The step whose
 * answer first held the value captures it (`capture: { imp_uid_1: response.imp_uid }`) and every
 * later request sends `{{imp_uid_1}}`. A value the client sent before any answer held it is the
 * merchant's own (merchant_uid, a customer_uid it chose) and stays literal.
 */
import { SERVER_MADE_KEYS } from "./volatile.ts";

/** Shorter values are not followed: they would match unrelated ones. */
const SHORTEST_FOLLOWED = 4;
/** A capture path can name keys of letters, digits, `_` and `$` only (contracts/scenarios.ts). */
const PATH_KEY = /^[A-Za-z_$][\w$]*$/;

interface Origin {
  /** The step whose answer first held the value. */
  step: number;
  /** Where in that answer: `response.cancel_history[0].cancellation_id`. */
  path: string;
  key: string;
  /** Set once a later request sends the value back. */
  variable?: string;
}

export interface CaptureBook {
  /** The values a step's request sent: sent before any answer held them, they are the merchant's, never captured. */
  noteSent(step: number, request: unknown): void;
  /** The server-made values of a step's answer that were not sent before. */
  offerAnswer(step: number, response: unknown): void;
  /** The request with each server-made value replaced by its variable (assigning variables as needed). */
  templatize<T>(request: T): T;
  /**
   * Whether a value of a server-made field (SERVER_MADE_KEYS) in step `step`'s answer was made by the
   * server: captured from an answer, or at least not sent by the client up to this step.
   */
  isServerMade(value: unknown, step: number): boolean;
  /** `{{variable}}` for a value captured by a step before `step`. */
  templateBefore(value: unknown, step: number): string | undefined;
  /** Every server-made value of the session, for messages that quote one. */
  serverMadeValues(): { value: string; template: (step: number) => string | undefined }[];
  capturesAt(step: number): Record<string, string>;
}

export function createCaptureBook(): CaptureBook {
  /** Each value sent, with the first step that sent it. */
  const sentAt = new Map<string, number>();
  const origins = new Map<string, Origin>();
  const namesUsed = new Map<string, number>();

  const nameFor = (base: string) => {
    const count = (namesUsed.get(base) ?? 0) + 1;
    namesUsed.set(base, count);
    return `${base}_${count}`;
  };
  const templateBefore = (value: unknown, step: number) => {
    const origin = typeof value === "string" ? origins.get(value) : undefined;
    return origin?.variable && origin.step < step ? `{{${origin.variable}}}` : undefined;
  };

  return {
    noteSent(step, request) {
      for (const value of leaves(request)) if (!sentAt.has(value)) sentAt.set(value, step);
    },
    offerAnswer(step, response) {
      walkAnswer(response, "response", (key, value, path) => {
        if (!SERVER_MADE_KEYS.has(key) || value.length < SHORTEST_FOLLOWED || sentAt.has(value) || origins.has(value))
          return;
        origins.set(value, { step, path, key });
      });
    },
    templatize<T>(request: T): T {
      const visit = (item: unknown, key: string | undefined): unknown => {
        if (typeof item === "string") {
          const origin = origins.get(item);
          if (!origin) return item;
          origin.variable ??= nameFor(variableBase(key) ?? origin.key);
          return `{{${origin.variable}}}`;
        }
        if (Array.isArray(item)) return item.map((element) => visit(element, key));
        if (item && typeof item === "object")
          return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, visit(v, k)]));
        return item;
      };
      return visit(request, undefined) as T;
    },
    isServerMade(value, step) {
      if (typeof value !== "string") return true;
      return origins.has(value) || (sentAt.get(value) ?? Infinity) > step;
    },
    templateBefore,
    serverMadeValues: () =>
      [...origins.keys()].map((value) => ({ value, template: (step: number) => templateBefore(value, step) })),
    capturesAt(step) {
      const captures: Record<string, string> = {};
      for (const origin of origins.values())
        if (origin.step === step && origin.variable) captures[origin.variable] = origin.path;
      return captures;
    },
  };
}

/** `imp_uid[]` → `imp_uid`; undefined when nothing of the key makes a variable name. */
function variableBase(key: string | undefined): string | undefined {
  const base = key?.replace(/\[\]$/, "").replace(/\W+/g, "_").replace(/^(\d)/, "_$1");
  return base ? base : undefined;
}

function leaves(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (value && typeof value === "object") return Object.values(value).flatMap(leaves);
  return [];
}

/** Each string of an answer with its key and capture path; keys a path cannot name are not entered. */
function walkAnswer(
  value: unknown,
  path: string,
  visit: (key: string, value: string, path: string) => void,
  key = "",
): void {
  if (typeof value === "string") return visit(key, value, path);
  if (Array.isArray(value)) return value.forEach((item, index) => walkAnswer(item, `${path}[${index}]`, visit, key));
  if (!value || typeof value !== "object") return;
  for (const [name, item] of Object.entries(value))
    if (PATH_KEY.test(name)) walkAnswer(item, `${path}.${name}`, visit, name);
}

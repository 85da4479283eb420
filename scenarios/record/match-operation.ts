/**
 * Which operation a recorded request was: its method and path against the operation table
 * (aliases included) and the control table, with the path parameters read back out of the path.
 */
import type { z } from "zod";
import { CONTROL_PREFIX, controlOperations, type ControlOperation } from "../../contracts/mock/control.ts";
import { operations, pathPattern, type Operation } from "../../contracts/operations.ts";

export interface MatchedOperation {
  kind: "call" | "control";
  /** The key in contracts/operations.ts or contracts/mock/control.ts. */
  key: string;
  /** Path parameters, decoded; those the matched alias lacks are filled in (see `fillAliasGaps`). */
  params: Record<string, string>;
  query: z.ZodType | undefined;
  body: z.ZodType | undefined;
}

interface Route {
  kind: MatchedOperation["kind"];
  key: string;
  method: string;
  /** The template the client fills in when the step is replayed. */
  template: string;
  /** The template this route matches: the template itself or one of its aliases. */
  matches: string;
  pattern: RegExp;
  /** Literal segments: where two templates fit a path, the more literal one wins (`/payments/cancel` over `/payments/{imp_uid}`). */
  literalSegments: number;
  query: z.ZodType | undefined;
  body: z.ZodType | undefined;
}

/** The schemas the decoder reads a request's query and body with. */
type Schemas = { query?: z.ZodType | undefined; body?: z.ZodType | undefined };

function route(
  kind: Route["kind"],
  key: string,
  method: string,
  template: string,
  matches: string,
  { query, body }: Schemas,
): Route {
  const pattern = pathPattern(matches);
  const literalSegments = matches.split("/").filter((segment) => segment && !segment.startsWith("{")).length;
  return { kind, key, method: method.toUpperCase(), template, matches, pattern, literalSegments, query, body };
}

const apiRoutes = Object.entries(operations).flatMap(([key, operation]: [string, Operation]) =>
  [operation.path, ...(operation.aliases ?? [])].map((matches) =>
    route("call", key, operation.method, operation.path, matches, operation),
  ),
);
const controlRoutes = Object.entries(controlOperations).map(([key, operation]: [string, ControlOperation]) => {
  const template = `${CONTROL_PREFIX}${operation.path}`;
  return route("control", key, operation.method, template, template, operation);
});
const routes = [...apiRoutes, ...controlRoutes].sort((a, b) => b.literalSegments - a.literalSegments);

/** The operation a request was, or undefined for a path neither table has. */
export function matchOperation(method: string, path: string): MatchedOperation | undefined {
  const upper = method.toUpperCase();
  for (const candidate of routes) {
    if (candidate.method !== upper) continue;
    const found = candidate.pattern.exec(path);
    if (!found) continue;
    const params = Object.fromEntries(
      Object.entries(found.groups ?? {}).map(([name, value]) => [name, decodeSegment(value)]),
    );
    const { kind, key, query, body } = candidate;
    return { kind, key, params: fillAliasGaps(candidate, params), query, body };
  }
  return undefined;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a stray `%`: kept as sent, as the server's router keeps it
  }
}

/**
 * The client fills only an operation's main template, so a request to an alias
 * (`/payments/find/{merchant_uid}`) is replayed through it with the missing parameters empty:
 * `/payments/find/o1/`, which the mock serves as the alias (no status filter).
 */
function fillAliasGaps(matched: Route, params: Record<string, string>): Record<string, string> {
  if (matched.matches === matched.template) return params;
  const filled = { ...params };
  for (const [, name] of matched.template.matchAll(/\{(\w+)\}/g)) filled[name!] ??= "";
  return filled;
}

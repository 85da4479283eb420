/**
 * Validates a decoded request against its operation's schema and, when the channel's PG is
 * known, against the PG rule matrix. Every problem names the field and the rule broken.
 */
import { z } from "zod";
import { unwrapSchema } from "../../contracts/unwrap.ts";
import { officialOperationId, operations, type Operation, type OperationKey } from "../../contracts/operations.ts";
import { checkPgRules, type RuleContext } from "./check-rules.ts";

export interface RequestParts {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: Record<string, unknown>;
}

export interface Problem {
  /** `schedules[0].amount`, `page`, … as the caller names it; absent for a rule about the whole call. */
  field?: string;
  message: string;
  source: "schema" | "pg";
}

export type Validated =
  | { ok: true; value: Required<RequestParts>; unknownFields: string[] }
  | { ok: false; problems: Problem[] };

/** `schedules[0].amount` from a zod issue path; shared by request, control and config errors. */
export function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), "");
}

/** Fields the schema does not know (accepted, as the real API does, and reported for the journal). */
function unknownFields(value: unknown, schema: z.ZodType | undefined, prefix: string, out: string[]) {
  const target = schema ? unwrapSchema(schema) : undefined;
  if (Array.isArray(value) && target instanceof z.ZodArray) {
    value.forEach((item, i) => unknownFields(item, target.element as z.ZodType, `${prefix}[${i}]`, out));
  } else if (typeof value === "object" && value !== null && target instanceof z.ZodObject) {
    const shape = target.shape as Record<string, z.ZodType>;
    for (const [key, item] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (!(key in shape)) out.push(path);
      else unknownFields(item, shape[key], path, out);
    }
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "is required" : `must be ${issue.expected}`;
    case "too_big":
      return issue.origin === "string" ? `must be at most ${String(issue.maximum)} characters` : `must be at most ${String(issue.maximum)}`;
    case "too_small":
      return issue.origin === "array" ? `must have at least ${String(issue.minimum)} item(s)` : `must be at least ${String(issue.minimum)}`;
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return issue.message;
  }
}

/** The operation's schemas alone: types, lengths, enums, required fields. */
export function validateSchema(key: OperationKey, parts: RequestParts): Validated {
  const operation: Operation = operations[key];
  const problems: Problem[] = [];
  const value: Required<RequestParts> = { params: {}, query: {}, body: {} };
  const unknown: string[] = [];
  for (const part of ["params", "query", "body"] as const) {
    const schema = operation[part];
    const input = parts[part] ?? {};
    if (!schema) continue;
    unknownFields(input, schema, "", unknown);
    // reportInput: to tell a missing field from one of the wrong type.
    const parsed = schema.safeParse(input, { reportInput: true });
    if (parsed.success) {
      value[part] = parsed.data as Record<string, unknown>;
    } else {
      for (const issue of parsed.error.issues) {
        const field = pathText(issue.path) || part;
        problems.push({ field, message: `${field} ${describeIssue(issue)}`, source: "schema" });
      }
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, value, unknownFields: unknown };
}

/** The PG rule matrix, read against the request as sent: a field the schema would default is still "not sent". */
export function pgRuleProblems(key: OperationKey, parts: RequestParts, pg: string, context?: RuleContext): Problem[] {
  const request = { ...parts.params, ...parts.query, ...parts.body };
  return checkPgRules(pg, officialOperationId(key), request, context).map((violation) => ({
    ...(violation.field ? { field: violation.field } : {}),
    message: violation.message,
    source: "pg" as const,
  }));
}

export function validateRequest(key: OperationKey, parts: RequestParts, pg?: string, context?: RuleContext): Validated {
  const validated = validateSchema(key, parts);
  if (!validated.ok || !pg) return validated;
  const problems = pgRuleProblems(key, parts, pg, context);
  return problems.length ? { ok: false, problems } : validated;
}

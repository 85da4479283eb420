/**
 * Validates a decoded request against its operation's schema and, when the channel's PG is
 * known, against the PG rule matrix. Every problem names the field and the rule broken.
 */
import type { z } from "zod";
import { officialOperationId, operations, type Operation, type OperationKey } from "../../contracts/operations.ts";
import { pathText } from "../zod-issues.ts";
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
  /** For a PG rule, its kind (`unsupported`: the PG does not offer the operation at all). */
  rule?: string;
}

export type Validated = { ok: true; value: Required<RequestParts> } | { ok: false; problems: Problem[] };

function describeIssue(issue: z.core.$ZodIssue): string {
  // A union (vbank_due: unix seconds or a date) reports a missing value as a failed union.
  if (issue.code === "invalid_union" && issue.input === undefined) return "is required";
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "is required" : `must be ${issue.expected}`;
    case "too_big":
      return issue.origin === "string"
        ? `must be at most ${String(issue.maximum)} characters`
        : `must be at most ${String(issue.maximum)}`;
    case "too_small":
      return issue.origin === "array"
        ? `must have at least ${String(issue.minimum)} item(s)`
        : `must be at least ${String(issue.minimum)}`;
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
  for (const part of ["params", "query", "body"] as const) {
    const schema = operation[part];
    const input = parts[part] ?? {};
    if (!schema) continue;
    const parsed = schema.safeParse(input);
    if (parsed.success) {
      value[part] = parsed.data as Record<string, unknown>;
    } else {
      // Again with reportInput, to tell a missing field from one of the wrong type (it costs, so only here).
      for (const issue of schema.safeParse(input, { reportInput: true }).error!.issues) {
        const field = pathText(issue.path) || part;
        problems.push({ field, message: `${field} ${describeIssue(issue)}`, source: "schema" });
      }
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, value };
}

/** The PG rule matrix, read against the request as sent: a field the schema would default is still "not sent". */
export function pgRuleProblems(key: OperationKey, parts: RequestParts, pg: string, context?: RuleContext): Problem[] {
  // Merged only when the path or the query has fields (a payment's are all in the body); the rules only read it.
  const request =
    isEmpty(parts.params) && isEmpty(parts.query)
      ? (parts.body ?? {})
      : { ...parts.params, ...parts.query, ...parts.body };
  return checkPgRules(pg, officialOperationId(key), request, context).map((violation) => ({
    ...(violation.field ? { field: violation.field } : {}),
    message: violation.message,
    source: "pg" as const,
    rule: violation.rule.kind,
  }));
}

function isEmpty(part: Record<string, unknown> | undefined): boolean {
  for (const _ in part) return false;
  return true;
}

export function validateRequest(key: OperationKey, parts: RequestParts, pg?: string, context?: RuleContext): Validated {
  const validated = validateSchema(key, parts);
  if (!validated.ok || !pg) return validated;
  const problems = pgRuleProblems(key, parts, pg, context);
  return problems.length ? { ok: false, problems } : validated;
}

/**
 * Applies the PG rule matrix to a request that has passed its operation's schema. Pure: the
 * caller supplies what the rules need to know about the payment being acted on.
 */
import { rulesFor, type DateFormat, type RuleCondition, type SourcedRule } from "../../contracts/pg-rules/index.ts";

/** What conditional rules need to know about the payment a request acts on. */
export interface PaymentFacts {
  pay_method: string | null;
  amount: number;
  cancel_amount: number;
  /** The tax-free part of the amount still cancellable. */
  tax_free: number;
}

export interface RuleContext {
  payment?: PaymentFacts;
}

export interface Violation {
  /** The concrete field, e.g. `schedules[1].buyer_tel`; absent for a rule about the whole call. */
  field?: string;
  message: string;
  rule: SourcedRule;
}

interface Located {
  path: string;
  value: unknown;
}

interface Segment {
  name: string;
  isArray: boolean;
}

// The matrix is fixed, so its lookups, paths and patterns are worked out once, not per request.
const segmentsByPath = new Map<string, Segment[]>();
const rulesByCall = new Map<string, readonly SourcedRule[]>();
const compiledPatterns = new Map<string, RegExp>();

const segmentsOf = (fieldPath: string): Segment[] => {
  let segments = segmentsByPath.get(fieldPath);
  if (!segments) {
    segments = fieldPath
      .split(".")
      .map((segment) =>
        segment.endsWith("[]") ? { name: segment.slice(0, -2), isArray: true } : { name: segment, isArray: false },
      );
    segmentsByPath.set(fieldPath, segments);
  }
  return segments;
};

const rulesOf = (pg: string, operation: string): readonly SourcedRule[] => {
  const key = `${pg} ${operation}`;
  let rules = rulesByCall.get(key);
  if (!rules) rulesByCall.set(key, (rules = rulesFor(pg, operation)));
  return rules;
};

const patternOf = (source: string): RegExp => {
  let pattern = compiledPatterns.get(source);
  if (!pattern) compiledPatterns.set(source, (pattern = new RegExp(source)));
  return pattern;
};

/** Every value a field path names: `schedules[].buyer_tel` → one per element of `schedules`. */
export function locate(request: unknown, fieldPath: string): Located[] {
  const segments = segmentsOf(fieldPath);
  // A top-level field (nearly every rule): one value, without the walk's arrays.
  if (segments.length === 1 && !segments[0]!.isArray) {
    const name = segments[0]!.name;
    const value =
      typeof request === "object" && request !== null ? (request as Record<string, unknown>)[name] : undefined;
    return [{ path: name, value }];
  }
  let found: Located[] = [{ path: "", value: request }];
  for (const { name, isArray } of segments) {
    const next: Located[] = [];
    for (const { path, value } of found) {
      const child = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[name] : undefined;
      const childPath = path ? `${path}.${name}` : name;
      if (isArray) {
        if (Array.isArray(child)) child.forEach((item, i) => next.push({ path: `${childPath}[${i}]`, value: item }));
      } else {
        next.push({ path: childPath, value: child });
      }
    }
    found = next;
  }
  return found;
}

const isBlank = (value: unknown) => value === undefined || value === null || value === "";

const DATE_PATTERNS: Record<Exclude<DateFormat, "unix">, RegExp> = {
  "YYYY-MM-DD": /^(\d{4})-(\d{2})-(\d{2})$/,
  YYYYMMDD: /^(\d{4})(\d{2})(\d{2})$/,
  "YYYY-MM-DD HH:mm:ss": /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/,
  YYYYMMDDHHmmss: /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/,
};

/** The format a deadline is written in, if it is one of `formats` and names a real moment. */
export function matchDateFormat(value: unknown, formats: readonly DateFormat[]): DateFormat | undefined {
  if (typeof value === "number")
    return formats.includes("unix") && Number.isInteger(value) && value > 0 ? "unix" : undefined;
  if (typeof value !== "string") return undefined;
  for (const format of formats) {
    if (format === "unix") continue;
    const match = DATE_PATTERNS[format].exec(value);
    if (!match) continue;
    const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1).map(Number) as number[];
    const date = new Date(Date.UTC(year!, month! - 1, day!, hour, minute, second));
    const real =
      date.getUTCFullYear() === year &&
      date.getUTCMonth() === month! - 1 &&
      date.getUTCDate() === day &&
      hour < 24 &&
      minute < 60 &&
      second < 60;
    if (real) return format;
  }
  return undefined;
}

function conditionHolds(
  condition: RuleCondition | undefined,
  request: Record<string, unknown>,
  context: RuleContext,
): boolean {
  if (!condition) return true;
  if ("requestPayMethodIn" in condition) return condition.requestPayMethodIn.includes(String(request.pay_method));
  if ("requestHas" in condition) return locate(request, condition.requestHas).some(({ value }) => !isBlank(value));
  const payment = context.payment;
  if (!payment) return false;
  if ("paymentPayMethodIn" in condition) return condition.paymentPayMethodIn.includes(payment.pay_method ?? "");
  const cancelable = payment.amount - payment.cancel_amount;
  const requested = typeof request.amount === "number" ? request.amount : cancelable;
  return payment.tax_free > 0 && requested < cancelable;
}

function describeCondition(condition: RuleCondition | undefined): string {
  if (!condition) return "";
  if ("paymentPayMethodIn" in condition)
    return ` when the payment's pay_method is ${condition.paymentPayMethodIn.join(" or ")}`;
  if ("requestPayMethodIn" in condition) return ` for pay_method ${condition.requestPayMethodIn.join(" or ")}`;
  if ("requestHas" in condition) return ` when ${condition.requestHas} is sent`;
  return " for a partial cancel of a payment with a tax-free amount";
}

export function checkPgRules(
  pg: string,
  operation: string,
  request: Record<string, unknown>,
  context: RuleContext = {},
): Violation[] {
  const violations: Violation[] = [];
  for (const rule of rulesOf(pg, operation)) {
    switch (rule.kind) {
      case "unsupported":
        violations.push({ rule, message: rule.meaning });
        break;
      case "required":
        if (!conditionHolds(rule.when, request, context)) break;
        for (const { path, value } of locate(request, rule.field)) {
          if (isBlank(value)) {
            violations.push({
              rule,
              field: path,
              message: `${path} is required by ${pg}${describeCondition(rule.when)}`,
            });
          }
        }
        break;
      case "pattern":
        for (const { path, value } of locate(request, rule.field)) {
          if (typeof value === "string" && !patternOf(rule.pattern).test(value)) {
            violations.push({ rule, field: path, message: `${path} "${value}": ${pg} allows ${rule.meaning}` });
          }
        }
        break;
      case "maxLength":
        for (const { path, value } of locate(request, rule.field)) {
          if (typeof value === "string" && value.length > rule.max) {
            violations.push({
              rule,
              field: path,
              message: `${path} is ${value.length} characters; ${pg} allows at most ${rule.max}`,
            });
          }
        }
        break;
      case "allowedValues":
        for (const { path, value } of locate(request, rule.field)) {
          const effective = isBlank(value) ? rule.whenAbsent : String(value);
          if (!rule.values.includes(effective)) {
            violations.push({
              rule,
              field: path,
              message: `${path} "${effective}" is not supported by ${pg}; it accepts ${rule.values.join(", ")}`,
            });
          }
        }
        break;
      case "dateFormat":
        for (const { path, value } of locate(request, rule.field)) {
          if (!isBlank(value) && !matchDateFormat(value, rule.formats)) {
            violations.push({
              rule,
              field: path,
              message: `${path} ${JSON.stringify(value)} is not a date ${pg} accepts (${rule.formats.map((f) => (f === "unix" ? "unix seconds" : f)).join(", ")})`,
            });
          }
        }
        break;
      case "forbidden":
        for (const field of rule.fields) {
          for (const { path, value } of locate(request, field)) {
            if (!isBlank(value))
              violations.push({ rule, field: path, message: `${path} cannot be sent: ${rule.meaning}` });
          }
        }
        break;
    }
  }
  return violations;
}

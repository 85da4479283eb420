/**
 * What the request decoder needs to know about a zod schema, read once per schema: its object
 * fields, its array element, and how a form string becomes the value it wants. Walking zod's
 * wrappers on every field of every request cost more than the rest of decoding put together.
 */
import * as z from "zod";
import { unwrapSchema } from "../../contracts/unwrap.ts";

export interface Plan {
  /** The fields, when the schema is an object. */
  fields?: Map<string, Plan>;
  /** The element, when the schema is an array (or a union with an array branch: one value or several). */
  element?: Plan;
  /** A form or query string as the schema wants it: "1000" → 1000 where it wants a number. */
  coerce: (value: string) => unknown;
}

const keep = (value: string): unknown => value;
/** The plan of a value the schema says nothing about: kept as it came. */
const ANYTHING: Plan = { coerce: keep };
const plans = new WeakMap<z.ZodType, Plan>();

export function planOf(schema: z.ZodType | undefined): Plan {
  if (!schema) return ANYTHING;
  let plan = plans.get(schema);
  if (!plan) {
    plan = { coerce: keep };
    plans.set(schema, plan); // before filling it in, so a schema that contains itself terminates
    fill(plan, schema);
  }
  return plan;
}

/**
 * A union with an array branch (`notice_url`: one URL or several) always decodes to the array:
 * a form cannot tell `a=x` from a one-element `a[]=x`, and both mean the same.
 */
function arrayBranch(target: z.ZodType): z.ZodArray | undefined {
  if (!(target instanceof z.ZodUnion)) return undefined;
  return (target.options as z.ZodType[]).map(unwrapSchema).find((o): o is z.ZodArray => o instanceof z.ZodArray);
}

function fill(plan: Plan, schema: z.ZodType): void {
  const unwrapped = unwrapSchema(schema);
  const target = arrayBranch(unwrapped) ?? unwrapped;
  if (target instanceof z.ZodArray) {
    plan.element = planOf(target.element as z.ZodType);
    return;
  }
  if (target instanceof z.ZodObject) {
    plan.fields = new Map(
      Object.entries(target.shape as Record<string, z.ZodType>).map(([key, field]) => [key, planOf(field)]),
    );
  }
  plan.coerce = coercerFor(target);
}

const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

function coercerFor(target: z.ZodType): (value: string) => unknown {
  if (target instanceof z.ZodUnion) {
    const options = (target.options as z.ZodType[]).map(unwrapSchema);
    // A union that admits a string keeps it: `vbank_due=20261231` is a date, not unix seconds.
    if (options.some((o) => o instanceof z.ZodString || o instanceof z.ZodEnum || o instanceof z.ZodArray)) return keep;
    const coercers = options.map(coercerFor);
    return (value) => {
      for (const coerce of coercers) {
        const coerced = coerce(value);
        if (coerced !== value) return coerced;
      }
      return value;
    };
  }
  if (target instanceof z.ZodNumber) {
    // An empty form value for a number means absent; anything else not numeric is left for validation to name.
    return (value) =>
      value.trim() === "" ? undefined : NUMBER.test(value) && Number.isFinite(Number(value)) ? Number(value) : value;
  }
  if (target instanceof z.ZodBoolean) {
    return (value) => {
      if (value === "") return undefined;
      const lowered = value.toLowerCase();
      if (lowered === "true" || lowered === "1") return true;
      if (lowered === "false" || lowered === "0") return false;
      return value;
    };
  }
  return keep;
}

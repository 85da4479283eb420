/**
 * A cheap stand-in for zod's parse of an answer: for a response schema built only of objects,
 * arrays, strings, numbers, booleans, enums and nullables (every operation's but a few), one
 * compiled function that checks the value and copies it the way zod's parse does (each object
 * with its schema's keys in the schema's order, keys the schema lacks stripped, each array new),
 * without zod's per-field bookkeeping: zod's parse of a payment was the mock's largest cost after
 * the socket. A value it cannot vouch for (one that breaks the contract, a schema piece it does not
 * know) goes to zod, which gives the copy or names the problem exactly as before. It must never
 * accept what zod refuses: every piece it knows is checked at least as strictly as zod checks it.
 */
import { z } from "zod";

/** What a quick parse returns for a value it cannot vouch for: zod must look at it. */
export const ASK_ZOD: unique symbol = Symbol("ask zod");

/** The value as zod's parse would return it, or ASK_ZOD. */
export type QuickParse = (value: unknown) => unknown;

const compiled = new WeakMap<z.ZodType, QuickParse | null>();

/** The quick parse of a schema, or null where only zod can tell. Compiled once per schema. */
export function quickParseOf(schema: z.ZodType): QuickParse | null {
  let check = compiled.get(schema);
  if (check === undefined) {
    check = compile(schema);
    compiled.set(schema, check);
  }
  return check;
}

// zod's internals (`_zod.def`), read once per schema piece at compile time.
interface Def {
  type: string;
  coerce?: boolean;
  checks?: { _zod: { def: { check: string; format?: string; maximum?: number } } }[];
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  innerType?: z.ZodType;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

function compile(schema: z.ZodType): QuickParse | null {
  const def = defOf(schema);
  switch (def.type) {
    case "string": {
      if (def.coerce) return null;
      let max = Infinity;
      for (const check of def.checks ?? []) {
        const c = check._zod.def;
        if (c.check !== "max_length" || c.maximum === undefined) return null;
        max = Math.min(max, c.maximum);
      }
      return (value) => (typeof value === "string" && value.length <= max ? value : ASK_ZOD);
    }
    case "number": {
      if (def.coerce) return null;
      let safeInt = false;
      for (const check of def.checks ?? []) {
        const c = check._zod.def;
        if (c.check !== "number_format" || c.format !== "safeint") return null;
        safeInt = true;
      }
      return safeInt
        ? (value) => (typeof value === "number" && Number.isSafeInteger(value) ? value : ASK_ZOD)
        : (value) => (typeof value === "number" && Number.isFinite(value) ? value : ASK_ZOD);
    }
    case "boolean":
      return def.coerce || def.checks?.length ? null : (value) => (typeof value === "boolean" ? value : ASK_ZOD);
    case "enum": {
      const values = (schema as unknown as { _zod: { values?: Set<unknown> } })._zod.values;
      if (!values || def.checks?.length) return null;
      return (value) => (values.has(value) ? value : ASK_ZOD);
    }
    case "nullable": {
      const inner = compile(def.innerType!);
      return inner && ((value) => (value === null ? null : inner(value)));
    }
    case "array": {
      const element = def.checks?.length ? null : compile(def.element!);
      if (!element) return null;
      return (value) => {
        if (!Array.isArray(value)) return ASK_ZOD;
        const out: unknown[] = new Array(value.length);
        for (let i = 0; i < value.length; i++) {
          const item = element(value[i]);
          if (item === ASK_ZOD) return ASK_ZOD;
          out[i] = item;
        }
        return out;
      };
    }
    case "object": {
      // A catchall (strict or loose objects) or a check: zod's own rules, not these.
      if (def.catchall || def.checks?.length) return null;
      const keys = Object.keys(def.shape!);
      // Assigning `__proto__` would swap the copy's prototype rather than set a field.
      if (keys.includes("__proto__")) return null;
      const fields: QuickParse[] = [];
      for (const key of keys) {
        const field = compile(def.shape![key]!);
        if (!field) return null;
        fields.push(field);
      }
      return objectParse(keys, fields);
    }
    default:
      return null;
  }
}

/**
 * An object's parse, generated as zod generates its own: the copy is one object literal with the
 * schema's keys in its order, so V8 builds it with one fixed shape. Assigned one key at a time, a
 * payment's 54 fields turn the copy into a slow dictionary object, which then costs JSON.stringify
 * too. Only the key names, JSON-quoted, go into the code.
 */
function objectParse(keys: string[], fields: QuickParse[]): QuickParse {
  const reads = keys.map(
    (key, j) => `const v${j} = fields[${j}](value[${JSON.stringify(key)}]);\n  if (v${j} === ASK) return ASK;`,
  );
  const literal = keys.map((key, j) => `${JSON.stringify(key)}: v${j}`).join(", ");
  const body = `return function quickObjectParse(value) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return ASK;
  ${reads.join("\n  ")}
  return { ${literal} };
};`;
  // Generated from the schema's key names only, as zod's own parser is.
  return new Function("fields", "ASK", body)(fields, ASK_ZOD) as QuickParse;
}

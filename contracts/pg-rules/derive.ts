/**
 * Derives the official part of the PG rule matrix from the facts file: per-PG `required`
 * annotations on parameters and on the definitions they reference, and each operation's list of
 * supported PGs. The upstream document's typos are normalised here, each one named.
 */
import type { FieldFacts, PerPgFacts, SpecFacts } from "../facts/types.ts";
import type { DerivedMatrix, RuleRow, SourcedRule } from "./types.ts";

/** PG codes the document spells in more than one way. */
export const PG_CODE_ALIASES: Readonly<Record<string, string>> = { nice_V2: "nice_v2" };

/** Misspellings of `required` found in per-PG annotations; they are read as `required: true`. */
export const REQUIRED_KEY_TYPOS: readonly string[] = ["requiqred"];

export const normalisePg = (pg: string) => PG_CODE_ALIASES[pg] ?? pg;

function requiredPgs(perPg: PerPgFacts | undefined): string[] {
  if (!perPg) return [];
  return Object.entries(perPg)
    .filter(([, note]) => note.required || note.otherKeys?.some((k) => REQUIRED_KEY_TYPOS.includes(k)))
    .map(([pg]) => normalisePg(pg));
}

/** Visits a field and, through refs and nested objects, every field below it. */
function visitFields(
  facts: SpecFacts,
  field: FieldFacts,
  path: string,
  at: string,
  visit: (path: string, field: FieldFacts, at: string) => void,
  seen: Set<string> = new Set(),
) {
  visit(path, field, at);
  const ref = field.ref ?? field.items?.ref;
  const arraySuffix = field.items ? "[]" : "";
  const nested = ref ? facts.definitions[ref]?.properties : (field.items?.properties ?? field.properties);
  if (!nested || (ref && seen.has(ref))) return;
  const nextSeen = ref ? new Set([...seen, ref]) : seen;
  for (const [name, child] of Object.entries(nested)) {
    const childAt = ref ? `definition ${ref}.${name}` : `${at}.${name}`;
    visitFields(facts, child, `${path}${arraySuffix}.${name}`, childAt, visit, nextSeen);
  }
}

export function deriveMatrix(facts: SpecFacts): DerivedMatrix {
  const codes = new Set<string>();
  const rows = new Map<string, RuleRow>();
  const row = (pg: string, operation: string) => {
    const key = `${pg}\u0000${operation}`;
    let found = rows.get(key);
    if (!found) rows.set(key, (found = { pg, operation, rules: [] }));
    return found;
  };
  const collectCodes = (perPg: PerPgFacts | undefined) => {
    for (const pg of Object.keys(perPg ?? {})) codes.add(normalisePg(pg));
  };

  const support: Record<string, string[]> = {};
  for (const op of facts.operations) {
    collectCodes(op.perPg);
    if (op.supportedPgs) {
      const pgs = [...new Set(op.supportedPgs.map(normalisePg))].sort();
      pgs.forEach((pg) => codes.add(pg));
      support[op.operationId] = pgs;
    }
    for (const param of op.parameters) {
      visitFields(facts, param, param.name, `parameter ${op.operationId}.${param.name}`, (path, field, at) => {
        collectCodes(field.perPg);
        if (param.in === "path") return;
        for (const pg of requiredPgs(field.perPg)) {
          const rule: SourcedRule = { kind: "required", field: path, source: { kind: "official", at } };
          row(pg, op.operationId).rules.push(rule);
        }
      });
    }
  }
  for (const def of Object.values(facts.definitions)) {
    collectCodes(def.perPg);
    for (const field of Object.values(def.properties))
      visitFields(facts, field, "", "", (_p, f) => collectCodes(f.perPg));
  }

  const sortedRows = [...rows.values()]
    .map((r) => ({ ...r, rules: dedupe(r.rules) }))
    .sort((a, b) => a.pg.localeCompare(b.pg) || a.operation.localeCompare(b.operation));
  return {
    pgCodes: [...codes].sort(),
    support: Object.fromEntries(Object.entries(support).sort(([a], [b]) => a.localeCompare(b))),
    rows: sortedRows,
  };
}

function dedupe(rules: SourcedRule[]): SourcedRule[] {
  const seen = new Set<string>();
  return rules.filter((rule) => {
    const key = JSON.stringify({ ...rule, source: undefined });
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

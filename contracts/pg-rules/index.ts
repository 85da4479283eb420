/**
 * The PG rule matrix: rows derived from the official document (`derived.generated.json`, written
 * by `npm run generate`) joined with the hand-written overlays, less the overlays' exclusions.
 */
import derivedJson from "./derived.generated.json" with { type: "json" };
import { smartroV2Exclusions, smartroV2Rows } from "./smartro-v2.overlay.ts";
import type { DerivedMatrix, FieldPath, RuleExclusion, RuleRow, SourcedRule } from "./types.ts";

export * from "./types.ts";
export * from "./profiles.ts";
export { deriveMatrix, normalisePg, PG_CODE_ALIASES, REQUIRED_KEY_TYPOS } from "./derive.ts";

export const derivedMatrix = derivedJson as DerivedMatrix;
export const overlayRows: readonly RuleRow[] = [...smartroV2Rows];
export const exclusions: readonly RuleExclusion[] = [...smartroV2Exclusions];

const fieldOf = (rule: SourcedRule): FieldPath | undefined => ("field" in rule ? rule.field : undefined);

function excluded(pg: string, operation: string, rule: SourcedRule): boolean {
  const field = fieldOf(rule);
  if (!field) return false;
  return exclusions.some(
    (ex) =>
      ex.pg === pg &&
      ex.operation === operation &&
      ex.fields.some((pattern) =>
        pattern.endsWith(".*") ? field.startsWith(pattern.slice(0, -1)) : field === pattern,
      ),
  );
}

/** Joins derived rows, overlays and exclusions into one row per (pg, operation). */
export function buildMatrix(derived: DerivedMatrix, overlays: readonly RuleRow[]): RuleRow[] {
  const rows = new Map<string, RuleRow>();
  for (const row of [...derived.rows, ...overlays]) {
    const key = `${row.pg}\u0000${row.operation}`;
    const existing = rows.get(key) ?? { pg: row.pg, operation: row.operation, rules: [] };
    existing.rules = [...existing.rules, ...row.rules.filter((rule) => !excluded(row.pg, row.operation, rule))];
    rows.set(key, existing);
  }
  return [...rows.values()];
}

export const pgRuleMatrix: readonly RuleRow[] = buildMatrix(derivedMatrix, overlayRows);

/**
 * The rules a PG applies to an operation (official operationId), with `unsupported` first when the
 * official document lists the PGs that support the operation and this PG is not among them.
 */
export function rulesFor(pg: string, operation: string): SourcedRule[] {
  const rules = pgRuleMatrix.find((row) => row.pg === pg && row.operation === operation)?.rules ?? [];
  const supported = derivedMatrix.support[operation];
  if (supported && !supported.includes(pg)) {
    return [
      {
        kind: "unsupported",
        meaning: `${pg} does not support ${operation}`,
        source: { kind: "official", at: `supported PGs of ${operation}` },
      },
      ...rules,
    ];
  }
  return rules;
}

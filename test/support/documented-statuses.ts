/**
 * Every answer any test gets from an operation is held to the statuses the official document lists
 * for that operation (read here straight from the facts file, not through the mock's own table),
 * plus the ones the HTTP layer answers everywhere: so every refusal path the suites exercise is
 * checked (issue 16; docs/decisions/011-answering-as-the-real-service.md).
 */
import factsJson from "../../contracts/facts/iamport-v1.facts.json" with { type: "json" };
import type { SpecFacts } from "../../contracts/facts/types.ts";
import { operationKeys, operations, pathPattern, type Operation } from "../../contracts/operations.ts";
import { liveAnswers } from "../../contracts/statuses.ts";

const facts = factsJson as unknown as SpecFacts;
/** A refused token, a method the path lacks, a body over the limit, PortOne failing. */
const ANY_OPERATION = [401, 405, 413, 500];

// An operation's other paths (aliases the real service answers too) are held to the same statuses.
const table = operationKeys.flatMap((key) => {
  const operation: Operation = operations[key];
  const { method, path } = operation;
  const fact = facts.operations.find((o) => o.method === method && o.path === path)!;
  const live = liveAnswers.filter((a) => a.operation === key).map((a) => a.answered.status);
  const allowed = new Set([...Object.keys(fact.responses).map(Number), ...ANY_OPERATION, ...live]);
  return [path, ...(operation.aliases ?? [])].map((template) => ({
    key,
    method: method.toUpperCase(),
    pattern: pathPattern(template),
    allowed,
    literal: template.split("/").filter((s) => !s.startsWith("{")).length,
  }));
});

/** Throws when an operation answered with a status its document does not list. */
export function requireDocumentedStatus(method: string, path: string, status: number): void {
  const bare = path.split("?")[0]!;
  // `/payments/cancel` also fits `/payments/{imp_uid}`: the most literal template is the operation.
  const candidates = table.filter((t) => t.method === method.toUpperCase() && t.pattern.test(bare));
  if (candidates.length === 0) return; // a control call or a path the API lacks
  const best = candidates.reduce((a, b) => (b.literal > a.literal ? b : a));
  if (!best.allowed.has(status))
    throw new Error(
      `${method} ${bare} (${best.key}) answered HTTP ${status}; the official document lists ${[...best.allowed].sort().join(", ")}`,
    );
}

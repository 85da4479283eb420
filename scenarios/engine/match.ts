/**
 * Compares an answer with a step's expectation (contracts/scenarios.ts, "Matchers"): literals by
 * equality, objects key by key (unlisted keys are not checked), arrays item by item, and the `$`
 * matchers. Every mismatch is reported with its path, not just the first.
 */
import { isDeepStrictEqual } from "node:util";

export interface Mismatch {
  path: string;
  expected: string;
  actual: string;
}

const show = (value: unknown) =>
  value === undefined ? "absent" : (JSON.stringify(value)?.slice(0, 120) ?? String(value));

export function match(expected: unknown, actual: unknown, path: string): Mismatch[] {
  if (expected !== null && typeof expected === "object" && !Array.isArray(expected)) {
    const keys = Object.keys(expected);
    if (keys.length === 1 && keys[0]!.startsWith("$"))
      return matchMatcher(keys[0]!, (expected as Record<string, unknown>)[keys[0]!], actual, path);
    if (actual === null || typeof actual !== "object" || Array.isArray(actual))
      return [{ path, expected: "an object", actual: show(actual) }];
    return keys.flatMap((key) =>
      match((expected as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key], `${path}.${key}`),
    );
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [{ path, expected: `a list of ${expected.length}`, actual: show(actual) }];
    if (actual.length !== expected.length)
      return [
        { path, expected: `a list of ${expected.length}`, actual: `a list of ${actual.length}: ${show(actual)}` },
      ];
    return expected.flatMap((item, index) => match(item, actual[index], `${path}[${index}]`));
  }
  return isDeepStrictEqual(expected, actual) ? [] : [{ path, expected: show(expected), actual: show(actual) }];
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function matchMatcher(name: string, argument: unknown, actual: unknown, path: string): Mismatch[] {
  const fails = (expected: string) => [{ path, expected, actual: show(actual) }];
  switch (name) {
    case "$equals":
      return isDeepStrictEqual(argument, actual) ? [] : fails(show(argument));
    case "$type": {
      const type = jsonType(actual);
      const ok = argument === "integer" ? Number.isInteger(actual) : type === argument;
      return ok ? [] : fails(`a value of type ${argument as string}`);
    }
    case "$regex":
      return (typeof actual === "string" || typeof actual === "number") &&
        new RegExp(argument as string, "u").test(String(actual))
        ? []
        : fails(`text matching /${argument as string}/`);
    case "$contains":
      return typeof actual === "string" && actual.includes(argument as string)
        ? []
        : fails(`text containing ${show(argument)}`);
    case "$one_of":
      return (argument as unknown[]).some((option) => isDeepStrictEqual(option, actual))
        ? []
        : fails(`one of ${show(argument)}`);
    case "$range": {
      const { min = -Infinity, max = Infinity } = argument as { min?: number; max?: number };
      return typeof actual === "number" && actual >= min && actual <= max ? [] : fails(`a number in [${min}, ${max}]`);
    }
    case "$length":
      return (typeof actual === "string" || Array.isArray(actual)) && actual.length === argument
        ? []
        : fails(`length ${argument as number}`);
    case "$includes": {
      if (!Array.isArray(actual)) return fails("a list");
      const missing = (argument as unknown[]).filter(
        (wanted) => !actual.some((item) => match(wanted, item, path).length === 0),
      );
      return missing.map((wanted) => ({
        path,
        expected: `an item matching ${show(wanted)}`,
        actual: `${actual.length} items, none matching`,
      }));
    }
    case "$absent":
      return actual === undefined ? [] : fails("absent");
    case "$present":
      return actual !== undefined ? [] : fails("present");
    default:
      // The file check refuses unknown matchers before anything runs.
      throw new Error(`unknown matcher ${name}`);
  }
}

export function describeMismatch(mismatch: Mismatch): string {
  return `${mismatch.path}: expected ${mismatch.expected}, got ${mismatch.actual}`;
}

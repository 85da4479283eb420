/**
 * `{{name}}` templates in scenario values. A string that is one template keeps the variable's
 * type (`amount: "{{total}}"` sends a number); a template inside text is written into it.
 * `{{name.path[0]}}` reads into a captured object, and `{{$now + 3600}}` adds whole seconds.
 * Built-ins start with `$`: `$uid` (a fresh uid, letters and digits, at each use), `$now` (the
 * target's clock, unix seconds), `$webhook_url` (the runner's webhook receiver for this scenario).
 */

export const BUILT_INS = ["$uid", "$now", "$webhook_url"] as const;

const TEMPLATE = /\{\{\s*([A-Za-z_$][\w$]*)((?:\.[\w$]+|\[\d+\])*)\s*(?:([+-])\s*(\d+)\s*)?\}\}/g;
const WHOLE = new RegExp(`^${TEMPLATE.source}$`);

/** The variable names a value's templates use (for the check before anything runs). */
export function templateNames(value: unknown): string[] {
  if (typeof value === "string") return [...value.matchAll(TEMPLATE)].map((match) => match[1]!);
  if (Array.isArray(value)) return value.flatMap(templateNames);
  if (value && typeof value === "object") return Object.values(value).flatMap(templateNames);
  return [];
}

export class MissingVariable extends Error {
  constructor(readonly variable: string) {
    super(`{{${variable}}} has no value`);
  }
}

export interface Scope {
  /** A variable's value; `undefined` when it has none (e.g. captured by a step that was skipped). */
  lookup(name: string): unknown;
}

export function resolveTemplates(value: unknown, scope: Scope): unknown {
  if (typeof value === "string") return resolveString(value, scope);
  if (Array.isArray(value)) return value.map((item) => resolveTemplates(item, scope));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveTemplates(item, scope)]));
  return value;
}

function resolveString(text: string, scope: Scope): unknown {
  const whole = WHOLE.exec(text);
  if (whole) return evaluate(whole, scope);
  return text.replace(TEMPLATE, (...match) => {
    const value = evaluate(match as unknown as RegExpExecArray, scope);
    return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
  });
}

function evaluate(match: RegExpExecArray, scope: Scope): unknown {
  const [, name, path, sign, amount] = match;
  let value = readPath(scope.lookup(name!), path ?? "");
  if (value === undefined) throw new MissingVariable(`${name}${path ?? ""}`);
  if (sign) {
    if (typeof value !== "number")
      throw new TypeError(
        `{{${name}${path} ${sign} ${amount}}} needs a number, and ${name}${path} is ${JSON.stringify(value)}`,
      );
    value = sign === "+" ? value + Number(amount) : value - Number(amount);
  }
  return value;
}

/** `.cancel_history[0].amount` read from a value; `undefined` where the path leads nowhere. */
export function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const [, key, index] of path.matchAll(/\.([\w$]+)|\[(\d+)\]/g)) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key ?? Number(index)];
  }
  return current;
}

/**
 * Contract drift: every place where an answer differs from its zod schema, each named with its
 * path. zod's own parse is not enough for this: our object schemas strip keys they do not know,
 * so a field the real service added would pass unseen, and a failed union says only "no member
 * matched". This walker follows the schema alongside the value with plain recursion (it runs on
 * every answer), and leaves the checks it cannot see from the outside (lengths, formats,
 * refinements) to `safeParse` on the smallest schema that holds them.
 */
import * as z from "zod";
import { unwrapSchema } from "../contracts/unwrap.ts";

export type DriftKind = "missing" | "type" | "unknown_field" | "unknown_enum" | "invalid";

export interface Drift {
  kind: DriftKind;
  /** JSON-path-like location from the root of the checked value, e.g. "response.cancel_history[0].amount"; "" for the root. */
  path: string;
  /** What the contract expects, in words: "string", "number", "one of paid, ready, cancelled, failed", "string (max 40)", ... */
  expected: string;
  /** What arrived, short: "undefined", "null", "number 12", `string "PAID"`; an array or an object by its type only. */
  received: string;
}

/** Past this many, the answer is something else altogether: more lines would bury the first ones. */
export const MAX_DRIFTS = 50;

/** Every drift between `value` and `schema`, at most MAX_DRIFTS; `root` prefixes every path. */
export function findDrift(schema: z.ZodType, value: unknown, root = ""): Drift[] {
  const found = new DriftList();
  walk(schema, value, root, found);
  return found.items;
}

/** One line: `response.status: unknown enum value "PAID" (expected one of ready, paid, cancelled, failed)`. */
export function describeDrift(drift: Drift): string {
  const at = drift.path || "(root)";
  switch (drift.kind) {
    case "missing":
      return `${at}: missing (expected ${drift.expected})`;
    case "type":
      return `${at}: wrong type, ${drift.received} (expected ${drift.expected})`;
    case "unknown_field":
      return `${at}: unknown field, ${drift.received} (${drift.expected})`;
    case "unknown_enum":
      return `${at}: unknown enum value ${withoutTypeWord(drift.received)} (expected ${drift.expected})`;
    case "invalid":
      // `expected` is zod's message here, which mostly says "expected" itself.
      return `${at}: invalid ${drift.received}; ${drift.expected}`;
  }
}

/** What `expected` says of a field the contract does not have. */
const NOT_IN_CONTRACT = "not in the contract";
const LONGEST_STRING_SHOWN = 40;

class DriftList {
  readonly items: Drift[] = [];
  get full(): boolean {
    return this.items.length >= MAX_DRIFTS;
  }
  add(drift: Drift): void {
    if (!this.full) this.items.push(drift);
  }
}

// ---- the walk

// Dispatch is on zod's public `type` name rather than `instanceof`: zod's instanceof goes through
// a trait lookup, and a dozen of those per node made the walk several times slower than a parse.
function walk(schema: z.ZodType, value: unknown, path: string, out: DriftList): void {
  if (out.full) return;
  switch (schema.type) {
    // These let an absent value through (a default or a catch fills it in on parse).
    case "optional":
    case "default":
    case "prefault":
    case "catch":
      if (value !== undefined) walk(inner(schema), value, path, out);
      return;
    case "nullable":
      if (value !== null) walkNullableInner(schema, value, path, out);
      return;
    case "nonoptional":
      if (value === undefined) out.add(wrongType(schema, value, path));
      else walk(inner(schema), value, path, out);
      return;
    case "readonly":
      return walk(inner(schema), value, path, out);
    case "lazy":
      return walk(resolveLazy(schema), value, path, out);
    case "pipe":
      return walkPipe(schema as z.ZodPipe, value, path, out);
    case "object":
      return walkObject(schema as z.ZodObject, value, path, out);
    case "array":
      return walkArray(schema as z.ZodArray, value, path, out);
    case "tuple":
      return walkTuple(schema as z.ZodTuple, value, path, out);
    case "record":
      return walkRecord(schema as z.ZodRecord, value, path, out);
    case "union":
      return walkUnion(schema as z.ZodUnion, value, path, out);
    default:
      return checkLeaf(schema, value, path, out);
  }
}

function walkPipe(schema: z.ZodPipe, value: unknown, path: string, out: DriftList): void {
  // A preprocess changes the value before any check, so only the whole pipe can judge it.
  if ((schema.in as z.ZodType).type === "transform") reportParseIssues(schema, value, path, out, false);
  else walk(schema.in as z.ZodType, value, path, out);
}

/** The schema inside a wrapper (all of which have `unwrap`). */
const inner = (schema: z.ZodType) => (schema as unknown as { unwrap(): z.ZodType }).unwrap();

/** A lazy schema's getter may build its schema anew on every call (`() => z.object(…)`): resolve each once. */
const resolvedLazies = new WeakMap<z.ZodType, z.ZodType>();

function resolveLazy(schema: z.ZodType): z.ZodType {
  let resolved = resolvedLazies.get(schema);
  if (!resolved) resolvedLazies.set(schema, (resolved = inner(schema)));
  return resolved;
}

/** The inner schema's verdict, with "or null" added where null would also have done. */
function walkNullableInner(schema: z.ZodType, value: unknown, path: string, out: DriftList): void {
  const before = out.items.length;
  walk(inner(schema), value, path, out);
  for (let i = before; i < out.items.length; i++) {
    const drift = out.items[i]!;
    if (drift.path === path && drift.kind !== "invalid" && drift.kind !== "unknown_field") drift.expected += " or null";
  }
}

function walkObject(schema: z.ZodObject, value: unknown, path: string, out: DriftList): void {
  if (!isPlainObject(value)) return out.add(wrongType(schema, value, path));
  const before = out.items.length;
  const shape = schema.shape as Record<string, z.ZodType>;
  for (const key of Object.keys(shape)) {
    if (out.full) return;
    walk(shape[key]!, value[key], keyPath(path, key), out);
  }
  const catchall = schema.def.catchall as z.ZodType | undefined;
  // Without a catchall zod strips unknown keys silently, and a strict object refuses them: both are drift.
  const extrasAllowed = catchall !== undefined && catchall.type !== "never";
  for (const key of Object.keys(value)) {
    if (Object.hasOwn(shape, key)) continue;
    if (extrasAllowed) walk(catchall, value[key], keyPath(path, key), out);
    else
      out.add({
        kind: "unknown_field",
        path: keyPath(path, key),
        expected: NOT_IN_CONTRACT,
        received: describeValue(value[key]),
      });
  }
  checkOwnRefinements(schema, value, path, out, before);
}

function walkArray(schema: z.ZodArray, value: unknown, path: string, out: DriftList): void {
  if (!Array.isArray(value)) return out.add(wrongType(schema, value, path));
  const before = out.items.length;
  const element = schema.element as z.ZodType;
  for (let i = 0; i < value.length && !out.full; i++) walk(element, value[i], indexPath(path, i), out);
  checkOwnRefinements(schema, value, path, out, before);
}

function walkTuple(schema: z.ZodTuple, value: unknown, path: string, out: DriftList): void {
  if (!Array.isArray(value)) return out.add(wrongType(schema, value, path));
  const before = out.items.length;
  const items = schema.def.items as readonly z.ZodType[];
  const rest = schema.def.rest as z.ZodType | null;
  const length = rest ? Math.max(items.length, value.length) : items.length;
  for (let i = 0; i < length && !out.full; i++) walk(items[i] ?? rest!, value[i], indexPath(path, i), out);
  // Surplus elements without a rest schema: zod's own length message says it best.
  checkOwnRefinements(schema, value, path, out, before, true);
}

function walkRecord(schema: z.ZodRecord, value: unknown, path: string, out: DriftList): void {
  if (!isPlainObject(value)) return out.add(wrongType(schema, value, path));
  const before = out.items.length;
  const keyType = schema.keyType as z.ZodType;
  const valueType = schema.valueType as z.ZodType;
  const knownKeys = enumeratedKeys(keyType);
  // A record keyed by an enum names every key, as zod's does, unless it is a partial one.
  if (knownKeys && !(schema.def as { partial?: boolean }).partial) {
    for (const key of knownKeys) if (!Object.hasOwn(value, key)) walk(valueType, undefined, keyPath(path, key), out);
  }
  for (const key of Object.keys(value)) {
    if (out.full) return;
    if (!checkRecordKey(schema, keyType, knownKeys, key, path, out)) continue;
    walk(valueType, value[key], keyPath(path, key), out);
  }
  checkOwnRefinements(schema, value, path, out, before);
}

/** Whether the key is one the record takes; reports it when it is not. */
function checkRecordKey(
  schema: z.ZodRecord,
  keyType: z.ZodType,
  knownKeys: string[] | null,
  key: string,
  path: string,
  out: DriftList,
) {
  const result = keyType.safeParse(key);
  if (result.success) return true;
  // A loose record passes keys its key schema refuses through untouched.
  if ((schema.def as { mode?: string }).mode === "loose") return false;
  const at = keyPath(path, key);
  const received = `key ${JSON.stringify(key)}`;
  if (knownKeys)
    out.add({
      kind: "unknown_field",
      path: at,
      expected: `${NOT_IN_CONTRACT} (keys: ${knownKeys.join(", ")})`,
      received,
    });
  else
    out.add({
      kind: "invalid",
      path: at,
      expected: `key ${describeSchema(keyType)}: ${result.error.issues[0]?.message}`,
      received,
    });
  return false;
}

function enumeratedKeys(keyType: z.ZodType): string[] | null {
  if (keyType instanceof z.ZodEnum) return (keyType.options as unknown[]).map(String);
  if (keyType instanceof z.ZodLiteral) return [...keyType.values].map(String);
  return null;
}

// ---- unions

interface Trial {
  option: z.ZodType;
  drifts: Drift[];
}

function walkUnion(schema: z.ZodUnion, value: unknown, path: string, out: DriftList): void {
  const trials: Trial[] = (schema.options as z.ZodType[]).map((option) => ({
    option,
    drifts: findDrift(option, value, path),
  }));
  const matching = trials.filter((trial) => trial.drifts.length === 0);
  if (matching.length > 0) {
    // An exclusive union also fails when more than one member matches; zod says how.
    if (schema instanceof z.ZodXor && matching.length > 1) reportParseIssues(schema, value, path, out, true);
    else checkOwnRefinements(schema, value, path, out, out.items.length);
    return;
  }
  if (trials.every((trial) => isRootMismatch(trial.drifts, path)))
    return out.add(unionMismatch(schema, trials, value, path));
  for (const drift of closestTrial(schema, trials, value, path).drifts) out.add(drift);
}

/** The option drifted only in what the value is at the union's own spot: no option fits it at all. */
function isRootMismatch(drifts: Drift[], path: string): boolean {
  const [only] = drifts;
  return drifts.length === 1 && only!.path === path && only!.kind !== "invalid" && only!.kind !== "unknown_field";
}

/** One drift naming every option, rather than an arbitrary option's complaint. */
function unionMismatch(schema: z.ZodUnion, trials: Trial[], value: unknown, path: string): Drift {
  const typeFitsSomeOption = trials.some((trial) => trial.drifts[0]!.kind === "unknown_enum");
  const kind: DriftKind = value === undefined ? "missing" : typeFitsSomeOption ? "unknown_enum" : "type";
  return { kind, path, expected: describeSchema(schema), received: describeValue(value) };
}

/**
 * The option the value was most likely meant to be, so its drift is specific: one zod would accept
 * (only unknown fields), then the one the discriminator names, then one whose type the value has,
 * then (for objects) the one sharing most keys, then the one with fewest drifts. Ties: the first.
 */
function closestTrial(schema: z.ZodUnion, trials: Trial[], value: unknown, path: string): Trial {
  const discriminator = (schema.def as { discriminator?: string }).discriminator;
  const score = (trial: Trial): number[] => [
    trial.drifts.every((drift) => drift.kind === "unknown_field") ? 0 : 1,
    discriminator === undefined || discriminatorFits(trial.option, discriminator, value) ? 0 : 1,
    trial.drifts.some((drift) => drift.kind === "type" && drift.path === path) ? 1 : 0,
    -sharedKeys(trial.option, value),
    trial.drifts.length,
  ];
  let best = trials[0]!;
  let bestScore = score(best);
  for (const trial of trials.slice(1)) {
    const trialScore = score(trial);
    if (compareScores(trialScore, bestScore) < 0) [best, bestScore] = [trial, trialScore];
  }
  return best;
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function discriminatorFits(option: z.ZodType, discriminator: string, value: unknown): boolean {
  const object = unwrapSchema(option);
  if (!(object instanceof z.ZodObject) || !isPlainObject(value)) return false;
  const field = (object.shape as Record<string, z.ZodType>)[discriminator];
  return field !== undefined && field.safeParse(value[discriminator]).success;
}

function sharedKeys(option: z.ZodType, value: unknown): number {
  const object = unwrapSchema(option);
  if (!(object instanceof z.ZodObject) || !isPlainObject(value)) return 0;
  const shape = object.shape as Record<string, z.ZodType>;
  return Object.keys(value).filter((key) => Object.hasOwn(shape, key)).length;
}

// ---- leaves and checks

/** The JS type a leaf takes, by zod's own type name; absent where only a parse can tell. */
const LEAF_TYPES: Partial<Record<string, (value: unknown) => boolean>> = {
  string: (value) => typeof value === "string",
  number: (value) => typeof value === "number",
  nan: (value) => typeof value === "number",
  boolean: (value) => typeof value === "boolean",
  bigint: (value) => typeof value === "bigint",
  symbol: (value) => typeof value === "symbol",
  null: (value) => value === null,
  undefined: (value) => value === undefined,
  void: (value) => value === undefined,
  date: (value) => value instanceof Date,
  any: () => true,
  unknown: () => true,
  never: () => false,
};

/**
 * Whether zod has more to say of a leaf than its JS type: checks of its own (max, refine), a
 * format it keeps inside the type (url, int), a number JSON cannot hold, or a date's validity.
 * Asking zod only then keeps the walk cheap.
 */
function needsLeafParse(schema: z.ZodType, value: unknown): boolean {
  if (hasOwnChecks(schema) || (schema as { format?: string | null }).format) return true;
  if (typeof value === "number") return !Number.isFinite(value);
  return schema.type === "date";
}

function checkLeaf(schema: z.ZodType, value: unknown, path: string, out: DriftList): void {
  const allowed = allowedValues(schema);
  if (allowed) return checkAllowedValue(schema, allowed, value, path, out);
  const hasType = LEAF_TYPES[schema.type];
  if (!hasType) return reportParseIssues(schema, value, path, out, true);
  if (!hasType(value)) return out.add(wrongType(schema, value, path));
  if (needsLeafParse(schema, value)) reportParseIssues(schema, value, path, out, false);
}

function allowedValues(schema: z.ZodType): unknown[] | null {
  if (schema.type === "enum") return (schema as z.ZodEnum).options as unknown[];
  if (schema.type === "literal") return [...(schema as z.ZodLiteral).values];
  return null;
}

/** An enum or a literal: the wrong JS type is a type drift; the right one with another value is an unknown enum value. */
function checkAllowedValue(schema: z.ZodType, allowed: unknown[], value: unknown, path: string, out: DriftList): void {
  if (allowed.includes(value)) {
    if (hasOwnChecks(schema)) reportParseIssues(schema, value, path, out, false);
    return;
  }
  const typeFits = allowed.some((option) => jsType(option) === jsType(value));
  if (!typeFits) return out.add(wrongType(schema, value, path));
  out.add({ kind: "unknown_enum", path, expected: describeSchema(schema), received: describeValue(value) });
}

const hasOwnChecks = (schema: z.ZodType) => (schema.def.checks?.length ?? 0) > 0;

/**
 * A container's own refinements (an object's superRefine, an array's min): run only when its
 * children showed no drift zod would refuse, so the parse can only be complaining about them.
 */
function checkOwnRefinements(
  schema: z.ZodType,
  value: unknown,
  path: string,
  out: DriftList,
  before: number,
  always = false,
): void {
  if (!always && !hasOwnChecks(schema)) return;
  for (let i = before; i < out.items.length; i++) if (out.items[i]!.kind !== "unknown_field") return;
  reportParseIssues(schema, value, path, out, false);
}

/**
 * zod's issues for `value`, as drifts. `classify`: whether a type or value issue is a type or
 * enum drift (true where the walker has not checked the type itself) or just invalid.
 */
function reportParseIssues(schema: z.ZodType, value: unknown, path: string, out: DriftList, classify: boolean): void {
  for (const issue of parseIssues(schema, value)) {
    // Strict objects' extra keys are already reported, one unknown field each.
    if (issue.code === "unrecognized_keys") continue;
    const kind = classify ? issueKind(issue.code) : "invalid";
    const at = issue.path.length ? joinPath(path, issue.path) : path;
    const received = describeValue(issue.path.length ? valueAt(value, issue.path) : value);
    out.add({ kind, path: at, expected: issueExpectation(schema, issue, kind), received });
  }
}

function issueExpectation(schema: z.ZodType, issue: ParseIssue, kind: DriftKind): string {
  // An issue deeper down comes from a container's refinement, whose message says what it wants.
  if (issue.path.length) return issue.message;
  return kind === "invalid" ? `${describeSchema(schema)}: ${issue.message}` : describeSchema(schema);
}

interface ParseIssue {
  code: string;
  path: PropertyKey[];
  message: string;
}

function parseIssues(schema: z.ZodType, value: unknown): ParseIssue[] {
  try {
    const result = schema.safeParse(value);
    return result.success ? [] : result.error.issues;
  } catch (error) {
    // An async refinement or a throwing transform: still a verdict the caller should see.
    return [{ code: "custom", path: [], message: `could not be checked: ${(error as Error).message}` }];
  }
}

function issueKind(code: string): DriftKind {
  if (code === "invalid_type") return "type";
  if (code === "invalid_value") return "unknown_enum";
  return "invalid";
}

function wrongType(schema: z.ZodType, value: unknown, path: string): Drift {
  return {
    kind: value === undefined ? "missing" : "type",
    path,
    expected: describeSchema(schema),
    received: describeValue(value),
  };
}

// ---- words

/** What a schema takes, in words: "string (max 40)", "integer", "one of a, b", "array of object (X)". */
function describeSchema(schema: z.ZodType): string {
  if (schema instanceof z.ZodNullable) return `${describeSchema(inner(schema))} or null`;
  if (schema instanceof z.ZodPipe)
    return describeSchema((schema.in instanceof z.ZodTransform ? schema.out : schema.in) as z.ZodType);
  if (isShapeKeepingWrapper(schema)) return describeSchema(inner(schema));
  // z.url() and the other formats are strings by type without being ZodString instances.
  if (schema.type === "string") return describeString(schema as unknown as StringLimits);
  if (schema instanceof z.ZodNumber) return describeNumber(schema);
  if (schema instanceof z.ZodEnum) return `one of ${(schema.options as unknown[]).join(", ")}`;
  if (schema instanceof z.ZodLiteral) return describeLiteral([...schema.values]);
  if (schema instanceof z.ZodObject) return named("object", schema);
  if (schema instanceof z.ZodArray) return `array of ${describeSchema(schema.element as z.ZodType)}`;
  if (schema instanceof z.ZodTuple)
    return `[${(schema.def.items as readonly z.ZodType[]).map(describeSchema).join(", ")}]`;
  if (schema instanceof z.ZodRecord) return `object of ${describeSchema(schema.valueType as z.ZodType)}`;
  if (schema instanceof z.ZodUnion) return (schema.options as z.ZodType[]).map(describeSchema).join(" or ");
  return SCHEMA_WORDS[schema.type] ?? schema.type;
}

const SCHEMA_WORDS: Partial<Record<string, string>> = {
  any: "anything",
  unknown: "anything",
  never: "nothing",
  void: "undefined",
};

const SHAPE_KEEPING_WRAPPERS = new Set(["optional", "default", "prefault", "catch", "nonoptional", "readonly", "lazy"]);

function isShapeKeepingWrapper(schema: z.ZodType): boolean {
  return SHAPE_KEEPING_WRAPPERS.has(schema.type);
}

/** An object named by its contract id where it has one, so a user can find it in the docs. */
function named(word: string, schema: z.ZodType): string {
  const id = schema.meta()?.id;
  return typeof id === "string" ? `${word} (${id})` : word;
}

interface StringLimits {
  format: string | null;
  minLength: number | null;
  maxLength: number | null;
}

function describeString(schema: StringLimits): string {
  const limits: string[] = [];
  if (schema.format) limits.push(schema.format === "regex" ? "pattern" : schema.format);
  if (schema.minLength !== null && schema.minLength > 0) limits.push(`min ${schema.minLength}`);
  if (schema.maxLength !== null) limits.push(`max ${schema.maxLength}`);
  return limits.length ? `string (${limits.join(", ")})` : "string";
}

function describeNumber(schema: z.ZodNumber): string {
  // An int's own safe-integer bounds are part of "integer", not limits worth repeating.
  const shown = (bound: number | null) =>
    bound !== null && Number.isFinite(bound) && !(schema.isInt && Math.abs(bound) === Number.MAX_SAFE_INTEGER);
  const limits: string[] = [];
  if (shown(schema.minValue)) limits.push(`min ${schema.minValue}`);
  if (shown(schema.maxValue)) limits.push(`max ${schema.maxValue}`);
  const word = schema.isInt ? "integer" : "number";
  return limits.length ? `${word} (${limits.join(", ")})` : word;
}

function describeLiteral(values: unknown[]): string {
  const shown = values.map((value) => (typeof value === "string" ? JSON.stringify(value) : String(value)));
  return shown.length === 1 ? shown[0]! : `one of ${shown.join(", ")}`;
}

/** What arrived, short: a scalar with its value, a container by its type only. */
function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (value instanceof Date) return "date";
  switch (typeof value) {
    case "string":
      return describeText(value);
    case "number":
    case "boolean":
      return `${typeof value} ${value}`;
    case "bigint":
      return `bigint ${value}n`;
    default:
      return typeof value;
  }
}

function describeText(value: string): string {
  if (value.length <= LONGEST_STRING_SHOWN) return `string ${JSON.stringify(value)}`;
  return `string ${JSON.stringify(`${value.slice(0, LONGEST_STRING_SHOWN)}…`)} (${value.length} chars)`;
}

/** `string "PAID"` → `"PAID"`, for the enum line where the type goes without saying. */
function withoutTypeWord(received: string): string {
  return received.replace(/^(string|number|boolean|bigint) /, "");
}

// ---- paths and values

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function keyPath(path: string, key: string): string {
  if (!IDENTIFIER.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path ? `${path}.${key}` : key;
}

const indexPath = (path: string, index: number) => `${path}[${index}]`;

function joinPath(path: string, segments: readonly PropertyKey[]): string {
  return segments.reduce<string>(
    (joined, segment) => (typeof segment === "number" ? indexPath(joined, segment) : keyPath(joined, String(segment))),
    path,
  );
}

function valueAt(value: unknown, segments: readonly PropertyKey[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function jsType(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
}

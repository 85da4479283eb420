/**
 * The scenario file format (scenarios/*.yaml): a named list of steps run through the client
 * against the in-process mock, a mock over HTTP, or the live API. The runner reads files with
 * this schema, and `npm run generate` writes its JSON Schema (scenarios/scenario.schema.json)
 * for editor completion. scenarios/README.md explains the format with examples.
 */
import * as z from "zod";
import { controlOperations } from "./mock/control.ts";
import { operationKeys } from "./operations.ts";

/** A variable's name: letters, digits and underscores, not starting with a digit. */
const variableName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a variable name is letters, digits and _, not starting with a digit");

/** `response.cancel_history[0].amount`: where a value is read from an answer. */
const valuePath = z
  .string()
  .regex(/^[A-Za-z_$][\w$]*(\.[\w$]+|\[\d+\])*$/, "a path like response.imp_uid or response.cancel_history[0].amount");

/** Whether a `$regex` pattern compiles (with the `u` flag, as the runner uses it): checked when the file loads, not mid-run. */
function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, "u");
    return true;
  } catch {
    return false;
  }
}

/**
 * Matchers. A value in `expect` is compared for equality, an object key by key (keys not
 * listed are not checked), an array item by item with the same length, unless it is one of
 * these objects of a single `$` key.
 */
const matcherShapes = {
  $equals: z.unknown().describe("deep equality, every key of objects included"),
  $type: z.enum(["string", "number", "integer", "boolean", "null", "array", "object"]).describe("the JSON type"),
  $regex: z
    .string()
    .refine(compiles, "not a valid regular expression")
    .describe("a regular expression the string (or number, as text) must match"),
  $contains: z.string().describe("a substring of the string"),
  $one_of: z.array(z.unknown()).min(1).describe("equals one of these"),
  $range: z
    .object({ min: z.number().optional(), max: z.number().optional() })
    .strict()
    .describe("a number within [min, max]"),
  $length: z.number().int().min(0).describe("an array's or a string's length"),
  $includes: z
    .array(z.unknown())
    .min(1)
    .describe("a list with, for each of these, an item matching it (other items are not checked)"),
  $absent: z.literal(true).describe("the key is missing, or its value is undefined"),
  $present: z.literal(true).describe("the key is there, any value (null included)"),
} as const;
export type MatcherName = keyof typeof matcherShapes;
const matcherNames = Object.keys(matcherShapes) as MatcherName[];

const matcherSchemas = Object.fromEntries(
  Object.entries(matcherShapes).map(([key, shape]) => [key, z.object({ [key]: shape }).strict()]),
);

/** What an answer's value must be: a literal, a matcher, or objects and arrays of those. */
export type ExpectedValue = string | number | boolean | null | { [key: string]: unknown } | ExpectedValue[];

/**
 * Checked by a walk rather than a zod union: a union's error would say "no member matched" where
 * a scenario's author needs "unknown matcher $regx at response.status".
 */
export const ExpectedValue = z
  .unknown()
  .superRefine((value, context) => {
    for (const problem of expectedValueProblems(value, []))
      context.addIssue({ code: "custom", path: problem.path, message: problem.message });
  })
  .meta({ id: "ExpectedValue" }) as z.ZodType<ExpectedValue>;

function expectedValueProblems(
  value: unknown,
  path: (string | number)[],
): { path: (string | number)[]; message: string }[] {
  if (value === null || ["string", "number", "boolean"].includes(typeof value)) return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => expectedValueProblems(item, [...path, index]));
  if (typeof value !== "object")
    return [{ path, message: `expected a value, a matcher or a list or map of those, got ${typeof value}` }];
  const keys = Object.keys(value);
  const matcherKeys = keys.filter((key) => key.startsWith("$"));
  if (!matcherKeys.length)
    return keys.flatMap((key) => expectedValueProblems((value as Record<string, unknown>)[key], [...path, key]));
  if (keys.length !== 1)
    return [{ path, message: `a matcher is an object of exactly one $ key; got ${keys.join(", ")}` }];
  const schema = matcherSchemas[keys[0]!];
  if (!schema) return [{ path, message: `unknown matcher ${keys[0]}; the matchers are ${matcherNames.join(", ")}` }];
  const parsed = schema.safeParse(value);
  return parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        path: [...path, ...(issue.path as (string | number)[])],
        message: issue.message,
      }));
}

/** ExpectedValue in JSON Schema, built from the matchers' own schemas (the walk above has no JSON Schema of its own). */
function expectedValueJsonSchema(): Record<string, unknown> {
  const matchers = Object.values(matcherSchemas).map((schema) => {
    const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<
      string,
      unknown
    >;
    return rest;
  });
  const self = { $ref: "#/$defs/ExpectedValue" };
  return {
    description:
      "A literal, a matcher (an object of one $ key), or lists and maps of those; objects are matched key by key.",
    anyOf: [
      { type: ["string", "number", "boolean", "null"] },
      ...matchers,
      { type: "array", items: self },
      { type: "object", propertyNames: { pattern: "^[^$]" }, additionalProperties: self },
    ],
  };
}

const Expectation = z
  .object({
    /** The HTTP status. With neither status nor code named, the runner expects 200 and code 0. */
    status: ExpectedValue.optional(),
    code: ExpectedValue.optional(),
    /** The envelope's `message`: on the mock, the real service's text by default. */
    message: ExpectedValue.optional(),
    /** The mock's own explanation of a refusal (its X-Iamport-Mock-Explanation header); not checked on live. */
    explanation: ExpectedValue.optional(),
    response: ExpectedValue.optional(),
  })
  .strict();

/** Variables taken from an answer: `{ imp_uid: response.imp_uid }`. */
const Captures = z.record(variableName, valuePath);

const stepCommon = {
  /** Shown in the report; `step N` when left out. */
  name: z.string().optional(),
  /** Skip this step on the live target (with the reason printed): e.g. a mock test card. */
  mock_only: z.boolean().optional(),
  expect: Expectation.optional(),
  capture: Captures.optional(),
};

const requestParts = {
  /** Path parameters, e.g. `{ imp_uid: "{{imp_uid}}" }`. */
  params: z.record(z.string(), z.unknown()).optional(),
  query: z.record(z.string(), z.unknown()).optional(),
  body: z.record(z.string(), z.unknown()).optional(),
};

/** An enum whose refusal names the closest key rather than listing all 44. */
function keyOf(keys: string[], what: string, where: string) {
  return z.enum(keys as [string, ...string[]], {
    error: (issue) => {
      const near = closest(String(issue.input), keys);
      return `unknown ${what} ${JSON.stringify(issue.input)}${near ? `; did you mean ${near}?` : ""} (the keys of ${where})`;
    },
  });
}

/** The key within edit distance 3 of the input, if any. */
function closest(input: string, keys: string[]): string | undefined {
  const distance = (a: string, b: string) => {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const current = [i];
      for (let j = 1; j <= b.length; j++)
        current[j] = Math.min(
          previous[j]! + 1,
          current[j - 1]! + 1,
          previous[j - 1]! + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1),
        );
      previous = current;
    }
    return previous[b.length]!;
  };
  const [best] = keys.map((key) => ({ key, d: distance(input, key) })).sort((x, y) => x.d - y.d);
  return best && best.d <= 3 ? best.key : undefined;
}

const operationKey = keyOf(operationKeys, "operation", "contracts/operations.ts");
const controlKey = keyOf(Object.keys(controlOperations), "control operation", "contracts/mock/control.ts");

export const CallStep = z
  .object({
    ...stepCommon,
    /** An operation by its key in the operation table (the official operationId), e.g. `again`. */
    call: operationKey,
    ...requestParts,
    /** How the body is sent: JSON (default) or form-urlencoded, as many merchants' clients do. */
    encoding: z.enum(["json", "form"]).optional(),
  })
  .strict();

export const ControlStep = z
  .object({
    ...stepCommon,
    /** A call of the mock's control API by its key (contracts/mock/control.ts), e.g. `advanceClock`. Mock-only. */
    control: controlKey,
    ...requestParts,
  })
  .strict();

export const AwaitWebhookStep = z
  .object({
    name: stepCommon.name,
    /** Wait for a webhook sent to `{{$webhook_url}}` whose body matches (e.g. `{ imp_uid: "{{imp_uid}}", status: paid }`). */
    await_webhook: z
      .object({
        match: z.record(z.string(), ExpectedValue),
        /** How long to wait, in real milliseconds (default 5 000). */
        within_ms: z.number().int().min(1).max(120_000).default(5_000),
      })
      .strict(),
    /** Variables from the webhook's body, e.g. `{ status: body.status }`. */
    capture: Captures.optional(),
  })
  .strict();

export const ScenarioStep = z.union([CallStep, ControlStep, AwaitWebhookStep]);

export const Scenario = z
  .object({
    /** The scenario's name in reports (defaults to the file name). */
    name: z.string().optional(),
    description: z.string().optional(),
    tags: z.array(z.string()).optional(),
    /** Skip the whole scenario on the live target (with the reason printed). */
    mock_only: z.boolean().optional(),
    /**
     * Values the target provides: the demo merchant's channel keys and the like on the mock,
     * `--var name=value` or `IAMPORT_VAR_<NAME>` on the live API. See scenarios/README.md.
     */
    inputs: z.array(variableName).optional(),
    /** Variables set before the first step, in order: templates may use built-ins and earlier ones. */
    vars: z.record(variableName, z.unknown()).optional(),
    steps: z.array(ScenarioStep).min(1),
  })
  .strict()
  .meta({ id: "Scenario", title: "iamport-mock scenario" });

export type Scenario = z.infer<typeof Scenario>;
export type ScenarioStep = z.infer<typeof ScenarioStep>;
export type CallStep = z.infer<typeof CallStep>;
export type ControlStep = z.infer<typeof ControlStep>;
export type AwaitWebhookStep = z.infer<typeof AwaitWebhookStep>;
export type Expectation = z.infer<typeof Expectation>;

/** The JSON Schema of a scenario file, for editors (written by `npm run generate`). */
export function scenarioJsonSchema(): unknown {
  return z.toJSONSchema(Scenario, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any",
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema === (ExpectedValue as unknown)) {
        for (const key of Object.keys(jsonSchema)) delete (jsonSchema as Record<string, unknown>)[key];
        Object.assign(jsonSchema, expectedValueJsonSchema());
      }
    },
  });
}

import { expect, test } from "vitest";
import { z } from "zod";
import { operations } from "../../contracts/operations.ts";
import { ASK_ZOD, quickParseOf } from "./response-check.ts";

const Item = z.object({ kind: z.enum(["a", "b"]), at: z.number().int() });
const Shape = z.object({
  name: z.string().max(3),
  amount: z.number(),
  paid: z.boolean(),
  note: z.string().nullable(),
  items: z.array(Item),
});
const valid = () => ({ name: "abc", amount: 1.5, paid: true, note: null, items: [{ kind: "a", at: 1 }] });

/** The same value, the same keys in the same order, at every level: what JSON.stringify sends. */
const sameAsZod = (value: unknown) => {
  const quick = quickParseOf(Shape)!(value);
  expect(quick).not.toBe(ASK_ZOD);
  expect(JSON.stringify(quick)).toBe(JSON.stringify(Shape.parse(value)));
};

test("a value true to its schema comes back as zod's parse gives it: keys in the schema's order, unknown ones stripped", () => {
  sameAsZod(valid());
  sameAsZod({ items: [{ at: 2, kind: "b", extra: 1 }], note: "x", paid: false, amount: -1, name: "", extra: 1 });
  const value = valid();
  const copy = quickParseOf(Shape)!(value) as ReturnType<typeof valid>;
  // A copy, as zod's is: the answer never shares objects with the stored state.
  expect(copy).not.toBe(value);
  expect(copy.items).not.toBe(value.items);
});

test("anything zod might refuse goes to zod", () => {
  const parse = quickParseOf(Shape)!;
  const cases: [string, unknown][] = [
    ["a string too long", { ...valid(), name: "abcd" }],
    ["a number that is not finite", { ...valid(), amount: Infinity }],
    ["NaN", { ...valid(), amount: NaN }],
    ["a fraction where an integer is wanted", { ...valid(), items: [{ kind: "a", at: 1.5 }] }],
    ["a value outside the enum", { ...valid(), items: [{ kind: "c", at: 1 }] }],
    ["a missing key", { name: "abc", amount: 1, paid: true, items: [] }],
    ["null where no null is allowed", { ...valid(), paid: null }],
    ["an array where an object is wanted", [valid()]],
    ["null", null],
  ];
  for (const [what, value] of cases) {
    expect(parse(value), what).toBe(ASK_ZOD);
    expect(Shape.safeParse(value).success, what).toBe(false);
  }
});

test("schema pieces it does not know are left to zod", () => {
  expect(quickParseOf(z.object({ a: z.coerce.number() }))).toBeNull();
  expect(quickParseOf(z.strictObject({ a: z.string() }))).toBeNull();
  expect(quickParseOf(z.looseObject({ a: z.string() }))).toBeNull();
  expect(quickParseOf(z.object({ a: z.string().min(1) }))).toBeNull();
  expect(quickParseOf(z.object({ a: z.string().optional() }))).toBeNull();
  expect(quickParseOf(z.object({ a: z.string().default("x") }))).toBeNull();
  expect(quickParseOf(z.union([z.object({ a: z.string() }), z.object({ b: z.string() })]))).toBeNull();
});

test("the payment answers take the quick way", () => {
  expect(quickParseOf(operations.again.response)).not.toBeNull();
  expect(quickParseOf(operations.onetime.response)).not.toBeNull();
});

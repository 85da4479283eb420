import { expect, test } from "vitest";
import { describeMismatch, match } from "./match.ts";

const ok = (expected: unknown, actual: unknown) => expect(match(expected, actual, "v")).toEqual([]);
const fails = (expected: unknown, actual: unknown) => expect(match(expected, actual, "v").map(describeMismatch));

test("literals by equality, objects key by key (unlisted keys unchecked), lists item by item", () => {
  ok({ a: 1, b: { c: "x" } }, { a: 1, b: { c: "x", d: 2 }, e: 3 });
  fails({ a: 1, b: { c: "x" } }, { a: 2, b: { c: "y" } }).toEqual([
    "v.a: expected 1, got 2",
    'v.b.c: expected "x", got "y"',
  ]);
  ok([1, { a: 2 }], [1, { a: 2, b: 3 }]);
  fails([1, 2], [1]).toEqual(["v: expected a list of 2, got a list of 1: [1]"]);
  fails({ a: 1 }, null).toEqual(["v: expected an object, got null"]);
  fails([1], "x").toEqual(['v: expected a list of 1, got "x"']);
  fails(null, undefined).toEqual(["v: expected null, got absent"]);
});

test.each([
  [{ $equals: { a: 1 } }, { a: 1 }, { a: 1, b: 2 }],
  [{ $type: "integer" }, 3, 3.5],
  [{ $type: "null" }, null, 0],
  [{ $type: "array" }, [], {}],
  [{ $regex: "^imp_\\d+$" }, "imp_12", "imp_x"],
  [{ $contains: "buyer_tel" }, "buyer_tel is required", "buyer_name"],
  [{ $one_of: ["paid", "ready"] }, "ready", "failed"],
  [{ $range: { min: 1, max: 10 } }, 10, 11],
  [{ $range: { min: 1 } }, 1e9, 0],
  [{ $length: 2 }, [1, 2], "abc"],
  [
    { $includes: [{ imp_uid: "imp_2", amount: { $range: { min: 10 } } }] },
    [{ imp_uid: "imp_1" }, { imp_uid: "imp_2", amount: 10, x: 1 }],
    [{ imp_uid: "imp_2", amount: 9 }],
  ],
  [{ $absent: true }, undefined, null],
  [{ $present: true }, null, undefined],
])("matcher %j passes %j and fails %j", (matcher, good, bad) => {
  ok(matcher, good);
  expect(match(matcher, bad, "v")).toHaveLength(1);
});

test("$includes names each wanted item that no item matches", () => {
  fails({ $includes: [{ a: 1 }, { a: 2 }, { a: 3 }] }, [{ a: 2 }, { a: 4 }]).toEqual([
    'v: expected an item matching {"a":1}, got 2 items, none matching',
    'v: expected an item matching {"a":3}, got 2 items, none matching',
  ]);
});

test("matchers work inside objects: a missing key is `absent`", () => {
  ok({ fail_reason: { $absent: true }, status: { $one_of: ["paid"] } }, { status: "paid" });
  fails({ pg_tid: { $present: true } }, {}).toEqual(["v.pg_tid: expected present, got absent"]);
});

import { expect, test } from "vitest";
import { MissingVariable, readPath, resolveTemplates, templateNames } from "./template.ts";

const scope = (values: Record<string, unknown>) => ({ lookup: (name: string) => values[name] });

test("a string that is one template keeps the value's type; text around a template makes a string", () => {
  const values = { amount: 1000, order: "o1", obj: { a: [1, 2] } };
  expect(
    resolveTemplates(
      { amount: "{{amount}}", label: "order {{order}} of {{amount}}", whole: "{{ obj }}" },
      scope(values),
    ),
  ).toEqual({
    amount: 1000,
    label: "order o1 of 1000",
    whole: { a: [1, 2] },
  });
});

test("paths read into captured objects, and whole numbers are added or subtracted", () => {
  const values = { pay: { cancel_history: [{ amount: 300 }] }, $now: 100 };
  expect(
    resolveTemplates(["{{pay.cancel_history[0].amount}}", "{{$now + 3600}}", "{{$now-1}}"], scope(values)),
  ).toEqual([300, 3700, 99]);
  expect(readPath(values.pay, ".cancel_history[1].amount")).toBeUndefined();
});

test("a variable without a value is a MissingVariable naming it; arithmetic on text is refused", () => {
  expect(() => resolveTemplates("x {{gone}}", scope({}))).toThrow(MissingVariable);
  expect(() => resolveTemplates("{{gone.deep}}", scope({ gone: {} }))).toThrow("{{gone.deep}} has no value");
  expect(() => resolveTemplates("{{order + 1}}", scope({ order: "o1" }))).toThrow(/needs a number/);
});

test("templateNames lists the variables a value uses, in lists and maps too", () => {
  expect(templateNames({ a: "{{x}}-{{y.z}}", b: ["{{$uid}}", 3], c: { d: "{{w + 2}}" } })).toEqual([
    "x",
    "y",
    "$uid",
    "w",
  ]);
});

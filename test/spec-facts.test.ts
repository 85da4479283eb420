/**
 * Our contracts held to the official document: every difference between the operation table and
 * the facts file must be a listed, explained departure, and every listed departure must still be
 * one. A change in the facts that the contracts do not follow fails here.
 */
import { expect, test } from "vitest";
import factsJson from "../contracts/facts/iamport-v1.facts.json" with { type: "json" };
import type { SpecFacts } from "../contracts/facts/types.ts";
import { operations, officialOperationId, type OperationKey } from "../contracts/operations.ts";
import { specDepartures } from "../contracts/spec-differences.ts";
import { specDifferences, type SpecDifference } from "./support/spec-diff.ts";

const facts = factsJson as unknown as SpecFacts;
const keyOf = (d: { operation: string; where: string; kind: string }) => `${d.operation} ${d.where} ${d.kind}`;
const clone = (): SpecFacts => structuredClone(facts);
const unlisted = (diffs: SpecDifference[]) => {
  const listed = new Set(specDepartures.map(keyOf));
  return diffs.filter((d) => !listed.has(keyOf(d)));
};

test("every difference from the official facts is a listed departure", () => {
  expect(
    unlisted(specDifferences(facts)).map(
      (d) => `${keyOf(d)}: upstream ${JSON.stringify(d.upstream)}, ours ${JSON.stringify(d.ours)}`,
    ),
  ).toEqual([]);
});

test("every listed departure is still a difference", () => {
  const found = new Set(specDifferences(facts).map(keyOf));
  expect(specDepartures.filter((d) => !found.has(keyOf(d))).map(keyOf)).toEqual([]);
});

test("every listed departure gives a reason", () => {
  for (const departure of specDepartures) expect(departure.reason.length, keyOf(departure)).toBeGreaterThan(20);
});

test("every served operation is in the official document under its official operationId", () => {
  for (const key of Object.keys(operations) as OperationKey[]) {
    const { method, path } = operations[key];
    const upstream = facts.operations.find((o) => o.method === method && o.path === path);
    expect(upstream?.operationId, key).toBe(officialOperationId(key));
  }
});

test("the table serves docs/domain.md §2: 44 operations, only the browser checkout left out", () => {
  expect(Object.keys(operations)).toHaveLength(44);
});

// The comparison itself must notice what it is there to notice.

test("an upstream parameter the contracts lack is a difference", () => {
  const changed = clone();
  changed.operations
    .find((o) => o.operationId === "again")!
    .parameters.push({ name: "new_field", in: "formData", required: false, type: "string" });
  expect(unlisted(specDifferences(changed)).map(keyOf)).toEqual(["again body.new_field missing"]);
});

test("a changed maxLength, type, required flag or enum upstream is a difference", () => {
  const changed = clone();
  const again = changed.operations.find((o) => o.operationId === "again")!;
  again.parameters.find((p) => p.name === "merchant_uid")!.maxLength = 64;
  again.parameters.find((p) => p.name === "amount")!.type = "string";
  again.parameters.find((p) => p.name === "buyer_tel")!.required = true;
  changed.operations.find((o) => o.operationId === "getPaymentsByStatus")!.parameters[0]!.enum = ["all", "paid"];
  expect(unlisted(specDifferences(changed)).map(keyOf).sort()).toEqual([
    "again body.amount type",
    "again body.buyer_tel required",
    "again body.merchant_uid maxLength",
    "getPaymentsByStatus path.payment_status enum",
  ]);
});

test("a response field added or removed upstream is a difference", () => {
  const changed = clone();
  changed.definitions.PaymentAnnotation!.properties.new_field = { type: "string" };
  delete changed.definitions.CustomerAnnotation!.properties.card_name;
  expect(unlisted(specDifferences(changed)).map(keyOf).sort()).toEqual([
    "definition CustomerAnnotation.card_name extra",
    "definition PaymentAnnotation.new_field missing",
  ]);
});

test("an operation moved upstream is a difference", () => {
  const changed = clone();
  changed.operations.find((o) => o.operationId === "cancelPayment")!.path = "/payments/refund";
  expect(unlisted(specDifferences(changed)).map(keyOf)).toContain("cancelPayment POST /payments/cancel operation");
});

test("the facts file holds no prose from the official document", () => {
  expect(JSON.stringify(facts)).not.toMatch(/[\uAC00-\uD7A3]/); // no Hangul
  const proseKeys: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (typeof node !== "object" || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      // A definition may have a *field* named description; prose would be a string value.
      if (/^(description|summary|example|x-portone-.*)$/.test(key) && typeof value === "string")
        proseKeys.push(`${path}.${key}`);
      walk(value, `${path}.${key}`);
    }
  };
  walk(facts, "facts");
  expect(proseKeys).toEqual([]);
});

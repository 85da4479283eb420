/** The generated OpenAPI document carries every operation of the table, fully described. */
import { expect, test } from "vitest";
import openapi from "../contracts/openapi.json" with { type: "json" };
import { operations, type Operation } from "../contracts/operations.ts";

type Doc = { paths: Record<string, Record<string, Record<string, any>>>; openapi: string };
const doc = openapi as unknown as Doc;

test("the document is OpenAPI 3.1 with one entry per operation of the table", () => {
  expect(doc.openapi).toBe("3.1.0");
  const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
  expect(ids.sort()).toEqual(Object.keys(operations).sort());
});

test.each(Object.entries(operations) as [string, Operation][])(
  "%s: both content types, the envelope, and its refusals",
  (key, operation) => {
    const entry = doc.paths[operation.path]![operation.method]!;
    expect(entry.operationId).toBe(key);
    if (operation.body) {
      expect(Object.keys(entry.requestBody.content).sort()).toEqual([
        "application/json",
        "application/x-www-form-urlencoded",
      ]);
    }
    const envelope = entry.responses["200"].content["application/json"].schema;
    expect(envelope.required).toEqual(["code", "message", "response"]);
    if (operation.auth) {
      expect(entry.security).toEqual([{ accessToken: [] }]);
      expect(entry.responses["401"]).toBeDefined();
    }
    if (operation.params) expect(entry.responses["404"]).toBeDefined();
  },
);

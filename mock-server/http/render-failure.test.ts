import { expect, test } from "vitest";
import type { FailureKind } from "../core/errors.ts";
import { FAILURE_HTTP, failureEnvelope } from "./render-failure.ts";

// The whole table, spelled out: a change to any row is a change to what clients see.
const EXPECTED: Record<FailureKind, [number, number]> = {
  invalidRequest: [400, -1],
  unauthorized: [401, -1],
  notFound: [404, -1],
  methodNotAllowed: [405, -1],
  conflict: [409, -1],
  payloadTooLarge: [413, -1],
  rejected: [200, 1],
  pgError: [200, -1],
  serverError: [500, -1],
  notSupported: [501, -1],
};

test.each(Object.entries(EXPECTED) as [FailureKind, [number, number]][])(
  "%s renders as HTTP %j in the envelope",
  (kind, [status, code]) => {
    expect(failureEnvelope({ kind, message: "why" })).toEqual({
      status,
      body: { code, message: "why", response: null },
    });
  },
);

test("the table has exactly the failure kinds", () => {
  expect(Object.keys(FAILURE_HTTP).sort()).toEqual(Object.keys(EXPECTED).sort());
});

test("no failure renders as success", () => {
  for (const { code } of Object.values(FAILURE_HTTP)) expect(code).not.toBe(0);
});

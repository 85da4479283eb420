import { expect, test } from "vitest";
import { REAL_MESSAGES } from "../../contracts/messages.ts";
import { operationKeys } from "../../contracts/operations.ts";
import { documentedStatuses, HTTP_LAYER_STATUSES, liveAnswers } from "../../contracts/statuses.ts";
import type { FailureKind } from "../core/errors.ts";
import { FAILURE_HTTP, failureEnvelope, headerSafe, statusFor } from "./render-failure.ts";

// The whole table, spelled out: a change to any row is a change to what clients see.
const EXPECTED: Record<FailureKind, [status: number, code: number, codeAt200: number]> = {
  invalidRequest: [400, -1, -1],
  unauthorized: [401, -1, -1],
  notFound: [404, -1, 1],
  methodNotAllowed: [405, -1, -1],
  conflict: [409, -1, 1],
  payloadTooLarge: [413, -1, -1],
  rejected: [200, 1, 1],
  cardRefused: [200, -1, -1],
  pgError: [200, -1, -1],
  serverError: [500, -1, -1],
  notSupported: [501, -1, -1],
};
const KINDS = Object.keys(EXPECTED) as FailureKind[];
const explaining = { operation: null, messages: "explanation" } as const;

test.each(KINDS)("%s renders off the operation table with its usual status and code", (kind) => {
  const [status, code] = EXPECTED[kind];
  expect(failureEnvelope({ kind, explanation: "why" }, explaining)).toEqual({
    status,
    body: { code, message: "why", response: null },
  });
});

test("the table has exactly the failure kinds, none renders as success, and each has a voice", () => {
  expect(Object.keys(FAILURE_HTTP).sort()).toEqual([...KINDS].sort());
  for (const { code, codeAt200, voice } of Object.values(FAILURE_HTTP)) {
    expect(code).not.toBe(0);
    expect(codeAt200).not.toBe(0);
    expect(REAL_MESSAGES[voice].text).toMatch(/\S/);
  }
});

test("every operation answers every failure kind with a status its document lists, or the HTTP layer's", () => {
  for (const key of operationKeys)
    for (const kind of KINDS) {
      const { status, code } = statusFor(kind, key);
      expect(code, `${key} ${kind}`).not.toBe(0);
      const seenLive = liveAnswers.filter((a) => a.operation === key).map((a) => a.answered.status);
      const allowed = [...documentedStatuses[key], ...HTTP_LAYER_STATUSES, ...seenLive];
      expect(allowed, `${key} ${kind} answered ${status}`).toContain(status);
    }
});

test("a refusal whose status the operation does not document is HTTP 200 with the kind's code", () => {
  // again documents 200 and 401 only: an unknown customer_uid is 200 / 1, a missing name 200 / -1.
  expect(statusFor("notFound", "again")).toEqual({ status: 200, code: 1 });
  expect(statusFor("invalidRequest", "again")).toEqual({ status: 200, code: -1 });
  expect(statusFor("conflict", "unschedule")).toEqual({ status: 200, code: 1 });
  // Documented statuses stay: a lookup's 404, a virtual account's 400.
  expect(statusFor("notFound", "getPaymentByImpUid")).toEqual({ status: 404, code: -1 });
  expect(statusFor("invalidRequest", "revokeVbank")).toEqual({ status: 400, code: -1 });
  // The HTTP layer's statuses hold where the document forgot them (no 401 listed on updateScheduleByMid).
  expect(statusFor("unauthorized", "updateScheduleByMid")).toEqual({ status: 401, code: -1 });
  expect(statusFor("serverError", "again")).toEqual({ status: 500, code: -1 });
});

test("where the live service was seen to answer otherwise, that answer wins", () => {
  // The document lists no 404 on the prepared-amount lookup; the live API answers one.
  expect(statusFor("notFound", "getPaymentPrepareByMerchantUid")).toEqual({ status: 404, code: -1 });
  expect(documentedStatuses.customer_view).toContain(404);
  expect(statusFor("notFound", "customer_view")).toEqual({ status: 200, code: 1 });
  expect(statusFor("notFound", "customer_delete")).toEqual({ status: 200, code: 1 });
});

test("message: the real text by default, the kind's voice without one, the explanation when asked", () => {
  const unknown = {
    kind: "notFound" as const,
    explanation: "no billing key with customer_uid c1",
    says: { key: "billingKeyNotFound" as const, params: { customer_uid: "c1" } },
  };
  const real = { operation: "customer_view", messages: "real" } as const;
  expect(failureEnvelope(unknown, real).body.message).toBe(
    "요청하신 customer_uid(c1)로 등록된 정보를 찾을 수 없습니다.",
  );
  expect(failureEnvelope({ kind: "pgError", explanation: "timeout" }, real).body.message).toBe(
    REAL_MESSAGES.pgFailed.text,
  );
  expect(failureEnvelope(unknown, { ...real, messages: "explanation" }).body.message).toBe(unknown.explanation);
  // Control calls are the mock's own API: they always explain.
  expect(failureEnvelope(unknown, { operation: "control:arm", messages: "real" }).body.message).toBe(
    unknown.explanation,
  );
});

test("the explanation header keeps ASCII readable and gives any text back exactly", () => {
  expect(headerSafe("amount must be at least 1 (got 0)")).toBe("amount must be at least 1 (got 0)");
  for (const text of ["buyer_name 홍길동 is too long", "100% off\nnext line", "emoji 💳 and tab\t"]) {
    expect(headerSafe(text)).toMatch(/^[\x20-\x7e]*$/);
    expect(decodeURIComponent(headerSafe(text))).toBe(text);
  }
  // A lone surrogate cannot be encoded; it must not turn a refusal into a 500.
  expect(decodeURIComponent(headerSafe("merchant_uid \ud800 is unknown"))).toBe("merchant_uid \ufffd is unknown");
});

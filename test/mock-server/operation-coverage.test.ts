import { expect, test } from "vitest";
import { controlOperations, CONTROL_PREFIX, type ControlOperation } from "../../contracts/mock/control.ts";
import { operations, operationKeys, type Operation } from "../../contracts/operations.ts";
import { createTestMock } from "../support/mock.ts";

/** What the core serves now; the rest comes with virtual accounts, escrow, receipts, schedules and codes. */
const SERVED = [
  "getToken", "getPgSettingList",
  "getPaymentByImpUid", "getPaymentListByImpUid", "getPaymentByMerchantUid", "getAllPaymentsByMerchantUid", "getPaymentsByStatus",
  "balanceByImpUid", "cancelPayment", "preparePayment", "editPreparePayment", "getPaymentPrepareByMerchantUid",
  "onetime", "again", "customer_save", "customer_view", "customer_delete", "customer_view_multiple", "customer_payments",
  "allBankCodes", "bankCodes", "allCardCodes", "cardCodes",
  "createVbank", "modifyVbank", "revokeVbank",
  "escrow_logis_get", "escrow_logis_save", "escrow_logis_edit",
  "issueReceipt", "getReceipt", "revokeReceipt", "issueExternalReceipt", "getExternalReceipt", "revokeExternalReceipt",
];

const samplePath = (template: string) => template.replace(/\{(\w+)\}/g, (_, name: string) => (name === "payment_status" ? "paid" : `sample_${name}`));

test.each(operationKeys)("%s is routed: it answers in the envelope, never 404/405 for its own path", async (key) => {
  const mock = createTestMock();
  const operation: Operation = operations[key];
  for (const path of [operation.path, ...(operation.aliases ?? [])]) {
    const answer = await mock.call(operation.method.toUpperCase(), samplePath(path), operation.body ? { json: {} } : {});
    expect(answer.body).toHaveProperty("code");
    if (SERVED.includes(key)) {
      expect(answer.status, `${key} ${path}`).not.toBe(501);
      // A 404 here must be about the sample resource, not the path.
      if (answer.status === 404) expect(answer.body.message).not.toMatch(/not a path/);
      expect(answer.status).not.toBe(405);
    } else {
      expect(answer.status).toBe(501);
      expect(answer.body.message).toContain(key);
    }
  }
});

test.each(Object.entries(controlOperations as Record<string, ControlOperation>))("control operation %s is routed under the prefix", async (_, operation) => {
  const mock = createTestMock();
  const answer = await mock.call(operation.method.toUpperCase(), `${CONTROL_PREFIX}${operation.path}`, { token: null, ...(operation.body ? { json: {} } : {}) });
  expect([200, 400]).toContain(answer.status);
});

test("the served list names real operations only", () => {
  for (const key of SERVED) expect(operationKeys).toContain(key);
});

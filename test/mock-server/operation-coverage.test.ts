import { expect, test } from "vitest";
import { controlOperations, CONTROL_PREFIX, type ControlOperation } from "../../contracts/mock/control.ts";
import { operations, operationKeys, type Operation } from "../../contracts/operations.ts";
import { createTestMock } from "../support/mock.ts";
import { control } from "../support/requests.ts";

const samplePath = (template: string) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => (name === "payment_status" ? "paid" : `sample_${name}`));

test.each(operationKeys)("%s is served by its own route, never 404/405/501 for its own path", async (key) => {
  const mock = createTestMock();
  const operation: Operation = operations[key];
  for (const path of [operation.path, ...(operation.aliases ?? [])]) {
    const answer = await mock.call(
      operation.method.toUpperCase(),
      samplePath(path),
      operation.body ? { json: {} } : {},
    );
    expect(answer.body).toHaveProperty("code");
    expect([405, 501], `${key} ${path}`).not.toContain(answer.status);
    // A 404 here must be about the sample resource, not the path.
    if (answer.status === 404) expect(answer.explanation).not.toMatch(/not a path/);
    const [entry] = (await control(mock, "GET", "/journal", undefined, { limit: 1 })).body.response;
    expect(entry.operation, `${key} ${path}`).toBe(key);
  }
});

test.each(Object.entries(controlOperations as Record<string, ControlOperation>))(
  "control operation %s is routed under the prefix",
  async (_, operation) => {
    const mock = createTestMock();
    const answer = await mock.call(operation.method.toUpperCase(), `${CONTROL_PREFIX}${samplePath(operation.path)}`, {
      token: null,
      ...(operation.body ? { json: {} } : {}),
    });
    // 404 only for the sample resource of a path with parameters (no group sample_group_id), never for the path.
    expect(operation.params ? [200, 400, 404] : [200, 400]).toContain(answer.status);
    if (answer.status === 404) expect(answer.explanation).toMatch(/sample_/);
  },
);

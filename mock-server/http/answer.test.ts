import { Hono } from "hono";
import { expect, test } from "vitest";
import * as z from "zod";
import { EXPLANATION_HEADER, REAL_MESSAGES } from "../../contracts/messages.ts";
import { failure } from "../core/errors.ts";
import { answer, Reply } from "./answer.ts";
import type { MockEnv } from "./env.ts";

const Shape = z.object({ amount: z.number() });

function appAnswering(result: () => unknown, checkResponses = true) {
  const app = new Hono<MockEnv>();
  app.get("/x", (c) => answer(c, Shape, checkResponses, result));
  return app;
}

test("a result true to its schema is the envelope's response, with the reply's status", async () => {
  const ok = await appAnswering(() => ({ amount: 1 })).request("/x");
  expect([ok.status, await ok.json()]).toEqual([200, { code: 0, message: null, response: { amount: 1 } }]);
  const partial = await appAnswering(() => new Reply(207, { amount: 2 })).request("/x");
  expect(partial.status).toBe(207);
});

test("a result that breaks its schema is a 500 naming the field (a mock bug, never a silent drift), unless checks are off", async () => {
  const broken = await appAnswering(() => ({ amount: "1" })).request("/x");
  expect(broken.status).toBe(500);
  expect(((await broken.json()) as { message: string }).message).toBe(REAL_MESSAGES.serverFailed.text);
  expect(broken.headers.get(EXPLANATION_HEADER)).toMatch(/breaks its own contract .*amount: /);
  expect((await appAnswering(() => ({ amount: "1" }), false).request("/x")).status).toBe(200);
});

test("a failure goes through the one failure table", async () => {
  const refused = await appAnswering(() => {
    throw failure("notFound", "no such thing");
  }).request("/x");
  expect([refused.status, await refused.json()]).toEqual([
    404,
    { code: -1, message: REAL_MESSAGES.notFound.text, response: null },
  ]);
  expect(refused.headers.get(EXPLANATION_HEADER)).toBe("no such thing");
});

import { afterEach, expect, test } from "vitest";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver.ts";

const open: WebhookReceiver[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((receiver) => receiver.close()));
});

async function receiver() {
  const started = await startWebhookReceiver();
  open.push(started);
  return started;
}

const post = (url: string, body: string, contentType: string, signal?: AbortSignal) =>
  fetch(url, { method: "POST", headers: { "content-type": contentType }, body, ...(signal && { signal }) });

test("records JSON and form bodies on any path, and waitFor finds past and future requests", async () => {
  const hook = await receiver();
  expect(hook.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const json = await post(
    `${hook.url}/iamport/webhook`,
    JSON.stringify({ imp_uid: "imp_1", status: "paid" }),
    "application/json",
  );
  expect(json.status).toBe(200);
  const later = hook.waitFor((r) => r.body.imp_uid === "imp_2");
  await post(
    `${hook.url}/other`,
    "imp_uid=imp_2&merchant_uid=order%201&status=ready",
    "application/x-www-form-urlencoded",
  );
  expect(await later).toMatchObject({
    sequence: 2,
    path: "/other",
    body: { imp_uid: "imp_2", merchant_uid: "order 1", status: "ready" },
    answer: "ok",
  });
  expect(await hook.waitFor((r) => r.body.imp_uid === "imp_1")).toMatchObject({
    sequence: 1,
    method: "POST",
    path: "/iamport/webhook",
    contentType: "application/json",
    body: { status: "paid" },
  });
  expect(hook.received).toHaveLength(2);
});

test("failNext answers 500 to the next requests, then the policy answers again", async () => {
  const hook = await receiver();
  hook.failNext(2, "error500");
  const statuses = [];
  for (let i = 0; i < 3; i++) statuses.push((await post(hook.url, "{}", "application/json")).status);
  expect(statuses).toEqual([500, 500, 200]);
  expect(hook.received.map((r) => r.answer)).toEqual(["error500", "error500", "ok"]);
  expect(() => hook.failNext(0, "drop")).toThrow(/1 or more/);
});

test("a dropped request is a network error for the sender, and is recorded", async () => {
  const hook = await receiver();
  hook.failNext(1, "drop");
  await expect(post(hook.url, "{}", "application/json")).rejects.toThrow();
  expect(hook.received.map((r) => r.answer)).toEqual(["drop"]);
  expect((await post(hook.url, "{}", "application/json")).status).toBe(200);
});

test("a hung request is never answered; close() cuts it", async () => {
  const hook = await receiver();
  hook.failNext(1, "hang");
  const abort = new AbortController();
  const pending = post(hook.url, '{"imp_uid":"slow"}', "application/json", abort.signal);
  const seen = await hook.waitFor((r) => r.body.imp_uid === "slow");
  expect(seen.answer).toBe("hang");
  abort.abort();
  await expect(pending).rejects.toThrow();
  await hook.close();
  open.splice(open.indexOf(hook), 1);
});

test("a policy decides each answer from the request", async () => {
  const hook = await receiver();
  hook.setPolicy((request) => (request.sequence % 2 === 0 ? "error500" : "ok"));
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await post(hook.url, "a=1", "application/x-www-form-urlencoded")).status);
  expect(statuses).toEqual([200, 500, 200, 500]);
});

test("waitFor rejects after its bound, listing what arrived", async () => {
  const hook = await receiver();
  await post(hook.url, '{"imp_uid":"imp_9"}', "application/json");
  await expect(hook.waitFor((r) => r.body.imp_uid === "never", { timeoutMs: 1 })).rejects.toThrow(
    /no matching request within 1 ms; received 1: POST \/ \{"imp_uid":"imp_9"\}/,
  );
});

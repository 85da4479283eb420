/**
 * Webhook delivery over real loopback HTTP (docs/domain.md §5): bodies in both content types, one
 * delivery per notice_url, the merchant's URL otherwise, retries a virtual minute apart, the
 * timeouts, a receiver that is down and comes back, redelivery, and the delivery log.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "vitest";
import { demoConfig, DEMO_IMP_KEY, DEMO_IMP_SECRET } from "../../mock-server/config/demo-config.ts";
import { createMockServer } from "../../mock-server/server.ts";
import { startWebhookReceiver } from "../../mock-server/testing/webhook-receiver.ts";
import { checkout, orderId, SMARTRO_CUSTOMER, START } from "../support/mock.ts";
import { BUYER, control, deposit, keyedPayment, onetimeBody, smartroVbank } from "../support/requests.ts";
import { advance, cleanups, mockWith, receiver, settledDeliveries } from "../support/webhooks.ts";

test("every event reaches the merchant's URL as JSON: approvals, a virtual account's life, a scheduled run, API and console cancels", async () => {
  const hook = await receiver();
  const mock = mockWith({ url: `${hook.url}/iamport`, content_type: "json" });
  const card = await keyedPayment(mock);
  const browser = await checkout(mock, { amount: 10000 });
  const account = await smartroVbank(mock);
  await deposit(mock, { imp_uid: account.imp_uid });
  const scheduled = orderId("sch");
  await mock.post("/subscribe/payments/schedule", "json", {
    customer_uid: SMARTRO_CUSTOMER,
    schedules: [{ merchant_uid: scheduled, schedule_at: START + 3600, amount: 1000, name: "plan", ...BUYER }],
  });
  await advance(mock, 3600);
  const apiCancel = (
    await mock.post("/payments/cancel", "json", { imp_uid: card.imp_uid, amount: 300, enable_webhook: true })
  ).body.response;
  const consoleCancel = (await control(mock, "POST", `/payments/${browser.imp_uid}/cancel`, { reason: "buyer asked" }))
    .body.response;
  expect(consoleCancel.status).toBe("cancelled");
  const scheduledPayment = (await mock.get(`/subscribe/payments/schedule/${scheduled}`)).body.response;

  const deliveries = await settledDeliveries(mock);
  expect(deliveries.map((d) => [d.cause, d.state, d.attempts.map((a: { status: number }) => a.status)])).toEqual([
    ["payment", "delivered", [200]],
    ["checkout", "delivered", [200]],
    ["vbank_issued", "delivered", [200]],
    ["vbank_deposit", "delivered", [200]],
    ["schedule", "delivered", [200]],
    ["cancel", "delivered", [200]],
    ["console_cancel", "delivered", [200]],
  ]);
  expect(hook.received.map((r) => [r.path, r.contentType, r.raw])).toEqual([
    [
      "/iamport",
      "application/json",
      JSON.stringify({ imp_uid: card.imp_uid, merchant_uid: card.merchant_uid, status: "paid" }),
    ],
    [
      "/iamport",
      "application/json",
      JSON.stringify({ imp_uid: browser.imp_uid, merchant_uid: browser.merchant_uid, status: "paid" }),
    ],
    [
      "/iamport",
      "application/json",
      JSON.stringify({ imp_uid: account.imp_uid, merchant_uid: account.merchant_uid, status: "ready" }),
    ],
    [
      "/iamport",
      "application/json",
      JSON.stringify({ imp_uid: account.imp_uid, merchant_uid: account.merchant_uid, status: "paid" }),
    ],
    [
      "/iamport",
      "application/json",
      JSON.stringify({ imp_uid: scheduledPayment.imp_uid, merchant_uid: scheduled, status: "paid" }),
    ],
    [
      "/iamport",
      "application/json",
      JSON.stringify({
        imp_uid: card.imp_uid,
        merchant_uid: card.merchant_uid,
        status: "cancelled",
        cancellation_id: apiCancel.cancel_history[0].cancellation_id,
      }),
    ],
    [
      "/iamport",
      "application/json",
      JSON.stringify({
        imp_uid: browser.imp_uid,
        merchant_uid: browser.merchant_uid,
        status: "cancelled",
        cancellation_id: consoleCancel.cancel_history[0].cancellation_id,
      }),
    ],
  ]);
  const first = deliveries[0];
  expect(first).toMatchObject({
    url: `${hook.url}/iamport`,
    content_type: "json",
    store_code: "imp10000000",
    next_attempt_at: null,
    body: hook.received[0]!.raw,
  });
  expect(first.attempts[0]).toMatchObject({
    number: 1,
    kind: "first",
    at: START,
    url: `${hook.url}/iamport`,
    status: 200,
    error: null,
    response_excerpt: "ok",
  });
  expect(first.attempts[0].latency_ms).toBeGreaterThan(0);
});

test("a form-encoded merchant gets form bodies; a cancel carries cancellation_id, a run that made no payment leaves imp_uid out", async () => {
  const hook = await receiver();
  const mock = mockWith({ url: hook.url, content_type: "form" });
  const card = await keyedPayment(mock);
  const cancel = (await mock.post("/payments/cancel", "form", { imp_uid: card.imp_uid, enable_webhook: true })).body
    .response;
  const scheduled = orderId("sch");
  await mock.post("/subscribe/payments/schedule", "json", {
    customer_uid: SMARTRO_CUSTOMER,
    schedules: [{ merchant_uid: scheduled, schedule_at: START + 60, amount: 1000, name: "plan", ...BUYER }],
  });
  await mock.call("DELETE", `/subscribe/customers/${SMARTRO_CUSTOMER}`);
  await advance(mock, 60);
  await mock.server.pingbacks.settled();
  expect(hook.received.map((r) => [r.contentType, r.raw])).toEqual([
    ["application/x-www-form-urlencoded", `imp_uid=${card.imp_uid}&merchant_uid=${card.merchant_uid}&status=paid`],
    [
      "application/x-www-form-urlencoded",
      `imp_uid=${card.imp_uid}&merchant_uid=${card.merchant_uid}&status=cancelled&cancellation_id=${cancel.cancel_history[0].cancellation_id}`,
    ],
    ["application/x-www-form-urlencoded", `merchant_uid=${scheduled}&status=failed`],
  ]);
  expect(hook.received[1]!.body).toEqual({
    imp_uid: card.imp_uid,
    merchant_uid: card.merchant_uid,
    status: "cancelled",
    cancellation_id: cancel.cancel_history[0].cancellation_id,
  });
});

test("each URL of a notice_url list gets its own delivery, and the merchant's URL none; a single notice_url string works too", async () => {
  const [merchantHook, a, b] = [await receiver(), await receiver(), await receiver()];
  const mock = mockWith({ url: merchantHook.url });
  const both = await keyedPayment(mock, { notice_url: [`${a.url}/one`, `${b.url}/two`] });
  const single = await keyedPayment(mock, { notice_url: `${a.url}/three` });
  const deliveries = await settledDeliveries(mock);
  expect(deliveries.map((d) => [d.imp_uid, d.url, d.state])).toEqual([
    [both.imp_uid, `${a.url}/one`, "delivered"],
    [both.imp_uid, `${b.url}/two`, "delivered"],
    [single.imp_uid, `${a.url}/three`, "delivered"],
  ]);
  expect(deliveries[0].event_id).toBe(deliveries[1].event_id);
  expect(deliveries[0].id).not.toBe(deliveries[1].id);
  expect(a.received.map((r) => r.path)).toEqual(["/one", "/three"]);
  expect(b.received.map((r) => [r.path, r.body.imp_uid])).toEqual([["/two", both.imp_uid]]);
  expect(merchantHook.received).toEqual([]);
});

test("with retries on, a receiver answering 500 twice gets the webhook on the third try, each a virtual minute after the last", async () => {
  const hook = await receiver();
  const mock = mockWith({ url: hook.url, retries: true });
  hook.failNext(2, "error500");
  const payment = await keyedPayment(mock);
  let [delivery] = await settledDeliveries(mock);
  expect(delivery).toMatchObject({ state: "retrying", next_attempt_at: START + 60 });
  expect(delivery.attempts[0]).toMatchObject({
    status: 500,
    error: null,
    response_excerpt: "the receiver was told to fail",
  });
  await advance(mock, 59);
  expect(hook.received).toHaveLength(1);
  await advance(mock, 1);
  await advance(mock, 60);
  [delivery] = await mock.deliveries();
  expect(delivery.state).toBe("delivered");
  expect(delivery.attempts.map((a: Record<string, unknown>) => [a.number, a.kind, a.at, a.status])).toEqual([
    [1, "first", START, 500],
    [2, "retry", START + 60, 500],
    [3, "retry", START + 120, 200],
  ]);
  expect(hook.received.map((r) => [r.answer, r.body.imp_uid])).toEqual([
    ["error500", payment.imp_uid],
    ["error500", payment.imp_uid],
    ["ok", payment.imp_uid],
  ]);
  await advance(mock, 600);
  expect(hook.received).toHaveLength(3);
});

test("with retries off, the same receiver gets one try, logged as failed; the console's resend then delivers it", async () => {
  const hook = await receiver();
  const mock = mockWith({ url: hook.url, retries: false });
  hook.failNext(2, "error500");
  await keyedPayment(mock);
  let [delivery] = await settledDeliveries(mock);
  expect(delivery).toMatchObject({ state: "failed", next_attempt_at: null });
  await advance(mock, 600);
  expect(hook.received).toHaveLength(1);
  expect((await mock.deliveries({ state: "failed" })).map((d) => d.id)).toEqual([delivery.id]);

  const resent = await control(mock, "POST", `/webhooks/${delivery.id}/redeliver`);
  expect(resent.body.response.state).toBe("sending");
  [delivery] = await settledDeliveries(mock);
  expect(delivery).toMatchObject({ state: "failed" });
  expect(delivery.attempts.map((a: Record<string, unknown>) => [a.kind, a.status])).toEqual([
    ["first", 500],
    ["redelivery", 500],
  ]);
  await control(mock, "POST", "/webhooks/redeliver-failed", {});
  [delivery] = await settledDeliveries(mock);
  expect(delivery.state).toBe("delivered");
  expect(delivery.attempts.map((a: Record<string, unknown>) => [a.number, a.kind, a.status])).toEqual([
    [1, "first", 500],
    [2, "redelivery", 500],
    [3, "redelivery", 200],
  ]);
});

test("a receiver that hangs past the read timeout fails the attempt; the retry's shorter total timeout applies after it", async () => {
  const hook = await receiver();
  const mock = mockWith({ url: hook.url, retries: true }, { webhook_timeout_scale: 0.05 });
  hook.failNext(2, "hang");
  await keyedPayment(mock);
  let [delivery] = await settledDeliveries(mock);
  expect(delivery.state).toBe("retrying");
  expect(delivery.attempts[0]).toMatchObject({ status: null, error: "read timeout after 1500 ms" });
  await advance(mock, 60);
  [delivery] = await mock.deliveries();
  expect(delivery.attempts[1]).toMatchObject({ kind: "retry", status: null, error: "timed out after 750 ms in all" });
  await advance(mock, 60);
  [delivery] = await mock.deliveries();
  expect(delivery.state).toBe("delivered");
  expect(hook.received.map((r) => r.answer)).toEqual(["hang", "hang", "ok"]);
});

test("an API answer never waits for its webhook: the payment is answered while the receiver still hangs", async () => {
  const hook = await receiver();
  const mock = mockWith({ url: hook.url }, { webhook_timeout_scale: 1 });
  hook.failNext(1, "hang");
  const payment = await keyedPayment(mock);
  expect(payment.status).toBe("paid");
  await hook.waitFor((r) => r.body.imp_uid === payment.imp_uid);
  const [delivery] = await mock.deliveries();
  expect(delivery).toMatchObject({ state: "sending", attempts: [] });
  // A resend of a delivery under way would send it twice at once.
  const refused = await control(mock, "POST", `/webhooks/${delivery.id}/redeliver`);
  expect(refused.status).toBe(409);
  expect(refused.explanation).toContain("is being sent right now");
});

test("a receiver that is down gets its webhooks once it is back, within the retry policy", async () => {
  const gone = await startWebhookReceiver();
  const port = Number(new URL(gone.url).port);
  await gone.close();
  const hook = { url: gone.url };
  const mock = mockWith({ url: hook.url, retries: true });
  const payments = [await keyedPayment(mock), await keyedPayment(mock)];
  let deliveries = await settledDeliveries(mock);
  expect(deliveries.map((d) => d.state)).toEqual(["retrying", "retrying"]);
  expect(deliveries[0].attempts[0].error).toMatch(/^ECONNREFUSED/);
  await advance(mock, 60);
  const back = await receiver(port);
  await advance(mock, 60);
  deliveries = await mock.deliveries();
  expect(deliveries.map((d) => [d.state, d.attempts.length])).toEqual([
    ["delivered", 3],
    ["delivered", 3],
  ]);
  expect(back.received.map((r) => r.body.imp_uid)).toEqual(payments.map((p) => p.imp_uid));
});

test("retries stop after five: six tries in all, then failed; a dropped connection counts as a network error", async () => {
  const hook = await receiver();
  const mock = mockWith({ url: hook.url, retries: true });
  hook.setPolicy(() => "drop");
  await keyedPayment(mock);
  await mock.server.pingbacks.settled();
  for (let minute = 1; minute <= 7; minute++) await advance(mock, 60);
  const [delivery] = await mock.deliveries();
  expect(delivery.state).toBe("failed");
  expect(delivery.attempts.map((a: Record<string, unknown>) => [a.kind, a.at])).toEqual([
    ["first", START],
    ...[1, 2, 3, 4, 5].map((n) => ["retry", START + 60 * n]),
  ]);
  expect(delivery.attempts.every((a: { status: null; error: string }) => a.status === null && a.error.length > 0)).toBe(
    true,
  );
  expect(hook.received).toHaveLength(6);
});

test("a 4xx answer is the receiver's final word: no retry; a notice_url that is not a URL fails without one too", async () => {
  const server = createServer((req, res) => req.resume().on("end", () => res.writeHead(404).end("no such hook")));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const mock = mockWith({ url, retries: true });
  await keyedPayment(mock);
  await keyedPayment(mock, { notice_url: "localhost:3000/hook" });
  const deliveries = await settledDeliveries(mock);
  expect(
    deliveries.map((d) => [d.state, d.attempts[0].status, d.attempts[0].error, d.attempts[0].response_excerpt]),
  ).toEqual([
    ["failed", 404, null, "no such hook"],
    ["failed", null, 'not an http(s) URL: "localhost:3000/hook"', null],
  ]);
});

test("a webhook with nowhere to go is logged as no_url; the control calls refuse what they cannot do, naming it", async () => {
  const mock = mockWith({ url: null });
  const payment = await keyedPayment(mock);
  const [delivery] = await settledDeliveries(mock);
  expect(delivery).toMatchObject({ imp_uid: payment.imp_uid, url: null, state: "no_url", attempts: [] });
  const noUrl = await control(mock, "POST", `/webhooks/${delivery.id}/redeliver`);
  expect([noUrl.status, noUrl.body.code]).toEqual([409, -1]);
  expect(noUrl.explanation).toContain("has no URL to send to");
  const unknown = await control(mock, "POST", "/webhooks/dlv_999_1/redeliver");
  expect(unknown.status).toBe(404);
  expect(unknown.explanation).toContain("no webhook delivery dlv_999_1");
  const otherMerchant = await control(mock, "GET", "/webhooks", undefined, { store_code: "imp99999999" });
  expect(otherMerchant.status).toBe(404);
  const badQuery = await control(mock, "GET", "/webhooks", undefined, { state: "lost", limit: 0 });
  expect(badQuery.status).toBe(400);
  expect(badQuery.explanation).toMatch(/state/);
  expect(badQuery.explanation).toMatch(/limit/);
  expect(await mock.deliveries()).toEqual([delivery]);
});

test("the log keeps the newest finished deliveries up to its size, never dropping one still under way; reset forgets it", async () => {
  const hook = await receiver();
  const mock = mockWith({ url: hook.url, retries: true }, { webhook_log_size: 2 });
  hook.failNext(1, "error500");
  const payments = [
    await keyedPayment(mock),
    await keyedPayment(mock),
    await keyedPayment(mock),
    await keyedPayment(mock),
  ];
  const deliveries = await settledDeliveries(mock);
  // The first is waiting for its retry, so it stays; of the finished ones the newest two remain.
  expect(deliveries.map((d) => [d.imp_uid, d.state])).toEqual([
    [payments[0]!.imp_uid, "retrying"],
    [payments[2]!.imp_uid, "delivered"],
    [payments[3]!.imp_uid, "delivered"],
  ]);
  expect((await mock.deliveries({ limit: 1 })).map((d) => d.imp_uid)).toEqual([payments[3]!.imp_uid]);
  expect((await mock.deliveries({ imp_uid: payments[2]!.imp_uid })).map((d) => d.imp_uid)).toEqual([
    payments[2]!.imp_uid,
  ]);
  await control(mock, "POST", "/reset");
  mock.forgetToken();
  expect(await mock.deliveries()).toEqual([]);
  await advance(mock, 60);
  expect(hook.received).toHaveLength(4);
});

test("on a wall clock a listening mock starts due retries by itself, with no request to trigger them", async () => {
  const hook = await receiver();
  const mock = createMockServer({
    config: { ...demoConfig, merchants: [{ ...demoConfig.merchants[0]!, webhook: { url: hook.url, retries: true } }] },
    clock: { mode: "wall" },
  });
  cleanups.push(() => mock.close());
  await mock.listen();
  hook.failNext(1, "error500");
  const token = (
    (await (
      await mock.fetch("/users/getToken", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ imp_key: DEMO_IMP_KEY, imp_secret: DEMO_IMP_SECRET }),
      })
    ).json()) as { response: { access_token: string } }
  ).response.access_token;
  await mock.fetch("/subscribe/payments/onetime", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: token },
    body: JSON.stringify(onetimeBody()),
  });
  await mock.pingbacks.settled();
  expect(hook.received.map((r) => r.answer)).toEqual(["error500"]);
  mock.clock.advance(60);
  // The mock's once-a-second tick finds the retry due; the bound only limits a broken run.
  const retried = await hook.waitFor((r) => r.answer === "ok", { timeoutMs: 5000 });
  expect(retried.sequence).toBe(2);
});

test("mock.tick() starts due retries after the clock was moved directly, without a request", async () => {
  const hook = await receiver();
  const mock = mockWith({ url: hook.url, retries: true });
  hook.failNext(1, "error500");
  await keyedPayment(mock);
  await mock.server.pingbacks.settled();
  mock.server.clock.advance(60);
  mock.server.tick();
  await mock.server.pingbacks.settled();
  expect(hook.received.map((r) => r.answer)).toEqual(["error500", "ok"]);
});

import { EXPLANATION_HEADER } from "../../contracts/messages.ts";
import { expect, test } from "vitest";
import { createMockServer, DEMO_IMP_KEY, DEMO_IMP_SECRET } from "../../mock-server/index.ts";
import {
  createTestMock,
  KCP,
  NICE,
  orderId,
  SMARTRO_CUSTOMER,
  START,
  oneChannelConfig,
  explained,
} from "../support/mock.ts";
import { control, onetime } from "../support/requests.ts";

test("state shows the merchant's channels, payments, keys, prepared amounts and token", async () => {
  const mock = createTestMock();
  const paid = (await onetime(mock)).body.response;
  await mock.call("POST", "/payments/prepare", { json: { merchant_uid: "p1", amount: 10 } });
  const state = await mock.state();
  expect(state).toMatchObject({
    store_code: "imp10000000",
    now: START,
    payments: [paid],
    prepared: [{ merchant_uid: "p1", amount: 10, currency: "KRW" }],
  });
  expect(state.channels.find((c: { channel_key: string }) => c.channel_key === NICE)).toMatchObject({
    default: true,
    enabled: true,
  });
  expect(state.billing_keys.map((k: { customer_uid: string }) => k.customer_uid)).toEqual([SMARTRO_CUSTOMER]);
  expect(state.tokens).toEqual([{ access_token: await mock.token(), expired_at: START + 1800 }]);
  const unknown = await control(mock, "GET", "/state", undefined, { store_code: "imp99999999" });
  expect(unknown.status).toBe(404);
  expect(unknown.explanation).toMatch(/names no configured merchant/);
});

test("reset forgets payments, tokens, failures and the journal, rewinds the clock and restores seeded keys", async () => {
  const mock = createTestMock();
  const token = await mock.token();
  const first = (await onetime(mock)).body.response;
  await control(mock, "POST", "/billing-keys", { customer_uid: "extra", channel_key: KCP });
  await control(mock, "POST", "/failures", { operation: "again", outcome: "pgError" });
  await control(mock, "POST", "/clock/advance", { seconds: 600 });
  const reset = await control(mock, "POST", "/reset");
  expect(reset.body.response).toEqual({ now: START, mode: "frozen" });
  expect((await control(mock, "GET", "/journal")).body.response).toEqual([]);
  expect((await mock.call("GET", "/users/pg", { token })).status).toBe(401);
  const state = await mock.state();
  expect(state.payments).toEqual([]);
  expect(state.billing_keys.map((k: { customer_uid: string }) => k.customer_uid)).toEqual([SMARTRO_CUSTOMER]);
  expect(state.armed_failures).toEqual([]);
  mock.forgetToken();
  // The seed is rewound too: the same request makes the same imp_uid again.
  const replay = await onetime(mock, { merchant_uid: first.merchant_uid });
  expect(replay.body.response.imp_uid).toBe(first.imp_uid);
});

test("clock: get, advance, set forward; set backwards and negative advances are refused", async () => {
  const mock = createTestMock();
  expect((await control(mock, "GET", "/clock")).body.response).toEqual({ now: START, mode: "frozen" });
  expect((await control(mock, "POST", "/clock/advance", { seconds: 90 })).body.response.now).toBe(START + 90);
  expect((await control(mock, "POST", "/clock/set", { now: START + 1000 })).body.response.now).toBe(START + 1000);
  const back = await control(mock, "POST", "/clock/set", { now: START });
  expect(back.status).toBe(400);
  expect(back.explanation).toMatch(/never runs backwards/);
  const negative = await control(mock, "POST", "/clock/advance", { seconds: -1 });
  expect(negative.status).toBe(400);
  expect(negative.explanation).toMatch(/^seconds: /);
  // Payments read the virtual clock.
  expect((await onetime(mock)).body.response.paid_at).toBe(START + 1000);
});

test("an armed decline on a channel fails the next N payments there, then approvals resume", async () => {
  const mock = createTestMock();
  const armed = await control(mock, "POST", "/failures", { channel_key: NICE, outcome: "decline", count: 2 });
  expect(armed.body.response).toMatchObject({
    id: expect.any(String),
    channel_key: NICE,
    operation: null,
    remaining: 2,
    outcome: "decline",
  });
  // Another channel is not affected.
  expect((await onetime(mock, { pg: "kcp" })).body.response.status).toBe("paid");
  expect((await onetime(mock)).body.response.status).toBe("failed");
  expect((await onetime(mock)).body.response).toMatchObject({
    status: "failed",
    fail_reason: expect.stringContaining("armed"),
  });
  expect((await onetime(mock)).body.response.status).toBe("paid");
  expect((await control(mock, "GET", "/failures")).body.response).toEqual([]);
});

test("an armed pgError on an operation answers code -1 and records nothing", async () => {
  const mock = createTestMock();
  await control(mock, "POST", "/failures", { operation: "again", outcome: "pgError", message: "PG maintenance" });
  const answer = await mock.call("POST", "/subscribe/payments/again", {
    json: {
      customer_uid: SMARTRO_CUSTOMER,
      merchant_uid: orderId(),
      amount: 100,
      name: "n",
      buyer_name: "b",
      buyer_email: "e@x",
      buyer_tel: "010",
    },
  });
  expect(explained(answer)).toEqual({
    code: -1,
    message: "PG communication failed (armed through the mock's control API)",
    response: null,
  });
  expect((await mock.state()).payments).toEqual([]);
});

test("an armed serverError answers HTTP 500 in the envelope, once", async () => {
  const mock = createTestMock();
  await control(mock, "POST", "/failures", { operation: "getPaymentByImpUid", outcome: "serverError" });
  const paid = (await onetime(mock)).body.response;
  const failed = await mock.get(`/payments/${paid.imp_uid}`);
  expect(failed.status).toBe(500);
  expect(failed.body).toMatchObject({ code: -1, response: null });
  expect((await mock.get(`/payments/${paid.imp_uid}`)).status).toBe(200);
});

test("an armed failure on a lookup with pgError or decline answers the envelope's business failure", async () => {
  const mock = createTestMock();
  await control(mock, "POST", "/failures", { operation: "getPaymentsByStatus", outcome: "pgError" });
  await control(mock, "POST", "/failures", { operation: "getPaymentsByStatus", outcome: "decline" });
  expect((await mock.get("/payments/status/paid")).body.code).toBe(-1);
  expect((await mock.get("/payments/status/paid")).body.code).toBe(1);
  expect((await mock.get("/payments/status/paid")).body.code).toBe(0);
});

test("an armed decline on cancelPayment refuses the refund and leaves the payment paid", async () => {
  const mock = createTestMock();
  const paid = (await onetime(mock)).body.response;
  await control(mock, "POST", "/failures", { operation: "cancelPayment", outcome: "decline" });
  const refused = await mock.call("POST", "/payments/cancel", { json: { imp_uid: paid.imp_uid } });
  expect(refused.body.code).toBe(1);
  expect((await mock.get(`/payments/${paid.imp_uid}`)).body.response.status).toBe("paid");
});

test.each([
  [{ outcome: "decline" }, /name exactly one of channel_key or operation/],
  [{ outcome: "decline", channel_key: NICE, operation: "again" }, /name exactly one of channel_key or operation/],
  [{ outcome: "explode", operation: "again" }, /^outcome: /],
  [{ outcome: "decline", operation: "noSuchOperation" }, /^operation: /],
  [{ outcome: "decline", channel_key: "nope" }, /channel_key nope names no channel/],
  [{ outcome: "decline", operation: "again", count: 0 }, /^count: /],
])("arming %o is refused", async (body, message) => {
  const mock = createTestMock();
  const answer = await control(mock, "POST", "/failures", body);
  expect(answer.status).toBe(400);
  expect(answer.explanation).toMatch(message);
  expect((await control(mock, "GET", "/failures")).body.response).toEqual([]);
});

test("clearing failures disarms them all", async () => {
  const mock = createTestMock();
  await control(mock, "POST", "/failures", { channel_key: NICE, outcome: "decline", count: 5 });
  expect((await control(mock, "DELETE", "/failures")).body.response).toHaveLength(1);
  expect((await onetime(mock)).body.response.status).toBe("paid");
});

test("the journal lists requests newest first with operation, status, code, latency and ignored fields", async () => {
  const mock = createTestMock();
  await mock.token();
  await onetime(mock, { coupon: "SPRING", extra_field: { nested: 1 } });
  await mock.get("/payments/imp_000000000000");
  await mock.call("POST", "/subscribe/again", { json: {} });
  const journal = (await control(mock, "GET", "/journal")).body.response;
  expect(journal.map((e: { operation: string | null }) => e.operation)).toEqual([
    null,
    "getPaymentByImpUid",
    "onetime",
    "getToken",
  ]);
  expect(journal[0]).toMatchObject({ method: "POST", path: "/subscribe/again", status: 404, code: -1 });
  expect(journal[1]).toMatchObject({ status: 404, code: -1, store_code: "imp10000000" });
  expect(journal[2]).toMatchObject({
    status: 200,
    code: 0,
    message: null,
    unknown_fields: ["coupon", "extra_field"],
    at: START,
  });
  expect(journal[2].latency_ms).toBeGreaterThanOrEqual(0);
  const filtered = (await control(mock, "GET", "/journal", undefined, { operation: "onetime", limit: 5 })).body
    .response;
  expect(filtered).toHaveLength(1);
});

test("the journal keeps only the configured number of entries", async () => {
  const mock = createTestMock({
    config: oneChannelConfig({ journal_size: 3 }),
  });
  for (let i = 0; i < 5; i++) await mock.get(`/payments/imp_${i}`);
  const journal = (await control(mock, "GET", "/journal")).body.response;
  expect(journal.map((e: { path: string }) => e.path)).toEqual([
    "/payments/imp_4",
    "/payments/imp_3",
    "/payments/imp_2",
  ]);
});

test("registerBillingKey stores a key as the browser would; bad card numbers and channels are refused", async () => {
  const mock = createTestMock();
  const key = await control(mock, "POST", "/billing-keys", {
    customer_uid: "browser1",
    channel_key: KCP,
    customer_name: "최",
  });
  expect(key.body.response).toMatchObject({
    customer_uid: "browser1",
    pg_provider: "kcp",
    card_number: "424242******4242",
    customer_name: "최",
  });
  expect((await control(mock, "POST", "/billing-keys", { customer_uid: "b2", channel_key: "nope" })).status).toBe(400);
  const bad = await control(mock, "POST", "/billing-keys", { customer_uid: "b3", channel_key: KCP, card_number: "12" });
  expect(bad.status).toBe(400);
  expect(bad.explanation).toMatch(/not a card number/);
});

test("completeCheckout refuses a pay method the channel does not offer", async () => {
  const mock = createTestMock();
  const answer = await control(mock, "POST", "/payments", { merchant_uid: "x1", amount: 100, pay_method: "bitcoin" });
  expect(answer.body.code).toBe(1);
  expect(answer.explanation).toMatch(/does not support pay_method bitcoin/);
});

test("without the control API, /__mock/* is an unknown path as on the real service, and the API still answers", async () => {
  const mock = createMockServer({ control: false, seed: 1, clock: { start: START } });
  const state = await mock.app.request("/__mock/state");
  expect(state.status).toBe(404);
  // A path no route serves explains itself in message too: no real text is known, and the hint is the point.
  const unknownPath = "GET /__mock/state is not a path of the iamport REST API.";
  expect(await state.json()).toEqual({ code: -1, message: unknownPath, response: null });
  expect(state.headers.get(EXPLANATION_HEADER)).toBe(unknownPath);
  // Not 405: with the control API gone its paths are not known ones taking another method.
  expect((await mock.app.request("/__mock/reset", { method: "GET" })).status).toBe(404);
  const token = await mock.app.request("/users/getToken", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ imp_key: DEMO_IMP_KEY, imp_secret: DEMO_IMP_SECRET }),
  });
  expect(token.status).toBe(200);
  expect(((await token.json()) as { code: number }).code).toBe(0);
  // Like any unknown path, it is journalled.
  expect(mock.core.journal.list({ limit: 10 }).map((e) => e.path)).toContain("/__mock/state");
});

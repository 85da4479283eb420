import { expect, test } from "vitest";
import { CARD, createTestMock, NICE, orderId, START, oneChannelConfig, explained } from "../support/mock.ts";
import { keyedPayment } from "../support/requests.ts";

test("GET /payments/{imp_uid} answers what the payment call answered", async () => {
  const mock = createTestMock();
  const payment = await keyedPayment(mock);
  const answer = await mock.get(`/payments/${payment.imp_uid}`);
  expect(answer.body).toEqual({ code: 0, message: null, response: payment });
});

test("GET /payments/{imp_uid} for an unknown imp_uid is 404 with code -1", async () => {
  const mock = createTestMock();
  const answer = await mock.get("/payments/imp_000000000000");
  expect(answer.status).toBe(404);
  expect(explained(answer)).toEqual({
    code: -1,
    message: "no payment with imp_uid imp_000000000000 for this merchant",
    response: null,
  });
});

test("test-channel payments are hidden without include_sandbox when the config follows the spec's wording", async () => {
  const mock = createTestMock({
    config: oneChannelConfig({ hide_sandbox_by_default: true }),
  });
  const payment = await keyedPayment(mock);
  const hidden = await mock.get(`/payments/${payment.imp_uid}`);
  expect(hidden.status).toBe(404);
  expect(hidden.explanation).toContain("include_sandbox=true");
  expect((await mock.get(`/payments/${payment.imp_uid}`, { include_sandbox: true })).body.response.imp_uid).toBe(
    payment.imp_uid,
  );
});

test("GET /payments with imp_uid[] and merchant_uid[]: 200 when all found, 207 with the found ones, 404 when none", async () => {
  const mock = createTestMock();
  const a = await keyedPayment(mock);
  const b = await keyedPayment(mock);
  const all = await mock.get("/payments", { imp_uid: [a.imp_uid], merchant_uid: [b.merchant_uid] });
  expect(all.status).toBe(200);
  expect(all.body.response.map((p: { imp_uid: string }) => p.imp_uid)).toEqual([a.imp_uid, b.imp_uid]);
  const some = await mock.get("/payments", { imp_uid: [a.imp_uid, "imp_000000000000"] });
  expect(some.status).toBe(207);
  expect(some.body.code).toBe(0);
  expect(some.body.response).toHaveLength(1);
  const none = await mock.get("/payments", { imp_uid: ["imp_000000000000"] });
  expect(none.status).toBe(404);
  const empty = await mock.get("/payments");
  expect([empty.status, empty.body.code]).toEqual([200, -1]);
  expect(empty.explanation).toBe("imp_uid[] or merchant_uid[] is required");
});

test("GET /payments refuses more than 100 identifiers", async () => {
  const mock = createTestMock();
  const answer = await mock.get("/payments", { imp_uid: Array.from({ length: 101 }, (_, i) => `imp_${i}`) });
  expect([answer.status, answer.body.code]).toEqual([200, -1]);
  expect(answer.explanation).toMatch(/at most 100/);
});

test("find by merchant_uid: with and without status, with a trailing slash, latest by sorting", async () => {
  const mock = createTestMock();
  const failed = await keyedPayment(mock, { merchant_uid: "m1", card_number: "4000000000000002" });
  mock.server.clock.advance(10);
  const paid = await keyedPayment(mock, { merchant_uid: "m1" });
  expect((await mock.get("/payments/find/m1")).body.response.imp_uid).toBe(paid.imp_uid);
  expect((await mock.get("/payments/find/m1/")).body.response.imp_uid).toBe(paid.imp_uid);
  expect((await mock.get("/payments/find/m1/failed")).body.response.imp_uid).toBe(failed.imp_uid);
  expect((await mock.get("/payments/find/m1", { sorting: "started" })).body.response.imp_uid).toBe(failed.imp_uid);
  expect((await mock.get("/payments/find/m1/cancelled")).status).toBe(404);
  const bad = await mock.get("/payments/find/m1/refunded");
  expect([bad.status, bad.body.code]).toEqual([200, -1]);
  expect(bad.explanation).toBe('payment_status "refunded" must be one of ready, paid, cancelled, failed');
  const badSort = await mock.get("/payments/find/m1", { sorting: "newest" });
  expect([badSort.status, badSort.body.code]).toEqual([200, -1]);
  expect(badSort.explanation).toMatch(/^sorting must be one of/);
});

test("findAll by merchant_uid lists every payment of the order, paged", async () => {
  const mock = createTestMock();
  for (let i = 0; i < 3; i++) {
    await keyedPayment(mock, { merchant_uid: "m2", card_number: "4000000000000002" });
    mock.server.clock.advance(1);
  }
  const page = await mock.get("/payments/findAll/m2", { limit: 2 });
  expect(page.body.response).toMatchObject({ total: 3, previous: 0, next: 2 });
  expect(page.body.response.list).toHaveLength(2);
  const second = await mock.get("/payments/findAll/m2/failed", { limit: 2, page: 2 });
  expect(second.body.response).toMatchObject({ total: 3, previous: 1, next: 0 });
  expect((await mock.get("/payments/findAll/nothing")).status).toBe(404);
  expect((await mock.get("/payments/findAll/m2", { page: 9 })).status).toBe(400);
});

test("GET /payments/status/{status} pages, filters by the status time and sorts", async () => {
  const mock = createTestMock();
  const early = await keyedPayment(mock);
  mock.server.clock.advance(100);
  const late = await keyedPayment(mock);
  await keyedPayment(mock, { card_number: "4000000000000002" });
  const paid = await mock.get("/payments/status/paid");
  expect(paid.body.response.total).toBe(2);
  expect(paid.body.response.list.map((p: { imp_uid: string }) => p.imp_uid)).toEqual([late.imp_uid, early.imp_uid]);
  const ascending = await mock.get("/payments/status/paid", { sorting: "paid" });
  expect(ascending.body.response.list[0].imp_uid).toBe(early.imp_uid);
  const window = await mock.get("/payments/status/paid", { from: START + 50, to: START + 100 });
  expect(window.body.response.list.map((p: { imp_uid: string }) => p.imp_uid)).toEqual([late.imp_uid]);
  expect((await mock.get("/payments/status/all")).body.response.total).toBe(3);
  expect((await mock.get("/payments/status/failed")).body.response.total).toBe(1);
});

test.each([
  [{ from: START - 91 * 86400, to: START }, /at most 90 days/],
  [{ from: START + 10, to: START }, /is after to/],
  [{ limit: 1001 }, /limit must be between 1 and 1000/],
  [{ page: 0 }, /page must be 1 or more/],
])("GET /payments/status/paid refuses %o", async (query, message) => {
  const mock = createTestMock();
  const answer = await mock.get("/payments/status/paid", query);
  expect(answer.status).toBe(400);
  expect(answer.explanation).toMatch(message);
});

test("GET /payments/status with an unknown status is 400 naming the allowed ones", async () => {
  const mock = createTestMock();
  const answer = await mock.get("/payments/status/refunded");
  expect(answer.status).toBe(400);
  expect(answer.explanation).toBe('payment_status must be one of "all", "ready", "paid", "cancelled", "failed"');
});

test("the status window defaults to the 90 days before now on the virtual clock", async () => {
  const mock = createTestMock();
  await keyedPayment(mock);
  mock.server.clock.advance(91 * 86400);
  expect((await mock.get("/payments/status/paid")).body.response.total).toBe(0);
});

test("balance of an unknown payment is 404", async () => {
  const mock = createTestMock();
  expect((await mock.get("/payments/imp_000000000000/balance")).status).toBe(404);
});

test("prepare: register, read, change; duplicates and unknown ones refused", async () => {
  const mock = createTestMock();
  const created = await mock.call("POST", "/payments/prepare", { form: { merchant_uid: "p1", amount: "5000" } });
  expect(created.body.response).toEqual({ merchant_uid: "p1", amount: 5000, currency: "KRW" });
  const duplicate = await mock.call("POST", "/payments/prepare", { json: { merchant_uid: "p1", amount: 1 } });
  expect(duplicate.body.code).toBe(1);
  const changed = await mock.call("PUT", "/payments/prepare", { json: { merchant_uid: "p1", amount: 7000 } });
  expect(changed.body.response.amount).toBe(7000);
  expect((await mock.get("/payments/prepare/p1")).body.response.amount).toBe(7000);
  // The document lists no 404 here, but the live API answers one (contracts/statuses.ts).
  const unknown = await mock.get("/payments/prepare/nope");
  expect([unknown.status, unknown.body.code, unknown.body.message]).toEqual([
    404,
    -1,
    "사전등록된 결제정보가 존재하지 않습니다.",
  ]);
  expect((await mock.call("PUT", "/payments/prepare", { json: { merchant_uid: "nope", amount: 1 } })).status).toBe(404);
  const zero = await mock.call("POST", "/payments/prepare", { json: { merchant_uid: "p2", amount: 0 } });
  expect([zero.status, zero.body.code]).toEqual([200, -1]);
});

test("a pre-registered amount cannot change once the order is paid", async () => {
  const mock = createTestMock();
  await mock.call("POST", "/payments/prepare", { json: { merchant_uid: "p3", amount: 1000 } });
  await keyedPayment(mock, { merchant_uid: "p3" });
  const answer = await mock.call("PUT", "/payments/prepare", { json: { merchant_uid: "p3", amount: 2000 } });
  expect(explained(answer)).toMatchObject({ code: 1, message: expect.stringContaining("already paid") });
  expect(answer.status).toBe(200);
});

test("billing keys: issue, view, view several, payments with the key, delete", async () => {
  const mock = createTestMock();
  const issued = await mock.call("POST", "/subscribe/customers/kim", {
    form: { ...CARD, channel_key: NICE, customer_name: "김", customer_email: "kim@example.com" },
  });
  expect(issued.body.response).toMatchObject({
    customer_uid: "kim",
    pg_provider: "nice_v2",
    pg_id: "nictest04m",
    card_number: "424242******4242",
    customer_name: "김",
    inserted: START,
    updated: START,
  });
  mock.server.clock.advance(5);
  const reissued = await mock.call("POST", "/subscribe/customers/kim", {
    json: { ...CARD, card_number: "5555555555554444", channel_key: NICE },
  });
  expect(reissued.body.response).toMatchObject({ inserted: START, updated: START + 5, card_name: "KB국민카드" });
  expect((await mock.get("/subscribe/customers/kim")).body.response.card_number).toBe("555555******4444");
  const several = await mock.get("/subscribe/customers", { customer_uid: ["kim", "ghost"] });
  expect(several.body.response.map((k: { customer_uid: string }) => k.customer_uid)).toEqual(["kim"]);
  expect((await mock.get("/subscribe/customers", { customer_uid: ["ghost"] })).status).toBe(404);

  const again = await mock.call("POST", "/subscribe/payments/again", {
    json: { customer_uid: "kim", merchant_uid: orderId(), amount: 900, name: "plan" },
  });
  const payments = await mock.get("/subscribe/customers/kim/payments");
  expect(payments.body.response).toMatchObject({ total: 1, previous: 0, next: 0 });
  expect(payments.body.response.list[0].imp_uid).toBe(again.body.response.imp_uid);

  const deleted = await mock.call("DELETE", "/subscribe/customers/kim", { query: { reason: "left" } });
  expect(deleted.body.response.customer_uid).toBe("kim");
  // The live API answers an unknown customer_uid with HTTP 200 and code 1, though the document says 404.
  const gone = await mock.get("/subscribe/customers/kim");
  expect([gone.status, gone.body.code, gone.body.message]).toEqual([
    200,
    1,
    "요청하신 customer_uid(kim)로 등록된 정보를 찾을 수 없습니다.",
  ]);
  const deletedTwice = await mock.call("DELETE", "/subscribe/customers/kim");
  expect([deletedTwice.status, deletedTwice.body.code]).toEqual([200, 1]);
  // Payments made with a deleted key stay listed.
  expect((await mock.get("/subscribe/customers/kim/payments")).body.response.total).toBe(1);
  expect((await mock.get("/subscribe/customers/nobody/payments")).status).toBe(404);
});

test("a declined card issues no billing key: HTTP 200, code -1, as the live API answers", async () => {
  const mock = createTestMock();
  const answer = await mock.call("POST", "/subscribe/customers/lee", {
    json: { ...CARD, card_number: "4000000000000002", channel_key: NICE },
  });
  expect(answer.body).toEqual({ code: -1, message: "카드정보 인증 및 빌키 발급에 실패하였습니다.", response: null });
  expect(answer.explanation).toBe("billing key not issued: [1001] card declined by the issuer");
  expect([
    (await mock.get("/subscribe/customers/lee")).status,
    (await mock.get("/subscribe/customers/lee")).body.code,
  ]).toEqual([200, 1]);
});

test("Toss Payments requires customer_id to issue a billing key (derived rule)", async () => {
  const mock = createTestMock();
  const answer = await mock.call("POST", "/subscribe/customers/park", { json: { ...CARD, pg: "tosspayments" } });
  expect([answer.status, answer.body.code]).toEqual([200, -1]);
  expect(answer.explanation).toBe("customer_id is required by tosspayments");
});

test("a customer_uid over 80 characters is refused", async () => {
  const mock = createTestMock();
  const answer = await mock.call("POST", `/subscribe/customers/${"c".repeat(81)}`, { json: CARD });
  expect([answer.status, answer.body.code]).toEqual([200, -1]);
  expect(answer.explanation).toBe("customer_uid must be at most 80 characters");
});

test("GET /users/pg lists the demo channels", async () => {
  const mock = createTestMock();
  const answer = await mock.get("/users/pg");
  expect(answer.body.response.map((c: { pg_provider: string }) => c.pg_provider)).toEqual([
    "smartro_v2",
    "nice_v2",
    "tosspayments",
    "kcp",
    "html5_inicis",
  ]);
});

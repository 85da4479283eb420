import { expect, test } from "vitest";
import { createTestMock, START } from "../support/mock.ts";
import { ONETIME, onetimeBody } from "../support/requests.ts";

const SECOND_MERCHANT = {
  merchants: [
    {
      store_code: "imp10000001",
      imp_key: "key_a",
      imp_secret: "secret_a",
      channels: [{ channel_key: "ck-a", pg_provider: "nice_v2", pg_id: "mid_a" }],
    },
    {
      store_code: "imp10000002",
      imp_key: "key_b",
      imp_secret: "secret_b",
      channels: [{ channel_key: "ck-b", pg_provider: "nice_v2", pg_id: "mid_b" }],
    },
  ],
};

const getToken = (mock: ReturnType<typeof createTestMock>, imp_key = "demo_imp_key", imp_secret = "demo_imp_secret") =>
  mock.call("POST", "/users/getToken", { token: null, json: { imp_key, imp_secret } });

test("getToken issues a 30-minute token with now and expired_at in unix seconds", async () => {
  const mock = createTestMock();
  const answer = await getToken(mock);
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ code: 0, message: null, response: { now: START, expired_at: START + 1800 } });
  expect(answer.body.response.access_token).toMatch(/^[0-9a-f]{40}$/);
});

test("asking again before expiry returns the same token with the same expiry", async () => {
  const mock = createTestMock();
  const first = (await getToken(mock)).body.response;
  mock.server.clock.advance(25 * 60);
  const second = (await getToken(mock)).body.response;
  expect(second).toEqual({ access_token: first.access_token, expired_at: first.expired_at, now: START + 1500 });
});

test("asking in the last minute extends the same token by 5 minutes", async () => {
  const mock = createTestMock();
  const first = (await getToken(mock)).body.response;
  mock.server.clock.advance(1800 - 59);
  const second = (await getToken(mock)).body.response;
  expect(second.access_token).toBe(first.access_token);
  expect(second.expired_at).toBe(first.expired_at + 300);
});

test("at exactly one minute left the token is not yet extended", async () => {
  const mock = createTestMock();
  const first = (await getToken(mock)).body.response;
  mock.server.clock.advance(1800 - 60);
  expect((await getToken(mock)).body.response.expired_at).toBe(first.expired_at);
});

test("after expiry a new token is issued and the old one is refused", async () => {
  const mock = createTestMock();
  const first = (await getToken(mock)).body.response;
  mock.server.clock.advance(1800);
  const second = (await getToken(mock)).body.response;
  expect(second.access_token).not.toBe(first.access_token);
  expect(second.expired_at).toBe(START + 1800 + 1800);
  const old = await mock.call("GET", "/users/pg", { token: first.access_token });
  expect(old.status).toBe(401);
});

test("a token stops working at expired_at, on the virtual clock", async () => {
  const mock = createTestMock();
  const { access_token } = (await getToken(mock)).body.response;
  mock.server.clock.advance(1799);
  expect((await mock.call("GET", "/users/pg", { token: access_token })).status).toBe(200);
  mock.server.clock.advance(1);
  const expired = await mock.call("GET", "/users/pg", { token: access_token });
  expect(expired.status).toBe(401);
  expect(expired.body).toEqual({ code: -1, message: "Unauthorized", response: null });
  expect(expired.explanation).toMatch(/expired/);
});

test.each([
  ["a wrong secret", "demo_imp_key", "nope"],
  ["an unknown key", "nope", "demo_imp_secret"],
])("getToken with %s is 401 in the envelope", async (_, key, secret) => {
  const mock = createTestMock();
  const answer = await getToken(mock, key, secret);
  expect(answer.status).toBe(401);
  expect(answer.body).toEqual({
    code: -1,
    message: "인증에 실패하였습니다. API키와 secret을 확인하세요.",
    response: null,
  });
  expect(answer.explanation).toContain("imp_key or imp_secret");
});

test("getToken without imp_secret is 400 naming the field", async () => {
  const mock = createTestMock();
  const answer = await mock.call("POST", "/users/getToken", { token: null, json: { imp_key: "demo_imp_key" } });
  expect([answer.status, answer.body.code]).toEqual([200, -1]);
  expect(answer.explanation).toBe("imp_secret is required");
});

test("getToken takes a form body too", async () => {
  const mock = createTestMock();
  const answer = await mock.call("POST", "/users/getToken", {
    token: null,
    form: { imp_key: "demo_imp_key", imp_secret: "demo_imp_secret" },
  });
  expect(answer.body.code).toBe(0);
});

test.each([
  ["bare", (t: string) => ({ authorization: t })],
  ["Bearer", (t: string) => ({ authorization: `Bearer ${t}` })],
  ["lower-case bearer", (t: string) => ({ authorization: `bearer ${t}` })],
  ["the legacy X-ImpTokenHeader", (t: string) => ({ "x-imptokenheader": t })],
])("a protected call accepts the token %s", async (_, headers) => {
  const mock = createTestMock();
  const token = await mock.token();
  const answer = await mock.call("GET", "/users/pg", { token: null, headers: headers(token) });
  expect(answer.status).toBe(200);
  expect(answer.body.response.map((c: { pg_provider: string }) => c.pg_provider)).toContain("smartro_v2");
});

test.each([
  ["no Authorization header", null],
  ["an unknown token", "0123456789abcdef0123456789abcdef01234567"],
  ["an empty Bearer", "Bearer "],
])("a protected call with %s is 401", async (_, token) => {
  const mock = createTestMock();
  const answer = await mock.call("GET", "/payments/imp_000000000000", { token });
  expect(answer.status).toBe(401);
  expect(answer.body).toMatchObject({ code: -1, response: null });
  expect(answer.explanation).toMatch(/^Unauthorized/);
});

test("a second merchant's token gets 404 for the first merchant's imp_uid", async () => {
  const mock = createTestMock({ config: SECOND_MERCHANT });
  const tokenA = await mock.token("key_a", "secret_a");
  const tokenB = await mock.token("key_b", "secret_b");
  const paid = await mock.call("POST", ONETIME, {
    token: tokenA,
    json: onetimeBody({ merchant_uid: "shared1" }),
  });
  const imp_uid = paid.body.response.imp_uid;
  expect((await mock.call("GET", `/payments/${imp_uid}`, { token: tokenA })).status).toBe(200);
  const other = await mock.call("GET", `/payments/${imp_uid}`, { token: tokenB });
  expect(other.status).toBe(404);
  expect(other.explanation).toContain(imp_uid);
  // The same merchant_uid is free for the other merchant.
  const again = await mock.call("POST", ONETIME, {
    token: tokenB,
    json: onetimeBody({ merchant_uid: "shared1" }),
  });
  expect(again.body.response.status).toBe("paid");
  expect((await mock.call("GET", "/payments/find/shared1", { token: tokenB })).body.response.imp_uid).toBe(
    again.body.response.imp_uid,
  );
});

test("each merchant has its own token; the two never mix", async () => {
  const mock = createTestMock({ config: SECOND_MERCHANT });
  const tokenA = await mock.token("key_a", "secret_a");
  const tokenB = await mock.token("key_b", "secret_b");
  expect(tokenA).not.toBe(tokenB);
  const channels = await mock.call("GET", "/users/pg", { token: tokenB });
  expect(channels.body.response).toEqual([
    { pg_provider: "nice_v2", pg_id: "mid_b", sandbox: true, type: "payment", channel_name: null, channel_key: "ck-b" },
  ]);
});

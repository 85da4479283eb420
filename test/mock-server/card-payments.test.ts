import { describe, expect, test } from "vitest";
import { testCards } from "../../contracts/mock/test-cards.ts";
import { PaymentAnnotation } from "../../contracts/schemas/payments.ts";
import {
  CARD,
  createTestMock,
  ENCODINGS,
  KCP,
  NICE,
  orderId,
  SMARTRO,
  SMARTRO_CUSTOMER,
  START,
  oneChannelConfig,
  explained,
} from "../support/mock.ts";
import { control, onetime, onetimeBody } from "../support/requests.ts";

const smartroAgain = (fields: Record<string, unknown> = {}) => ({
  customer_uid: SMARTRO_CUSTOMER,
  merchant_uid: orderId(),
  amount: 5000,
  name: "monthly plan",
  buyer_name: "홍길동",
  buyer_email: "buyer@example.com",
  buyer_tel: "010-1234-5678",
  ...fields,
});

describe.each(ENCODINGS)("%s bodies", (encoding) => {
  test("onetime approves on the default channel and answers the full payment object", async () => {
    const mock = createTestMock();
    const request = onetimeBody({ name: "coffee", buyer_name: "Kim", tax_free: 100 });
    const answer = await mock.post("/subscribe/payments/onetime", encoding, request);
    expect(answer.status).toBe(200);
    expect(answer.body.code).toBe(0);
    const payment = answer.body.response;
    expect(PaymentAnnotation.strict().safeParse(payment).success).toBe(true);
    expect(payment).toMatchObject({
      merchant_uid: request.merchant_uid,
      amount: 1000,
      cancel_amount: 0,
      currency: "KRW",
      status: "paid",
      pay_method: "card",
      pg_provider: "nice_v2",
      pg_id: "nictest04m",
      sandbox: true,
      paid_at: START,
      started_at: START,
      name: "coffee",
      buyer_name: "Kim",
      card_number: "424242******4242",
      card_type: 0,
      fail_reason: null,
      customer_uid: null,
    });
    expect(payment.imp_uid).toMatch(/^imp_\d{12}$/);
    expect(payment.apply_num).toMatch(/^\d{8}$/);
  });

  test("again with a Smartro v2 key approves on the key's channel", async () => {
    const mock = createTestMock();
    const answer = await mock.post("/subscribe/payments/again", encoding, smartroAgain({ product_count: 2 }));
    expect(answer.body).toMatchObject({
      code: 0,
      response: {
        status: "paid",
        pg_provider: "smartro_v2",
        pg_id: "t_smartro01m",
        customer_uid: SMARTRO_CUSTOMER,
        customer_uid_usage: "payment",
      },
    });
  });

  test.each(["buyer_name", "buyer_email", "buyer_tel"])(
    "Smartro v2 again without %s is refused naming the field and the PG",
    async (field) => {
      const mock = createTestMock();
      const request: Record<string, unknown> = smartroAgain();
      delete request[field];
      const answer = await mock.post("/subscribe/payments/again", encoding, request);
      expect([answer.status, answer.body.code]).toEqual([200, -1]);
      expect(explained(answer)).toEqual({ code: -1, message: `${field} is required by smartro_v2`, response: null });
      expect((await mock.state()).payments).toHaveLength(0);
    },
  );

  test("Smartro v2 again with a '-' in merchant_uid is refused by the charset rule", async () => {
    const mock = createTestMock();
    const answer = await mock.post("/subscribe/payments/again", encoding, smartroAgain({ merchant_uid: "order-1" }));
    expect([answer.status, answer.body.code]).toEqual([200, -1]);
    expect(answer.explanation).toBe(
      'merchant_uid "order-1": smartro_v2 allows letters and digits only (no special characters)',
    );
  });

  test("Smartro v2 again in a currency other than KRW is refused", async () => {
    const mock = createTestMock();
    const answer = await mock.post("/subscribe/payments/again", encoding, smartroAgain({ currency: "USD" }));
    expect([answer.status, answer.body.code]).toEqual([200, -1]);
    expect(answer.explanation).toMatch(/^currency "USD" is not supported by smartro_v2/);
  });

  test("a merchant_uid over 40 characters is refused by the schema", async () => {
    const mock = createTestMock();
    const answer = await onetime(mock, { merchant_uid: "a".repeat(41) }, encoding);
    expect([answer.status, answer.body.code]).toEqual([200, -1]);
    expect(answer.explanation).toBe("merchant_uid must be at most 40 characters");
  });

  test("onetime on Smartro v2 (pg) is refused as unsupported", async () => {
    const mock = createTestMock();
    const answer = await onetime(mock, { pg: "smartro_v2" }, encoding);
    expect([answer.status, answer.body.code]).toEqual([200, -1]);
    expect(answer.explanation).toMatch(/smartro_v2/);
    expect(answer.explanation).toMatch(/not support/i);
  });

  test("billing-key issue through the API on Smartro v2 is refused as unsupported", async () => {
    const mock = createTestMock();
    const answer = await mock.post("/subscribe/customers/c1", encoding, {
      ...CARD,
      channel_key: SMARTRO,
      customer_id: "u1",
    });
    expect([answer.status, answer.body.code]).toEqual([200, -1]);
    expect(answer.explanation).toMatch(/not support/i);
    expect((await mock.state()).billing_keys.map((k: { customer_uid: string }) => k.customer_uid)).toEqual([
      SMARTRO_CUSTOMER,
    ]);
  });

  test("KG Inicis onetime requires name and buyer fields (derived from the official document)", async () => {
    const mock = createTestMock();
    const answer = await onetime(mock, { pg: "html5_inicis" }, encoding);
    expect([answer.status, answer.body.code]).toEqual([200, -1]);
    expect(answer.explanation).toBe(
      "name is required by html5_inicis; buyer_name is required by html5_inicis; buyer_email is required by html5_inicis; buyer_tel is required by html5_inicis",
    );
  });
});

test.each(testCards.filter((c) => c.outcome.kind === "decline"))(
  "test card $number is declined: code 0, status failed, fail_reason",
  async (card) => {
    const mock = createTestMock();
    const answer = await onetime(mock, { card_number: card.number });
    expect(answer.status).toBe(200);
    expect(answer.body.code).toBe(0);
    expect(answer.body.response).toMatchObject({
      status: "failed",
      failed_at: START,
      paid_at: 0,
      fail_reason: (card.outcome as { reason: string }).reason,
      apply_num: null,
    });
    // A failed order can be tried again with another card.
    const retry = await onetime(mock, { merchant_uid: answer.body.response.merchant_uid });
    expect(retry.body.response.status).toBe("paid");
  },
);

test("the PG-failure test card answers code -1 with no response and records nothing", async () => {
  const mock = createTestMock();
  const answer = await onetime(mock, { card_number: "4000000000000119" });
  expect(answer.status).toBe(200);
  expect(explained(answer)).toEqual({
    code: -1,
    message: expect.stringContaining("PG communication failed"),
    response: null,
  });
  expect((await mock.state()).payments).toHaveLength(0);
});

test("an expired card is declined", async () => {
  const mock = createTestMock();
  const answer = await onetime(mock, { expiry: "2025-12" });
  expect(answer.body.response).toMatchObject({ status: "failed", fail_reason: "[1054] card expired (expiry 2025-12)" });
});

test.each(
  ENCODINGS.flatMap((encoding) =>
    ["12/30", "203012", "2030-13", "30-12", ""].map((expiry) => [expiry, encoding] as const),
  ),
)(
  "an expiry other than YYYY-MM (%j) is refused naming the field, and nothing is paid or stored (%s)",
  async (expiry, encoding) => {
    const mock = createTestMock();
    const paid = await onetime(mock, { expiry, customer_uid: "kept" }, encoding);
    expect([paid.status, paid.body.code]).toEqual([200, -1]);
    expect(paid.body).toMatchObject({ code: -1, response: null });
    expect(paid.explanation).toContain("expiry must be YYYY-MM (for example 2030-12)");
    const key = await mock.post("/subscribe/customers/fresh", encoding, { card_number: "4242424242424242", expiry });
    expect([key.status, key.body.code]).toEqual([200, -1]);
    expect(key.explanation).toContain("expiry must be YYYY-MM");
    const state = await mock.state();
    expect([
      state.payments,
      state.billing_keys.filter((k: { customer_uid: string }) => k.customer_uid !== "demo-smartro-customer"),
    ]).toEqual([[], []]);
  },
);

test("a paid merchant_uid cannot be paid again, by onetime or again", async () => {
  const mock = createTestMock();
  const first = await onetime(mock, { merchant_uid: "dup1" });
  const second = await onetime(mock, { merchant_uid: "dup1" });
  expect(second.status).toBe(200);
  expect(explained(second)).toEqual({
    code: 1,
    message: expect.stringContaining(`already used by ${first.body.response.imp_uid}`),
    response: null,
  });
  const third = await mock.call("POST", "/subscribe/payments/again", { json: smartroAgain({ merchant_uid: "dup1" }) });
  expect(third.body.code).toBe(1);
  expect((await mock.state()).payments).toHaveLength(1);
});

test.each([
  ["pg provider", { pg: "tosspayments" }, "tosspayments", "tosstest"],
  ["pg provider.MID", { pg: "kcp.T0000" }, "kcp", "T0000"],
  ["nothing (the default channel)", {}, "nice_v2", "nictest04m"],
])("onetime picks the channel by %s", async (_, choice, pg_provider, pg_id) => {
  const mock = createTestMock();
  const answer = await onetime(mock, choice);
  expect(answer.body.response).toMatchObject({ pg_provider, pg_id });
});

test.each([
  ["a pg no channel has", { pg: "danal" }, /pg "danal" matches no channel/],
  ["a MID no channel has", { pg: "kcp.NOPE" }, /pg "kcp.NOPE" matches no channel/],
  [
    "a smart routing group that does not exist",
    { channelGroupId: "channel-group-test-0" },
    /names no smart routing group/,
  ],
])("onetime naming %s is refused with code 1", async (_, choice, message) => {
  const mock = createTestMock();
  const answer = await onetime(mock, choice);
  expect(answer.body).toMatchObject({ code: 1, response: null });
  expect(answer.explanation).toMatch(message);
});

test("a disabled channel is refused", async () => {
  const mock = createTestMock({
    config: oneChannelConfig({}, { enabled: false }),
  });
  const answer = await onetime(mock);
  expect(explained(answer)).toMatchObject({ code: 1, message: "channel ck (nice_v2) is disabled" });
});

test("a channel without card among its pay methods refuses a card payment, naming the channel", async () => {
  const mock = createTestMock({
    config: {
      merchants: [
        {
          store_code: "imp10000000",
          imp_key: "demo_imp_key",
          imp_secret: "demo_imp_secret",
          channels: [{ channel_key: "ck-trans", pg_provider: "nice_v2", pg_id: "m", pay_methods: ["trans", "vbank"] }],
        },
      ],
    },
  });
  const answer = await onetime(mock);
  expect(answer.explanation).toBe(
    "channel ck-trans (nice_v2) does not support pay_method card; it supports trans, vbank",
  );
});

test("onetime with customer_uid pays and stores a billing key usable by again", async () => {
  const mock = createTestMock();
  const paid = await onetime(mock, { customer_uid: "kim", pg: "tosspayments" });
  expect(paid.body.response).toMatchObject({ status: "paid", customer_uid: "kim", customer_uid_usage: "issue" });
  const key = await mock.get("/subscribe/customers/kim");
  expect(key.body.response).toMatchObject({
    customer_uid: "kim",
    pg_provider: "tosspayments",
    card_number: "424242******4242",
  });
  const again = await mock.call("POST", "/subscribe/payments/again", {
    json: { customer_uid: "kim", merchant_uid: orderId(), amount: 300, name: "refill" },
  });
  expect(again.body.response).toMatchObject({
    status: "paid",
    pg_provider: "tosspayments",
    customer_uid_usage: "payment",
  });
});

test("onetime with customer_uid and a declined card stores no key", async () => {
  const mock = createTestMock();
  await onetime(mock, { customer_uid: "lee", card_number: "4000000000000002" });
  expect([
    (await mock.get("/subscribe/customers/lee")).status,
    (await mock.get("/subscribe/customers/lee")).body.code,
  ]).toEqual([200, 1]);
});

test("again with an unknown customer_uid is refused with code 1", async () => {
  const mock = createTestMock();
  const answer = await mock.call("POST", "/subscribe/payments/again", {
    json: { customer_uid: "ghost", merchant_uid: orderId(), amount: 1000, name: "x" },
  });
  expect(explained(answer)).toEqual({
    code: 1,
    message: 'no billing key with customer_uid "ghost" for this merchant',
    response: null,
  });
});

test("again with a channel_key other than the key's channel is refused", async () => {
  const mock = createTestMock();
  const answer = await mock.call("POST", "/subscribe/payments/again", { json: smartroAgain({ channel_key: NICE }) });
  expect(answer.body.code).toBe(1);
  expect(answer.explanation).toContain(`was issued on channel ${SMARTRO}`);
});

test("again with a key from a declining test card is declined", async () => {
  const mock = createTestMock();
  await control(mock, "POST", "/billing-keys", {
    customer_uid: "bad",
    channel_key: KCP,
    card_number: "4000000000009995",
  });
  const answer = await mock.call("POST", "/subscribe/payments/again", {
    json: { customer_uid: "bad", merchant_uid: orderId(), amount: 1000, name: "x" },
  });
  expect(answer.body.response).toMatchObject({
    status: "failed",
    fail_reason: "[1051] insufficient balance or credit limit",
  });
});

test("a payment for a pre-registered merchant_uid must match the registered amount", async () => {
  const mock = createTestMock();
  await mock.call("POST", "/payments/prepare", { json: { merchant_uid: "prep1", amount: 2000 } });
  const wrong = await onetime(mock, { merchant_uid: "prep1", amount: 1000 });
  expect(explained(wrong)).toMatchObject({
    code: 1,
    message: 'amount 1000 differs from the amount 2000 pre-registered for merchant_uid "prep1"',
  });
  const right = await onetime(mock, { merchant_uid: "prep1", amount: 2000 });
  expect(right.body.response.status).toBe("paid");
});

test.each([0, -5])("an amount of %i is refused", async (amount) => {
  const mock = createTestMock();
  const answer = await onetime(mock, { amount });
  expect([answer.status, answer.body.code]).toEqual([200, -1]);
  expect(answer.explanation).toBe(`amount must be greater than 0 (got ${amount})`);
});

test("every demo channel other than Smartro v2 takes a keyed payment", async () => {
  const mock = createTestMock();
  for (const [pg, extra] of [
    ["nice_v2", {}],
    ["tosspayments", {}],
    ["kcp", {}],
    ["html5_inicis", { name: "n", buyer_name: "b", buyer_email: "e@x", buyer_tel: "010" }],
  ] as const) {
    const answer = await onetime(mock, { pg, ...extra });
    expect(answer.body.response?.pg_provider, pg).toBe(pg);
  }
});

/**
 * Payments declared in the config exist from the start, as on a live test merchant: lookups by
 * merchant_uid and imp_uid find them, refunds and deposits go on from their state, a reset brings
 * them back, and a config that cannot hold is refused naming the field.
 */
import { expect, test } from "vitest";
import type { MockConfigInput } from "../../contracts/mock/config.ts";
import { ConfigError, createMockServer, demoConfig } from "../../mock-server/index.ts";
import { createTestMock, NICE, oneChannelConfig, SMARTRO, START } from "../support/mock.ts";
import { control, REFUND_ACCOUNT } from "../support/requests.ts";

const DAY = 24 * 3600;
const withPayments = (payments: unknown[]): MockConfigInput => ({
  ...demoConfig,
  merchants: [{ ...demoConfig.merchants[0]!, payments } as MockConfigInput["merchants"][number]],
});

const SEEDS = [
  {
    merchant_uid: "live1",
    imp_uid: "imp_123456789012",
    amount: 12000,
    paid_at: START - 3 * DAY,
    name: "mug",
    buyer_name: "Kim",
  },
  {
    merchant_uid: "live2",
    amount: 5000,
    pay_method: "vbank",
    status: "cancelled",
    channel_key: NICE,
    paid_at: START - 2 * DAY,
    cancelled_at: START - DAY,
  },
  { merchant_uid: "live3", amount: 9000, cancel_amount: 4000, pay_method: "trans", channel_key: SMARTRO },
  {
    merchant_uid: "live4",
    amount: 7000,
    pay_method: "vbank",
    status: "ready",
    channel_key: NICE,
    paid_at: START - 30 * DAY,
  },
];

test("seeded payments are found by imp_uid and merchant_uid, with their amounts, times and refunds", async () => {
  const mock = createTestMock({ config: withPayments(SEEDS) });
  const card = (await mock.get("/payments/imp_123456789012")).body.response;
  expect(card).toMatchObject({
    merchant_uid: "live1",
    status: "paid",
    amount: 12000,
    pay_method: "card",
    paid_at: START - 3 * DAY,
    name: "mug",
    buyer_name: "Kim",
  });
  const cancelled = (await mock.get("/payments/find/live2/cancelled")).body.response;
  expect(cancelled).toMatchObject({
    status: "cancelled",
    amount: 5000,
    cancel_amount: 5000,
    pay_method: "vbank",
    pg_provider: "nice_v2",
    cancelled_at: START - DAY,
  });
  expect(cancelled.cancel_history).toHaveLength(1);
  const partial = (await mock.get("/payments/find/live3")).body.response;
  expect(partial).toMatchObject({
    status: "paid",
    amount: 9000,
    cancel_amount: 4000,
    pay_method: "trans",
    pg_provider: "smartro_v2",
  });
  const waiting = (await mock.get("/payments/find/live4/ready")).body.response;
  expect(waiting).toMatchObject({ status: "ready", pay_method: "vbank", vbank_issued_at: START - 30 * DAY });
  expect(waiting.vbank_date).toBeGreaterThan(START);
  // Seeded payments owe no webhook.
  expect(await mock.owedWebhooks()).toEqual([]);
});

test("seeded payments go on from their state: the rest refunded, the waiting account deposited, a paid order not paid again", async () => {
  const mock = createTestMock({ config: withPayments(SEEDS) });
  const partial = (await mock.get("/payments/find/live3")).body.response;
  const rest = await mock.post("/payments/cancel", "json", { imp_uid: partial.imp_uid, ...REFUND_ACCOUNT });
  expect(rest.body.response).toMatchObject({ status: "cancelled", cancel_amount: 9000 });
  const waiting = (await mock.get("/payments/find/live4")).body.response;
  const deposited = await control(mock, "POST", "/pg-notices", { kind: "deposit", imp_uid: waiting.imp_uid });
  expect(deposited.body.response.status).toBe("paid");
  const again = await mock.post("/subscribe/payments/onetime", "json", {
    merchant_uid: "live1",
    amount: 1000,
    card_number: "4242424242424242",
    expiry: "2030-12",
  });
  expect(again.body.code).toBe(1);
});

test("a reset brings the seeded payments back as they were", async () => {
  const mock = createTestMock({ config: withPayments(SEEDS) });
  await mock.post("/payments/cancel", "json", { imp_uid: "imp_123456789012" });
  await control(mock, "POST", "/reset");
  mock.forgetToken();
  expect((await mock.get("/payments/imp_123456789012")).body.response).toMatchObject({
    status: "paid",
    cancel_amount: 0,
  });
  expect((await mock.state()).payments).toHaveLength(4);
});

test.each([
  [
    { merchant_uid: "x", amount: 100, status: "ready" },
    "merchants[0].payments[0].status: ready is a virtual account waiting for its deposit: pay_method must be vbank",
  ],
  [
    { merchant_uid: "x", amount: 100, cancel_amount: 100 },
    "merchants[0].payments[0].cancel_amount: must be less than amount (refunded in full is status cancelled)",
  ],
  [
    { merchant_uid: "x", amount: 100, status: "cancelled", cancel_amount: 10 },
    "merchants[0].payments[0].cancel_amount: a partial refund is of a paid payment",
  ],
  [
    { merchant_uid: "x", amount: 100, cancelled_at: START },
    "merchants[0].payments[0].cancelled_at: only a refunded payment has one",
  ],
  [
    { merchant_uid: "x", amount: 100, imp_uid: "imp_1" },
    "merchants[0].payments[0].imp_uid: must be imp_ followed by 12 digits",
  ],
  [
    { merchant_uid: "x", amount: 100, channel_key: "nope" },
    "merchants[0].payments[0].channel_key: names no channel of this merchant",
  ],
  [{ merchant_uid: "x", amount: 100, colour: "red" }, "merchants[0].payments[0]"],
])("a seeded payment that cannot hold is refused naming the field: %j", (payment, message) => {
  expect(() => createMockServer({ config: withPayments([payment]) })).toThrow(ConfigError);
  expect(() => createMockServer({ config: withPayments([payment]) })).toThrow(message);
});

test("two seeds for one merchant_uid, or one imp_uid twice, are refused naming the second", () => {
  const twice = withPayments([
    { merchant_uid: "x", amount: 100 },
    { merchant_uid: "x", amount: 200 },
  ]);
  expect(() => createMockServer({ config: twice })).toThrow(
    "merchants[0].payments[1].merchant_uid: duplicates payments[0].merchant_uid",
  );
  const sameImp = withPayments([
    { merchant_uid: "x", amount: 100, imp_uid: "imp_000000000001" },
    { merchant_uid: "y", amount: 100, imp_uid: "imp_000000000001" },
  ]);
  expect(() => createMockServer({ config: sameImp })).toThrow(
    "merchants[0].payments[1].imp_uid: duplicates the imp_uid of merchants[0].payments[0]",
  );
});

test("a seed the mock cannot make (a pay method its channel lacks) is a config error naming it", () => {
  const config = oneChannelConfig({}, { pay_methods: ["card"] });
  config.merchants[0] = {
    ...config.merchants[0]!,
    payments: [{ merchant_uid: "x", amount: 100, pay_method: "vbank" }],
  };
  expect(() => createMockServer({ config })).toThrow(ConfigError);
  expect(() => createMockServer({ config })).toThrow(/merchants\[0\]\.payments\[0\]: .*vbank/);
});

import { expect, test } from "vitest";
import {
  CARD,
  createTestMock,
  ENCODINGS,
  NICE,
  orderId,
  SMARTRO,
  SMARTRO_CUSTOMER,
  START,
  type Encoding,
  type TestMock,
  explained,
} from "../support/mock.ts";
import { BUYER, control } from "../support/requests.ts";

const HOUR = 3600;
const DAY = 24 * HOUR;
/** What POST /subscribe/payments/again needs besides the key and the amount. */
const AGAIN = { name: "one-off", ...BUYER };
const entry = (overrides: Record<string, unknown> = {}) => ({
  merchant_uid: orderId("sch"),
  schedule_at: START + DAY,
  amount: 9900,
  name: "monthly plan",
  ...BUYER,
  ...overrides,
});

async function schedule(
  mock: TestMock,
  schedules: Record<string, unknown>[],
  extra: Record<string, unknown> = {},
  encoding: Encoding = "json",
) {
  const answer = await mock.post("/subscribe/payments/schedule", encoding, {
    customer_uid: SMARTRO_CUSTOMER,
    schedules,
    ...extra,
  });
  expect(answer.body.message, JSON.stringify(answer.body)).toBeNull();
  return answer.body.response;
}

const advance = (mock: TestMock, seconds: number) => control(mock, "POST", "/clock/advance", { seconds });
const state = (mock: TestMock) => mock.state();
/** A NICE v2 key issued through the API, with the customer fields schedules fall back to. */
async function niceKey(mock: TestMock, customer_uid: string, card = CARD) {
  const answer = await mock.post(`/subscribe/customers/${customer_uid}`, "json", {
    ...card,
    channel_key: NICE,
    customer_name: "김고객",
    customer_email: "kim@example.com",
    customer_tel: "01099998888",
  });
  expect(answer.body.code).toBe(0);
}

test.each(ENCODINGS)(
  "POST /subscribe/payments/schedule (%s) stores each entry as a waiting schedule on the key's channel",
  async (encoding) => {
    const mock = createTestMock();
    const [first, second] = [entry(), entry({ schedule_at: START + 2 * DAY, amount: 19900 })];
    const answer = await schedule(mock, [first, second], {}, encoding);
    expect(answer).toHaveLength(2);
    expect(answer[0]).toEqual({
      customer_uid: SMARTRO_CUSTOMER,
      merchant_uid: first.merchant_uid,
      imp_uid: null,
      pg_provider: "smartro_v2",
      pg_id: "t_smartro01m",
      customer_id: null,
      schedule_at: START + DAY,
      executed_at: 0,
      revoked_at: 0,
      amount: 9900,
      currency: "KRW",
      name: "monthly plan",
      ...BUYER,
      buyer_addr: null,
      buyer_postcode: null,
      custom_data: null,
      schedule_status: "scheduled",
      payment_status: null,
      fail_reason: null,
      promotion_id: null,
    });
    expect(answer[1]).toMatchObject({ merchant_uid: second.merchant_uid, amount: 19900, schedule_at: START + 2 * DAY });
    expect((await mock.get(`/subscribe/payments/schedule/${first.merchant_uid}`)).body.response).toEqual(answer[0]);
  },
);

test("buyer fields left out fall back to the key's customer fields", async () => {
  const mock = createTestMock();
  await niceKey(mock, "kim");
  const answer = await mock.post("/subscribe/payments/schedule", "json", {
    customer_uid: "kim",
    schedules: [
      { merchant_uid: orderId(), schedule_at: START + DAY, amount: 1000, name: "plan", buyer_name: "대리인" },
    ],
  });
  expect(answer.body.response[0]).toMatchObject({
    pg_provider: "nice_v2",
    buyer_name: "대리인",
    buyer_email: "kim@example.com",
    buyer_tel: "01099998888",
  });
});

// docs/domain.md §3: POST /subscribe/payments/schedule on Smartro v2, one test per rule and encoding.
const SMARTRO_CASES: [string, Record<string, unknown>, Record<string, unknown>, string][] = [
  [
    "without schedules[].buyer_name",
    { buyer_name: undefined },
    {},
    "schedules[0].buyer_name is required by smartro_v2",
  ],
  [
    "without schedules[].buyer_email",
    { buyer_email: undefined },
    {},
    "schedules[0].buyer_email is required by smartro_v2",
  ],
  ["without schedules[].buyer_tel", { buyer_tel: undefined }, {}, "schedules[0].buyer_tel is required by smartro_v2"],
  [
    "with a merchant_uid holding special characters",
    { merchant_uid: "sch-1" },
    {},
    'schedules[0].merchant_uid "sch-1": smartro_v2 allows letters and digits only',
  ],
  [
    "with a merchant_uid over 40 characters",
    { merchant_uid: "a".repeat(41) },
    {},
    "schedules[0].merchant_uid is 41 characters; smartro_v2 allows at most 40",
  ],
  [
    "in another currency than KRW",
    { currency: "USD" },
    {},
    'schedules[0].currency "USD" is not supported by smartro_v2',
  ],
  [
    "with card data (a new key cannot be issued through the API)",
    {},
    { ...CARD },
    "card_number cannot be sent: smartro_v2 cannot issue a billing key through the API",
  ],
];
test.each(ENCODINGS.flatMap((encoding) => SMARTRO_CASES.map((c) => [...c, encoding] as const)))(
  "Smartro v2 refuses a schedule %s (%s) and stores nothing",
  async (_, overrides, extra, message, encoding) => {
    const mock = createTestMock();
    const item: Record<string, unknown> = entry(overrides);
    for (const [k, v] of Object.entries(item)) if (v === undefined) delete item[k];
    const answer = await mock.post("/subscribe/payments/schedule", encoding, {
      customer_uid: SMARTRO_CUSTOMER,
      schedules: [item],
      ...extra,
    });
    expect([answer.status, answer.body.code]).toEqual([200, -1]);
    expect(answer.body).toMatchObject({ code: -1, response: null });
    expect(answer.explanation).toContain(message);
    expect((await state(mock)).schedules).toEqual([]);
  },
);

test("when the clock passes schedule_at the payment is made with the key, once, in schedule_at order, and a webhook is queued", async () => {
  const mock = createTestMock();
  const late = entry({ schedule_at: START + 3 * HOUR });
  const early = entry({ schedule_at: START + 2 * HOUR });
  const later = entry({ schedule_at: START + 5 * DAY });
  await schedule(mock, [late, later]);
  await schedule(mock, [early]);
  await advance(mock, 4 * HOUR);

  const [a, b, c] = (await state(mock)).schedules;
  expect([a.merchant_uid, b.merchant_uid, c.merchant_uid]).toEqual([
    early.merchant_uid,
    late.merchant_uid,
    later.merchant_uid,
  ]);
  expect(a).toMatchObject({
    schedule_status: "executed",
    payment_status: "paid",
    executed_at: START + 2 * HOUR,
    fail_reason: null,
  });
  expect(b).toMatchObject({ schedule_status: "executed", payment_status: "paid", executed_at: START + 3 * HOUR });
  expect(c).toMatchObject({ schedule_status: "scheduled", payment_status: null, imp_uid: null });
  const payment = (await mock.get(`/payments/${a.imp_uid}`)).body.response;
  expect(payment).toMatchObject({
    status: "paid",
    merchant_uid: early.merchant_uid,
    amount: 9900,
    customer_uid: SMARTRO_CUSTOMER,
    customer_uid_usage: "payment",
    paid_at: START + 2 * HOUR,
    ...BUYER,
  });
  expect((await mock.get(`/payments/${b.imp_uid}`)).body.response.paid_at).toBe(START + 3 * HOUR);

  await advance(mock, HOUR);
  await mock.get("/subscribe/payments/schedule/" + early.merchant_uid);
  const after = await state(mock);
  expect(after.payments.filter((p: { customer_uid: string }) => p.customer_uid === SMARTRO_CUSTOMER)).toHaveLength(2);
  expect(await mock.owedWebhooks()).toEqual([
    {
      imp_uid: a.imp_uid,
      merchant_uid: early.merchant_uid,
      status: "paid",
      cancellation_id: null,
      urls: [null],
      cause: "schedule",
      at: START + 2 * HOUR,
    },
    {
      imp_uid: b.imp_uid,
      merchant_uid: late.merchant_uid,
      status: "paid",
      cancellation_id: null,
      urls: [null],
      cause: "schedule",
      at: START + 3 * HOUR,
    },
  ]);
});

test("a schedule also runs when time passes without a control call: the next request catches up", async () => {
  const mock = createTestMock();
  const item = entry({ schedule_at: START + HOUR });
  await schedule(mock, [item]);
  await mock.server.core.clock.advance(2 * HOUR);
  expect((await mock.get(`/subscribe/payments/schedule/${item.merchant_uid}`)).body.response).toMatchObject({
    schedule_status: "executed",
    payment_status: "paid",
    executed_at: START + HOUR,
  });
});

test("a declined card makes a failed payment; reschedule and retry take the failed schedule again", async () => {
  const mock = createTestMock();
  await control(mock, "POST", "/billing-keys", {
    customer_uid: "poor",
    channel_key: NICE,
    card_number: "4000000000009995",
  });
  const item = entry({ schedule_at: START + HOUR });
  await mock.post("/subscribe/payments/schedule", "json", { customer_uid: "poor", schedules: [item] });
  await advance(mock, HOUR);
  const failed = (await mock.get(`/subscribe/payments/schedule/${item.merchant_uid}`)).body.response;
  expect(failed).toMatchObject({
    schedule_status: "executed",
    payment_status: "failed",
    fail_reason: "[1051] insufficient balance or credit limit",
  });
  expect((await mock.get(`/payments/${failed.imp_uid}`)).body.response.status).toBe("failed");
  expect((await mock.owedWebhooks()).at(-1)).toMatchObject({ imp_uid: failed.imp_uid, status: "failed" });

  const moved = await mock.post(`/subscribe/payments/schedule/${item.merchant_uid}/reschedule`, "json", {
    schedule_at: START + DAY,
  });
  expect(moved.body.response).toMatchObject({
    schedule_status: "scheduled",
    schedule_at: START + DAY,
    payment_status: null,
    imp_uid: null,
    executed_at: 0,
    fail_reason: null,
  });
  const again = await mock.post(`/subscribe/payments/schedule/${item.merchant_uid}/reschedule`, "json", {
    schedule_at: START + 2 * DAY,
  });
  expect(again.status).toBe(400);
  expect(again.explanation).toBe(
    `${item.merchant_uid} is scheduled; only a schedule whose payment failed, or a revoked one, can be rescheduled`,
  );
  await advance(mock, DAY);

  const retried = await mock.post(`/subscribe/payments/schedule/${item.merchant_uid}/retry`, "json", {});
  expect(retried.body.response).toMatchObject({
    status: "failed",
    merchant_uid: item.merchant_uid,
    failed_at: START + HOUR + DAY,
  });
  expect((await mock.get(`/subscribe/payments/schedule/${item.merchant_uid}`)).body.response).toMatchObject({
    executed_at: START + HOUR + DAY,
    imp_uid: retried.body.response.imp_uid,
  });
});

test("a failure armed on the key's channel declines the scheduled payment; a retry then pays", async () => {
  const mock = createTestMock();
  const item = entry({ schedule_at: START + HOUR });
  await schedule(mock, [item]);
  await control(mock, "POST", "/failures", { channel_key: SMARTRO, outcome: "decline" });
  await advance(mock, HOUR);
  expect((await mock.get(`/subscribe/payments/schedule/${item.merchant_uid}`)).body.response.payment_status).toBe(
    "failed",
  );
  const retried = await mock.post(`/subscribe/payments/schedule/${item.merchant_uid}/retry`, "json", {});
  expect(retried.body.response).toMatchObject({ status: "paid", merchant_uid: item.merchant_uid });
  expect((await mock.get(`/subscribe/payments/schedule/${item.merchant_uid}`)).body.response).toMatchObject({
    payment_status: "paid",
    imp_uid: retried.body.response.imp_uid,
  });
  const twice = await mock.post(`/subscribe/payments/schedule/${item.merchant_uid}/retry`, "json", {});
  expect(twice.status).toBe(400);
  expect(twice.explanation).toBe(
    `${item.merchant_uid} is executed (paid); only a schedule whose payment failed, or a revoked one, can be retried`,
  );
});

test("a key deleted before its schedule runs fails the schedule without a payment; retry is then 404", async () => {
  const mock = createTestMock();
  await niceKey(mock, "gone");
  const item = entry({ schedule_at: START + HOUR });
  await mock.post("/subscribe/payments/schedule", "json", { customer_uid: "gone", schedules: [item] });
  await mock.call("DELETE", "/subscribe/customers/gone");
  await advance(mock, HOUR);
  expect((await mock.get(`/subscribe/payments/schedule/${item.merchant_uid}`)).body.response).toMatchObject({
    schedule_status: "executed",
    payment_status: "failed",
    imp_uid: null,
    fail_reason: "the billing key gone was deleted before the schedule ran",
  });
  expect((await mock.post(`/subscribe/payments/schedule/${item.merchant_uid}/retry`, "json", {})).status).toBe(404);
});

test("unschedule revokes by customer_uid or merchant_uid[]; revoked schedules never run and can be rescheduled", async () => {
  const mock = createTestMock();
  const [a, b, c] = [entry(), entry(), entry({ schedule_at: START + HOUR })];
  await schedule(mock, [a, b, c]);
  await advance(mock, HOUR);
  const byUid = await mock.post("/subscribe/payments/unschedule", "json", {
    customer_uid: SMARTRO_CUSTOMER,
    merchant_uid: [a.merchant_uid],
  });
  expect(byUid.body.response).toEqual([
    expect.objectContaining({ merchant_uid: a.merchant_uid, schedule_status: "revoked", revoked_at: START + HOUR }),
  ]);
  const executed = await mock.post("/subscribe/payments/unschedule", "json", {
    merchant_uid: [b.merchant_uid, c.merchant_uid],
  });
  expect(explained(executed)).toMatchObject({
    code: 1,
    response: null,
    message: `only schedules that have not run can be revoked; ${c.merchant_uid} is executed`,
  });
  expect((await mock.get(`/subscribe/payments/schedule/${b.merchant_uid}`)).body.response.schedule_status).toBe(
    "scheduled",
  );
  const all = await mock.post("/subscribe/payments/unschedule", "form", { customer_uid: SMARTRO_CUSTOMER });
  expect(all.body.response.map((s: { merchant_uid: string }) => s.merchant_uid)).toEqual([b.merchant_uid]);
  expect(
    explained(await mock.post("/subscribe/payments/unschedule", "json", { customer_uid: SMARTRO_CUSTOMER })),
  ).toMatchObject({ code: 1, message: `customer_uid ${SMARTRO_CUSTOMER} has no schedule waiting to run` });
  expect([
    (await mock.post("/subscribe/payments/unschedule", "json", {})).status,
    (await mock.post("/subscribe/payments/unschedule", "json", {})).body.code,
  ]).toEqual([200, -1]);
  expect([
    (await mock.post("/subscribe/payments/unschedule", "json", { merchant_uid: ["nope1"] })).status,
    (await mock.post("/subscribe/payments/unschedule", "json", { merchant_uid: ["nope1"] })).body.code,
  ]).toEqual([200, 1]);
  expect(
    (
      await mock.post("/subscribe/payments/unschedule", "json", {
        customer_uid: "someone",
        merchant_uid: [b.merchant_uid],
      })
    ).explanation,
  ).toBe(`merchant_uid ${b.merchant_uid} is not scheduled for customer_uid someone`);

  await advance(mock, 2 * DAY);
  expect((await state(mock)).payments).toHaveLength(1);
  const back = await mock.post(`/subscribe/payments/schedule/${a.merchant_uid}/reschedule`, "json", {
    schedule_at: START + 3 * DAY,
  });
  expect(back.body.response).toMatchObject({ schedule_status: "scheduled", revoked_at: 0 });
  await advance(mock, DAY);
  expect((await mock.get(`/subscribe/payments/schedule/${a.merchant_uid}`)).body.response.payment_status).toBe("paid");
});

test.each(ENCODINGS)(
  "PUT moves a waiting schedule (%s); a past time, a schedule that ran and an unknown one are refused",
  async (encoding) => {
    const mock = createTestMock();
    const item = entry();
    await schedule(mock, [item]);
    const moved = await mock.call("PUT", `/subscribe/payments/schedule/${item.merchant_uid}`, {
      body: { encoding, value: { schedule_at: START + 2 * DAY } },
    });
    expect(moved.body.response.schedule_at).toBe(START + 2 * DAY);
    const past = await mock.call("PUT", `/subscribe/payments/schedule/${item.merchant_uid}`, {
      body: { encoding, value: { schedule_at: START } },
    });
    expect(past.status).toBe(400);
    expect(past.explanation).toBe(`schedule_at ${START} is not in the future (now ${START})`);
    await advance(mock, 2 * DAY);
    const ran = await mock.call("PUT", `/subscribe/payments/schedule/${item.merchant_uid}`, {
      body: { encoding, value: { schedule_at: START + 3 * DAY } },
    });
    expect(ran.status).toBe(400);
    expect(ran.explanation).toMatch(/is executed; only a schedule that has not run can be moved/);
    expect(
      (
        await mock.call("PUT", "/subscribe/payments/schedule/nope1", {
          body: { encoding, value: { schedule_at: START + 3 * DAY } },
        })
      ).status,
    ).toBe(404);
    expect(
      (await mock.call("PUT", `/subscribe/payments/schedule/${item.merchant_uid}`, { body: { encoding, value: {} } }))
        .explanation,
    ).toContain("schedule_at is required");
  },
);

test("POST refusals change nothing: a repeated or already used merchant_uid, a past time, no key and no card, a declined card, product_count 0", async () => {
  const mock = createTestMock();
  const taken = entry();
  await schedule(mock, [taken]);
  const paid = await mock.post("/subscribe/payments/again", "json", {
    customer_uid: SMARTRO_CUSTOMER,
    merchant_uid: orderId(),
    amount: 1000,
    ...AGAIN,
  });
  const before = await state(mock);
  const same = entry();
  // POST /subscribe/payments/schedule documents only 200 and 401: bad input is HTTP 200 with code -1.
  const cases: [Record<string, unknown>, number, number, string][] = [
    [
      { customer_uid: SMARTRO_CUSTOMER, schedules: [same, same] },
      200,
      -1,
      `schedules[1].merchant_uid ${same.merchant_uid} appears twice`,
    ],
    [
      { customer_uid: SMARTRO_CUSTOMER, schedules: [entry(), { ...entry(), merchant_uid: taken.merchant_uid }] },
      200,
      1,
      `merchant_uid ${taken.merchant_uid} is already scheduled`,
    ],
    [
      { customer_uid: SMARTRO_CUSTOMER, schedules: [entry({ merchant_uid: paid.body.response.merchant_uid })] },
      200,
      1,
      "a paid order cannot be paid again",
    ],
    [
      { customer_uid: SMARTRO_CUSTOMER, schedules: [entry({ schedule_at: START })] },
      200,
      -1,
      `schedules[0].schedule_at ${START} is not in the future`,
    ],
    [
      { customer_uid: SMARTRO_CUSTOMER, schedules: [entry({ product_count: 0 })] },
      200,
      -1,
      "schedules[0].product_count must be at least 1 (got 0)",
    ],
    [
      { customer_uid: "nobody", channel_key: NICE, schedules: [entry()] },
      200,
      1,
      "no billing key with customer_uid nobody for this merchant; send card_number and expiry",
    ],
    [
      {
        customer_uid: "declined",
        channel_key: NICE,
        card_number: "4000000000000002",
        expiry: "2030-12",
        schedules: [entry()],
      },
      200,
      1,
      "billing key not issued: [1001] card declined by the issuer",
    ],
    [{ customer_uid: SMARTRO_CUSTOMER, schedules: [] }, 200, -1, "schedules must have at least 1 item(s)"],
  ];
  for (const [body, status, code, message] of cases) {
    const answer = await mock.post("/subscribe/payments/schedule", "json", body);
    expect(answer.status, message).toBe(status);
    expect(answer.body).toMatchObject({ code, response: null });
    expect(answer.explanation).toContain(message);
  }
  const after = await state(mock);
  expect(after.schedules).toEqual(before.schedules);
  expect(after.billing_keys).toEqual(before.billing_keys);
});

test("card data issues the key on a PG that allows it, then schedules with it", async () => {
  const mock = createTestMock();
  const answer = await mock.post("/subscribe/payments/schedule", "json", {
    customer_uid: "fresh",
    channel_key: NICE,
    ...CARD,
    customer_id: "u7",
    schedules: [entry()],
  });
  expect(answer.body.response[0]).toMatchObject({ pg_provider: "nice_v2", customer_id: "u7" });
  expect((await mock.get("/subscribe/customers/fresh")).body.response.pg_provider).toBe("nice_v2");
});

test("GET /subscribe/payments/schedule lists a window of at most three months, newest first or oldest first, by status and page", async () => {
  const mock = createTestMock();
  const items = [1, 2, 3, 4].map((d) => entry({ schedule_at: START + d * DAY }));
  await schedule(mock, items);
  await advance(mock, DAY);
  const list = (query: Record<string, unknown>) =>
    mock.get("/subscribe/payments/schedule", { schedule_from: START, schedule_to: START + 10 * DAY, ...query });
  const uids = (answer: { body: { response: { merchant_uid: string }[] } }) =>
    answer.body.response.map((s) => s.merchant_uid);
  const [a, b, c, d] = items.map((i) => i.merchant_uid);
  expect(uids(await list({}))).toEqual([d, c, b, a]);
  expect(uids(await list({ sorting: "scheduled" }))).toEqual([a, b, c, d]);
  expect(uids(await list({ schedule_status: "executed" }))).toEqual([a]);
  expect(uids(await list({ limit: 3, page: 2 }))).toEqual([a]);
  expect(uids(await list({ schedule_from: START + 2 * DAY, schedule_to: START + 4 * DAY }))).toEqual([c, b]);
  expect((await list({ schedule_to: START + 93 * DAY })).explanation).toMatch(/longer than three months/);
  expect((await list({ schedule_to: START })).explanation).toBe(
    `the window's end ${START} must come after its start ${START}`,
  );
  expect((await list({ sorting: "newest" })).status).toBe(400);
  expect((await list({ limit: 3, page: 3 })).status).toBe(400);
  expect((await mock.get("/subscribe/payments/schedule", { schedule_from: START })).explanation).toContain(
    "schedule_to is required",
  );
});

test.each(["/subscribe/payments/schedule/customers", "/subscribe/customers"])(
  "%s/{customer_uid}… lists one key's schedules, newest first",
  async (prefix) => {
    const mock = createTestMock();
    await niceKey(mock, "kim");
    const mine = [entry({ schedule_at: START + DAY }), entry({ schedule_at: START + 2 * DAY })];
    await schedule(mock, mine);
    await mock.post("/subscribe/payments/schedule", "json", { customer_uid: "kim", schedules: [entry()] });
    const path =
      prefix === "/subscribe/customers" ? `${prefix}/${SMARTRO_CUSTOMER}/schedules` : `${prefix}/${SMARTRO_CUSTOMER}`;
    const answer = await mock.get(path, { from: START, to: START + 30 * DAY });
    expect(answer.body.response.map((s: { merchant_uid: string }) => s.merchant_uid)).toEqual([
      mine[1]!.merchant_uid,
      mine[0]!.merchant_uid,
    ]);
    expect(
      (await mock.get(path, { from: START, to: START + 30 * DAY, "schedule-status": "revoked" })).body.response,
    ).toEqual([]);
    const unknown = prefix === "/subscribe/customers" ? `${prefix}/nobody/schedules` : `${prefix}/nobody`;
    expect([
      (await mock.get(unknown, { from: START, to: START + DAY })).status,
      (await mock.get(unknown, { from: START, to: START + DAY })).body.code,
    ]).toEqual([200, 1]);
  },
);

test("product_count is kept on again, vbanks and scheduled payments (1 when left out), though no V1 answer shows it", async () => {
  const mock = createTestMock();
  const again = await mock.post("/subscribe/payments/again", "json", {
    customer_uid: SMARTRO_CUSTOMER,
    merchant_uid: orderId(),
    amount: 1000,
    product_count: 3,
    ...AGAIN,
  });
  const plain = await mock.post("/subscribe/payments/again", "form", {
    customer_uid: SMARTRO_CUSTOMER,
    merchant_uid: orderId(),
    amount: 1000,
    ...AGAIN,
  });
  const vbank = await mock.post("/vbanks", "json", {
    channel_key: NICE,
    merchant_uid: orderId(),
    amount: 1000,
    vbank_code: "088",
    vbank_due: "2026-01-05",
    product_count: 2,
  });
  const item = entry({ schedule_at: START + HOUR, product_count: 4 });
  await schedule(mock, [item]);
  await advance(mock, HOUR);
  const counts = Object.fromEntries(
    (await state(mock)).payments.map((p: { imp_uid: string; product_count: number }) => [p.imp_uid, p.product_count]),
  );
  const scheduled = (await mock.get(`/subscribe/payments/schedule/${item.merchant_uid}`)).body.response.imp_uid;
  expect([
    counts[again.body.response.imp_uid],
    counts[plain.body.response.imp_uid],
    counts[vbank.body.response.imp_uid],
    counts[scheduled],
  ]).toEqual([3, 1, 2, 4]);
  expect(again.body.response).not.toHaveProperty("product_count");
  const zero = await mock.post("/subscribe/payments/again", "json", {
    customer_uid: SMARTRO_CUSTOMER,
    merchant_uid: orderId(),
    amount: 1000,
    product_count: 0,
    ...AGAIN,
  });
  expect([zero.status, zero.body.code]).toEqual([200, -1]);
  expect(zero.explanation).toBe("product_count must be at least 1 (got 0)");
});

test("a retry that makes no payment is refused and leaves the schedule and the webhook queue as they were", async () => {
  const mock = createTestMock();
  const item = entry({ schedule_at: START + HOUR });
  await schedule(mock, [item]);
  await control(mock, "POST", "/failures", { channel_key: SMARTRO, outcome: "decline" });
  await advance(mock, HOUR);
  await mock.post("/subscribe/payments/again", "json", {
    customer_uid: SMARTRO_CUSTOMER,
    merchant_uid: item.merchant_uid,
    amount: 1000,
    ...AGAIN,
  });
  const before = await state(mock);
  const webhooksBefore = await mock.owedWebhooks();
  await advance(mock, HOUR);
  const retried = await mock.post(`/subscribe/payments/schedule/${item.merchant_uid}/retry`, "json", {});
  expect(retried.body).toMatchObject({ code: 1, response: null });
  expect(retried.explanation).toContain("a paid order cannot be paid again");
  const after = await state(mock);
  expect(after.schedules).toEqual(before.schedules);
  expect(await mock.owedWebhooks()).toEqual(webhooksBefore);
});

test("a control call first runs what came due before it: a failure armed after the due time does not reach the run", async () => {
  const mock = createTestMock();
  const item = entry({ schedule_at: START + HOUR });
  await schedule(mock, [item]);
  await mock.server.core.clock.advance(2 * HOUR);
  await control(mock, "POST", "/failures", { channel_key: SMARTRO, outcome: "decline" });
  expect((await state(mock)).schedules[0]).toMatchObject({ payment_status: "paid", executed_at: START + HOUR });
});

test("unschedule names each schedule once, however often merchant_uid[] repeats it", async () => {
  const mock = createTestMock();
  const item = entry();
  await schedule(mock, [item]);
  const answer = await mock.post("/subscribe/payments/unschedule", "json", {
    merchant_uid: [item.merchant_uid, item.merchant_uid],
  });
  expect(answer.body.response).toHaveLength(1);
});

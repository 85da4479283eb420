import fc from "fast-check";
import { expect, test } from "vitest";
import { operations, operationKeys, type Operation } from "../../contracts/operations.ts";
import {
  checkout,
  createTestMock,
  orderId,
  SMARTRO,
  SMARTRO_CUSTOMER,
  type TestMock,
  oneChannelConfig,
  explained,
} from "../support/mock.ts";
import {
  BUYER,
  control,
  deposit,
  ONETIME,
  onetime,
  onetimeBody,
  REFUND_ACCOUNT,
  smartroVbank,
} from "../support/requests.ts";

/** Everything a refused request must not change. */
async function snapshot(mock: TestMock) {
  const state = await mock.state();
  return { payments: state.payments, billing_keys: state.billing_keys, prepared: state.prepared };
}

test.each([
  ["malformed JSON", { raw: '{"merchant_uid": "a",', headers: { "content-type": "application/json" } }, /JSON/i],
  ["a JSON array", { raw: "[1,2]", headers: { "content-type": "application/json" } }, /object/i],
  ["no Content-Type", { raw: '{"merchant_uid":"a","amount":1}', headers: {} }, /Content-Type/],
  ["an unsupported Content-Type", { raw: "<xml/>", headers: { "content-type": "text/xml" } }, /text\/xml/],
])(
  "%s is refused in the envelope (HTTP 200, code -1: onetime documents no 400) and changes nothing",
  async (_, request, message) => {
    const mock = createTestMock();
    const before = await snapshot(mock);
    const answer = await mock.call("POST", ONETIME, request);
    expect([answer.status, answer.body.code]).toEqual([200, -1]);
    expect(explained(answer)).toEqual({ code: -1, message: expect.stringMatching(message), response: null });
    expect(await snapshot(mock)).toEqual(before);
  },
);

test("JSON with a charset parameter is accepted", async () => {
  const mock = createTestMock();
  const answer = await mock.call("POST", ONETIME, {
    raw: JSON.stringify(onetimeBody()),
    headers: { "content-type": "application/json;charset=utf-8" },
  });
  expect(answer.body.response.status).toBe("paid");
});

test.each([
  [{ amount: "a lot" }, "amount must be number"],
  [{ amount: true }, "amount must be number"],
  [{ merchant_uid: 12345 }, "merchant_uid must be string"],
  [{ card_quota: 1.5 }, "card_quota must be int"],
  [{ product_type: "virtual" }, 'product_type must be one of "real", "digital"'],
  [{ buyer_name: "가".repeat(17) }, "buyer_name must be at most 16 characters"],
])("a wrong type or value %o is 400 naming the field and the rule", async (fields, message) => {
  const mock = createTestMock();
  const answer = await onetime(mock, fields);
  expect([answer.status, answer.body.code]).toEqual([200, -1]);
  expect(answer.explanation).toBe(message);
});

test("explicit nulls mean absent", async () => {
  const mock = createTestMock();
  const answer = await onetime(mock, { buyer_name: null, tax_free: null, notice_url: null });
  expect(answer.body.response).toMatchObject({ status: "paid", buyer_name: null });
});

test("every problem of a request is listed, not just the first", async () => {
  const mock = createTestMock();
  const answer = await mock.call("POST", ONETIME, { json: { amount: "x" } });
  expect(answer.explanation).toBe(
    "merchant_uid is required; amount must be number; card_number is required; expiry is required",
  );
});

test("a body over the size limit is 413 in the envelope", async () => {
  const mock = createTestMock({
    config: oneChannelConfig({ body_limit_bytes: 1024 }),
  });
  const answer = await onetime(mock, { custom_data: "x".repeat(2000) });
  expect(answer.status).toBe(413);
  expect(explained(answer)).toEqual({ code: -1, message: "the body is larger than 1024 bytes", response: null });
  expect((await mock.state()).payments).toEqual([]);
});

test("unknown extra fields are accepted and noted in the journal", async () => {
  const mock = createTestMock();
  const answer = await onetime(mock, { amount: "1000", utm: { source: "mail" }, channel_key: "x" }, "form");
  expect(answer.body.response.status).toBe("paid");
  const journal = await control(mock, "GET", "/journal", undefined, { operation: "onetime" });
  expect(journal.body.response[0].unknown_fields).toEqual(["utm", "channel_key"]);
});

test.each([
  ["POST", "/subscribe/again", "POST /subscribe/payments/again"],
  ["POST", "/subscribe/schedule", "POST /subscribe/payments/schedule"],
  ["POST", "/subscribe/unschedule", "POST /subscribe/payments/unschedule"],
  ["POST", "/subscribe/onetime", "POST /subscribe/payments/onetime"],
])("%s %s is 404 with a hint to the real path", async (method, path, hint) => {
  const mock = createTestMock();
  const answer = await mock.call(method, path, { json: {} });
  expect(answer.status).toBe(404);
  // No route, no real text to imitate: the hint is in message itself, not only in the header.
  expect(answer.body.message).toBe(answer.explanation);
  expect(explained(answer)).toEqual({
    code: -1,
    message: expect.stringContaining(`Did you mean ${hint}`),
    response: null,
  });
});

test("a path far from any real one is 404 without a guess", async () => {
  const mock = createTestMock();
  const answer = await mock.call("GET", "/v2/payments/x/y/z");
  expect(answer.status).toBe(404);
  expect(answer.explanation).toBe("GET /v2/payments/x/y/z is not a path of the iamport REST API.");
});

test.each([
  ["GET", "/users/getToken", "POST"],
  ["DELETE", "/payments/cancel", "POST"],
  ["PATCH", "/payments/prepare", "POST, PUT"],
  ["POST", "/payments/imp_1", "GET"],
])("%s %s is 405 naming the methods the path takes", async (method, path, allowed) => {
  const mock = createTestMock();
  const answer = await mock.call(method, path);
  expect(answer.status).toBe(405);
  expect(answer.explanation).toBe(`${method} is not allowed on ${path}; it takes ${allowed}`);
});

test("an imp_uid with URL-encoded characters is looked up literally", async () => {
  const mock = createTestMock();
  const answer = await mock.get("/payments/imp%2F..%2Fusers");
  expect(answer.status).toBe(404);
  expect(answer.explanation).toBe("no payment with imp_uid imp/../users for this merchant");
});

test("random junk bodies never produce a 500 and never change state", async () => {
  const mock = createTestMock();
  const before = await snapshot(mock);
  const writes = operationKeys
    .map((key) => operations[key] as Operation)
    .filter((op) => op.method === "post" || op.method === "put");
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...writes),
      fc.oneof(
        fc.json(),
        fc.string(),
        fc.jsonValue().map((v) => JSON.stringify({ merchant_uid: v, amount: v, customer_uid: SMARTRO_CUSTOMER })),
      ),
      fc.constantFrom("application/json", "application/x-www-form-urlencoded", "text/plain"),
      async (operation, raw, contentType) => {
        const path = operation.path.replace(/\{\w+\}/g, "x");
        const answer = await mock.call(operation.method.toUpperCase(), path, {
          raw,
          headers: { "content-type": contentType },
        });
        expect(answer.status).not.toBe(500);
        expect(answer.body).toHaveProperty("code");
        if (answer.body.code !== 0) expect(answer.body.response).toBeNull();
      },
    ),
    { numRuns: 300 },
  );
  const after = await snapshot(mock);
  // Junk can, rarely, be a valid request; whatever it made must be consistent, and nothing else may change.
  expect(after.billing_keys.filter((k: { customer_uid: string }) => k.customer_uid === SMARTRO_CUSTOMER)).toEqual(
    before.billing_keys,
  );
  for (const payment of after.payments) expect(payment.cancel_amount).toBeLessThanOrEqual(payment.amount);
});

test("a refused write against real payments, accounts and schedules changes nothing at all", async () => {
  const mock = createTestMock();
  const escrow = await checkout(mock, { pay_method: "trans", escrow: true, channel_key: SMARTRO });
  const account = (
    await mock.post("/vbanks", "json", {
      channel_key: "channel-key-demo-nice-v2",
      merchant_uid: orderId(),
      amount: 5000,
      vbank_code: "088",
      vbank_due: "2026-02-01",
    })
  ).body.response;
  await deposit(mock, { imp_uid: account.imp_uid });
  const smartroAccount = await smartroVbank(mock, { amount: 5000, vbank_due: "2026-02-01" });
  await deposit(mock, { imp_uid: smartroAccount.imp_uid });
  await mock.post("/payments/cancel", "json", { imp_uid: smartroAccount.imp_uid, amount: 1000, ...REFUND_ACCOUNT });
  const [scheduled, failed] = [orderId("sch"), orderId("sch")];
  const schedules = [scheduled, failed].map((merchant_uid, i) => ({
    merchant_uid,
    schedule_at: mock.server.clock.now() + 3600 * (i + 1),
    amount: 1000,
    name: "plan",
    ...BUYER,
  }));
  await mock.post("/subscribe/payments/schedule", "json", { customer_uid: SMARTRO_CUSTOMER, schedules });
  await control(mock, "POST", "/clock/advance", { seconds: 3600 });
  await control(mock, "POST", "/failures", { channel_key: SMARTRO, outcome: "decline" });
  await control(mock, "POST", "/clock/advance", { seconds: 3600 });
  await mock.post("/subscribe/payments/again", "json", {
    customer_uid: SMARTRO_CUSTOMER,
    merchant_uid: failed,
    amount: 1000,
    name: "n",
    ...BUYER,
  });
  const targets: [string, string][] = [
    ["POST", `/escrows/logis/${escrow.imp_uid}`],
    ["PUT", `/escrows/logis/${escrow.imp_uid}`],
    ["POST", `/receipts/${escrow.imp_uid}`],
    ["POST", "/receipts/external/ext1"],
    ["POST", "/payments/cancel"],
    ["PUT", `/vbanks/${account.imp_uid}`],
    ["POST", "/vbanks"],
    ["POST", "/subscribe/payments/schedule"],
    ["POST", "/subscribe/payments/unschedule"],
    ["PUT", `/subscribe/payments/schedule/${scheduled}`],
    ["POST", `/subscribe/payments/schedule/${failed}/reschedule`],
    ["POST", `/subscribe/payments/schedule/${failed}/retry`],
    ["POST", "/__mock/pg-notices"],
    ["POST", `/__mock/payments/${account.imp_uid}/cancel`],
    ["POST", `/__mock/payments/${smartroAccount.imp_uid}/cancel`],
  ];
  const everything = async () => {
    const { now: _, tokens: __, ...state } = await mock.state();
    return state;
  };
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...targets),
      fc.oneof(
        fc.json(),
        fc.string(),
        fc
          .tuple(
            fc.constantFrom(account.imp_uid, smartroAccount.imp_uid),
            fc.jsonValue(),
            fc.constantFrom("deposit", "refund_transfer"),
          )
          .map(([imp_uid, v, kind]) =>
            JSON.stringify({
              imp_uid,
              kind,
              amount: v,
              schedule_at: v,
              logis: v,
              identifier: v,
              cancellation_id: v,
              ...REFUND_ACCOUNT,
            }),
          ),
        fc.jsonValue().map((v) =>
          JSON.stringify({
            customer_uid: SMARTRO_CUSTOMER,
            merchant_uid: [scheduled],
            schedules: [{ ...schedules[0], merchant_uid: orderId(), amount: v }],
          }),
        ),
      ),
      fc.constantFrom("application/json", "application/x-www-form-urlencoded"),
      async ([method, path], raw, contentType) => {
        const before = await everything();
        const answer = await mock.call(method, path, {
          token: path.startsWith("/__mock") ? null : undefined,
          raw,
          headers: { "content-type": contentType },
        });
        expect(answer.status).not.toBe(500);
        if (answer.body.code !== 0) expect(await everything()).toEqual(before);
      },
    ),
    { numRuns: 200 },
  );
});

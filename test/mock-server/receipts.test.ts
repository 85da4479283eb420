import { expect, test } from "vitest";
import {
  checkout,
  createTestMock,
  ENCODINGS,
  NICE,
  oneChannelConfig,
  orderId,
  SMARTRO,
  START,
  TOSS,
  type Encoding,
  type TestMock,
  explained,
} from "../support/mock.ts";
import { deposit, REFUND_ACCOUNT, smartroVbank } from "../support/requests.ts";

const receiptRequest = (overrides: Record<string, unknown> = {}) => ({
  identifier: "01012345678",
  identifier_type: "phone",
  type: "person",
  buyer_name: "홍길동",
  buyer_tel: "01012345678",
  ...overrides,
});
const externalRequest = (overrides: Record<string, unknown> = {}) => ({
  channel_key: SMARTRO,
  name: "정기구독",
  amount: 11000,
  ...receiptRequest(),
  ...overrides,
});

const cashPayment = (mock: TestMock, fields: Record<string, unknown> = {}) =>
  checkout(mock, { channel_key: SMARTRO, pay_method: "trans", ...fields });
const issue = (mock: TestMock, imp_uid: string, encoding: Encoding = "json", overrides: Record<string, unknown> = {}) =>
  mock.post(`/receipts/${imp_uid}`, encoding, receiptRequest(overrides));
const issueExternal = (
  mock: TestMock,
  merchant_uid: string,
  encoding: Encoding = "json",
  overrides: Record<string, unknown> = {},
) => mock.post(`/receipts/external/${merchant_uid}`, encoding, externalRequest(overrides));

test.each(ENCODINGS)(
  "Smartro v2 issues a cash receipt for a paid cash payment, for its amount with 1/11 VAT (%s)",
  async (encoding) => {
    const mock = createTestMock();
    const payment = await cashPayment(mock);
    const answer = await issue(mock, payment.imp_uid, encoding);
    expect(answer.status).toBe(200);
    expect(answer.body.response).toMatchObject({
      imp_uid: payment.imp_uid,
      type: "person",
      amount: 10000,
      vat: 909,
      applied_at: START,
      cancelled_at: 0,
    });
    expect(answer.body.response.apply_num).toMatch(/^\d{9}$/);
    expect(answer.body.response.receipt_url).toMatch(/^https:\/\/receipt\.mock\.invalid\/smartro_v2\//);
    expect((await mock.get(`/receipts/${payment.imp_uid}`)).body.response).toEqual(answer.body.response);
    expect((await mock.get(`/payments/${payment.imp_uid}`)).body.response.cash_receipt_issued).toBe(true);
    expect((await mock.state()).receipts).toEqual([answer.body.response]);
  },
);

// docs/domain.md §3: POST /receipts/{imp_uid} on Smartro v2, one test per rule and encoding (identifier is required by the schema on every PG).
test.each(
  ENCODINGS.flatMap((encoding) =>
    ["identifier", "type", "buyer_name", "buyer_tel"].map((field) => [field, encoding] as const),
  ),
)("POST /receipts/{imp_uid} on Smartro v2 without %s is refused and issues nothing (%s)", async (field, encoding) => {
  const mock = createTestMock();
  const payment = await cashPayment(mock);
  const request: Record<string, unknown> = receiptRequest();
  delete request[field];
  const answer = await mock.post(`/receipts/${payment.imp_uid}`, encoding, request);
  expect(answer.status).toBe(400);
  expect(answer.body).toMatchObject({ code: -1, response: null });
  expect(answer.explanation).toContain(
    field === "identifier" ? "identifier is required" : `${field} is required by smartro_v2`,
  );
  expect((await mock.get(`/receipts/${payment.imp_uid}`)).status).toBe(404);
});

test("a receipt is refused for a card payment, an unpaid account, a second time, with a bad identifier or tax_free, and answers 404 for an unknown payment", async () => {
  const mock = createTestMock();
  const card = await checkout(mock, { channel_key: NICE });
  expect((await issue(mock, card.imp_uid)).explanation).toBe(
    `${card.imp_uid} is a card payment; cash receipts are for cash payments (vbank, trans)`,
  );
  const account = await mock.post("/vbanks", "json", {
    channel_key: NICE,
    merchant_uid: orderId(),
    amount: 5000,
    vbank_code: "088",
    vbank_due: "2026-01-05",
  });
  const unpaid = await issue(mock, account.body.response.imp_uid);
  expect(unpaid.status).toBe(400);
  expect(unpaid.explanation).toBe(
    `${account.body.response.imp_uid} is ready; a cash receipt is issued only for a paid payment`,
  );

  const payment = await cashPayment(mock);
  for (const [overrides, message] of [
    [
      { identifier: "010-abc" },
      'identifier "010-abc" must be digits (hyphens allowed): a phone, resident, business or cash receipt card number',
    ],
    [
      { identifier: "1234567890123", identifier_type: "phone" },
      'identifier "1234567890123" is not a mobile phone number (01 and 8 or 9 more digits), as identifier_type phone says',
    ],
    [
      { identifier: "123-45-6789", identifier_type: "business" },
      'identifier "123-45-6789" is not a business registration number (10 digits), as identifier_type business says',
    ],
    [{ tax_free: 10001 }, "tax_free 10001 must be between 0 and the receipt's amount 10000"],
    [{ vat_amount: 20000 }, "vat_amount 20000 must be between 0 and the taxable amount 10000"],
  ] as const) {
    const answer = await issue(mock, payment.imp_uid, "json", overrides);
    expect(answer.status, message).toBe(400);
    expect(answer.explanation).toBe(message);
  }
  expect(
    (
      await issue(mock, payment.imp_uid, "json", {
        identifier: "123-45-67890",
        identifier_type: "business",
        type: "company",
      })
    ).body.code,
  ).toBe(0);
  const twice = await issue(mock, payment.imp_uid);
  expect(twice.status).toBe(400);
  expect(twice.explanation).toBe(
    `${payment.imp_uid} already has a cash receipt; revoke it with DELETE /receipts/${payment.imp_uid} before issuing another`,
  );
  expect([(await issue(mock, "imp_000000000000")).status, (await issue(mock, "imp_000000000000")).body.code]).toEqual([
    200, 1,
  ]);
  expect((await mock.get("/receipts/imp_000000000000")).status).toBe(404);
  expect((await mock.state()).receipts).toHaveLength(1);
});

test("Toss Payments does not check the identifier (the official document warns of it)", async () => {
  const mock = createTestMock();
  const payment = await cashPayment(mock, { channel_key: TOSS });
  expect(
    (await issue(mock, payment.imp_uid, "json", { identifier: "not-a-number", identifier_type: "phone" })).body.code,
  ).toBe(0);
});

test("a PG without cash receipts answers 501, as the official document lists; so does revoking on a PG that can only issue", async () => {
  const danal = createTestMock({ config: oneChannelConfig({}, { pg_provider: "danal_tpay", pg_id: "m" }) });
  const payment = await cashPayment(danal, { channel_key: "ck" });
  const answer = await issue(danal, payment.imp_uid);
  expect(answer.status).toBe(501);
  expect(explained(answer)).toEqual({ code: -1, message: "danal_tpay does not support issueReceipt", response: null });

  const kicc = createTestMock({ config: oneChannelConfig({}, { pg_provider: "kicc", pg_id: "m" }) });
  const kiccPayment = await cashPayment(kicc, { channel_key: "ck" });
  expect((await issue(kicc, kiccPayment.imp_uid, "json", { identifier_type: "phone" })).body.code).toBe(0);
  expect((await kicc.call("DELETE", `/receipts/${kiccPayment.imp_uid}`)).status).toBe(501);
});

test("the receipt covers what is left after refunds; NICE v2 takes later refunds off it and revokes it with the last one", async () => {
  const mock = createTestMock();
  const payment = await cashPayment(mock, { channel_key: NICE });
  await mock.post("/payments/cancel", "json", { imp_uid: payment.imp_uid, amount: 2000 });
  expect((await issue(mock, payment.imp_uid)).body.response).toMatchObject({ amount: 8000, vat: 727 });
  await mock.server.core.clock.advance(60);
  await mock.post("/payments/cancel", "json", { imp_uid: payment.imp_uid, amount: 3000 });
  expect((await mock.get(`/receipts/${payment.imp_uid}`)).body.response).toMatchObject({
    amount: 5000,
    cancelled_at: 0,
  });
  await mock.post("/payments/cancel", "json", { imp_uid: payment.imp_uid });
  expect((await mock.get(`/receipts/${payment.imp_uid}`)).body.response).toMatchObject({
    amount: 0,
    cancelled_at: START + 60,
  });
  expect((await mock.get(`/payments/${payment.imp_uid}`)).body.response).toMatchObject({
    status: "cancelled",
    cash_receipt_issued: false,
  });
});

test.each(ENCODINGS)(
  "Smartro v2: cancelling the payment leaves the receipt issued through the API; only DELETE revokes it (%s)",
  async (encoding) => {
    const mock = createTestMock();
    const payment = await cashPayment(mock);
    const issued = (await issue(mock, payment.imp_uid, encoding)).body.response;
    const cancelled = await mock.post("/payments/cancel", encoding, { imp_uid: payment.imp_uid, ...REFUND_ACCOUNT });
    expect(cancelled.body.response.status).toBe("cancelled");
    expect((await mock.get(`/receipts/${payment.imp_uid}`)).body.response).toEqual(issued);
    expect((await mock.get(`/payments/${payment.imp_uid}`)).body.response.cash_receipt_issued).toBe(true);

    await mock.server.core.clock.advance(120);
    const revoked = await mock.call("DELETE", `/receipts/${payment.imp_uid}`);
    expect(revoked.body.response).toEqual({ ...issued, cancelled_at: START + 120 });
    expect((await mock.get(`/receipts/${payment.imp_uid}`)).body.response.cancelled_at).toBe(START + 120);
    expect((await mock.get(`/payments/${payment.imp_uid}`)).body.response.cash_receipt_issued).toBe(false);
    const again = await mock.call("DELETE", `/receipts/${payment.imp_uid}`);
    expect(again.status).toBe(400);
    expect(again.explanation).toBe(`the cash receipt of ${payment.imp_uid} was already revoked at ${START + 120}`);
  },
);

test("DELETE of a receipt never issued is 400, as the official document lists", async () => {
  const mock = createTestMock();
  const payment = await cashPayment(mock);
  const answer = await mock.call("DELETE", `/receipts/${payment.imp_uid}`);
  expect(answer.status).toBe(400);
  expect(answer.explanation).toBe(
    `no cash receipt was issued for ${payment.imp_uid} through PortOne; there is nothing to revoke`,
  );
});

test("Smartro v2 takes tax_free on trust when refunding a virtual account without a receipt, and checks it with one", async () => {
  const mock = createTestMock();
  const { imp_uid } = await smartroVbank(mock);
  await deposit(mock, { imp_uid });
  const trusted = await mock.post("/payments/cancel", "json", {
    imp_uid,
    amount: 5000,
    tax_free: 4000,
    ...REFUND_ACCOUNT,
  });
  expect(trusted.body.code).toBe(0);
  expect((await mock.state()).pending_refunds[0]).toMatchObject({ amount: 5000, tax_free: 4000 });
  await issue(mock, imp_uid);
  const checked = await mock.post("/payments/cancel", "json", {
    imp_uid,
    amount: 5000,
    tax_free: 4000,
    ...REFUND_ACCOUNT,
  });
  expect(checked.body).toMatchObject({ code: 1, response: null });
  expect(checked.explanation).toContain("tax_free 4000 exceeds the tax-free balance");
  // What was taken on trust never makes the payment unrefundable: a refund without tax-free still goes through.
  expect(
    (await mock.post("/payments/cancel", "json", { imp_uid, amount: 5000, tax_free: 0, ...REFUND_ACCOUNT })).body.code,
  ).toBe(0);
  expect((await mock.get(`/payments/${imp_uid}/balance`)).body.response.primary.tax_free).toBe(0);
});

test("a receipt for a payment with a tax-free part takes that part unless tax_free is sent", async () => {
  const mock = createTestMock();
  const payment = await cashPayment(mock, { channel_key: NICE, tax_free: 2000 });
  expect((await issue(mock, payment.imp_uid)).body.response).toMatchObject({ amount: 10000, vat: 727 });
});

test.each(ENCODINGS)(
  "Smartro v2 issues, shows and revokes a receipt for a payment made elsewhere (%s)",
  async (encoding) => {
    const mock = createTestMock();
    const merchant_uid = orderId("ext");
    const issued = await issueExternal(mock, merchant_uid, encoding, { pay_method: "vbank", tax_free: 1000 });
    expect(issued.body.response).toMatchObject({
      merchant_uid,
      type: "person",
      amount: 11000,
      vat: 909,
      applied_at: START,
      cancelled_at: 0,
    });
    expect((await mock.get(`/receipts/external/${merchant_uid}`)).body.response).toEqual(issued.body.response);
    const twice = await issueExternal(mock, merchant_uid, encoding);
    expect(twice.status).toBe(400);
    expect(twice.explanation).toBe(
      `merchant_uid ${merchant_uid} already has a cash receipt; revoke it with DELETE /receipts/external/${merchant_uid} before issuing another`,
    );
    const revoked = await mock.call("DELETE", `/receipts/external/${merchant_uid}`);
    expect(revoked.body.response).toEqual({ ...issued.body.response, cancelled_at: START });
    expect((await mock.call("DELETE", `/receipts/external/${merchant_uid}`)).status).toBe(400);
    expect((await issueExternal(mock, merchant_uid, encoding)).body.code).toBe(0);
    expect((await mock.state()).external_receipts).toHaveLength(1);
  },
);

// docs/domain.md §3: POST /receipts/external/{merchant_uid} on Smartro v2, one test per rule and encoding.
test.each(
  ENCODINGS.flatMap((encoding) =>
    ["name", "amount", "identifier", "type", "buyer_name", "buyer_tel"].map((field) => [field, encoding] as const),
  ),
)("POST /receipts/external/{merchant_uid} on Smartro v2 without %s is refused (%s)", async (field, encoding) => {
  const mock = createTestMock();
  const request: Record<string, unknown> = externalRequest();
  delete request[field];
  const answer = await mock.post(`/receipts/external/${orderId("ext")}`, encoding, request);
  expect(answer.status).toBe(400);
  expect(answer.explanation).toContain(
    ["type", "buyer_name", "buyer_tel"].includes(field) ? `${field} is required by smartro_v2` : `${field} is required`,
  );
  expect((await mock.state()).external_receipts).toEqual([]);
});

test.each(ENCODINGS)(
  "Smartro v2 refuses an external receipt's merchant_uid with special characters (%s)",
  async (encoding) => {
    const mock = createTestMock();
    const answer = await issueExternal(mock, "ext-1", encoding);
    expect(answer.status).toBe(400);
    expect(answer.explanation).toBe(
      'merchant_uid "ext-1": smartro_v2 allows letters and digits only (no special characters)',
    );
    expect((await issueExternal(mock, "ext-1", encoding, { channel_key: NICE })).body.code).toBe(0);
  },
);

test("external receipts: unknown channel is code 1, unknown merchant_uid is 404 for GET and DELETE, a PG without them is 501, amount must be positive", async () => {
  const mock = createTestMock();
  expect((await issueExternal(mock, "ext1", "json", { channel_key: "nope" })).body).toMatchObject({
    code: 1,
    response: null,
  });
  expect((await mock.get("/receipts/external/none1")).status).toBe(404);
  const revokeUnknown = await mock.call("DELETE", "/receipts/external/none1");
  expect(revokeUnknown.status).toBe(404);
  expect(revokeUnknown.explanation).toBe("no cash receipt was issued for merchant_uid none1");
  expect((await issueExternal(mock, "ext2", "json", { channel_key: NICE, amount: 0 })).explanation).toBe(
    "amount must be greater than 0 (got 0)",
  );
  const daou = createTestMock({ config: oneChannelConfig({}, { pg_provider: "daou", pg_id: "m" }) });
  const answer = await issueExternal(daou, "ext3", "json", { channel_key: "ck" });
  expect(answer.status).toBe(501);
  expect(answer.explanation).toBe("daou does not support issueExternalReceipt");
  expect((await mock.state()).external_receipts).toEqual([]);
  expect((await daou.state()).external_receipts).toEqual([]);
});

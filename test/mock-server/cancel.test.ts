import { describe, expect, test } from "vitest";
import {
  checkout,
  createTestMock,
  ENCODINGS,
  NICE,
  SMARTRO,
  START,
  type TestMock,
  explained,
} from "../support/mock.ts";
import { keyedPayment, REFUND_ACCOUNT } from "../support/requests.ts";

/** A keyed card payment of 10000 won. */
const paidCard = (mock: TestMock, fields: Record<string, unknown> = {}) =>
  keyedPayment(mock, { amount: 10000, ...fields });

describe.each(ENCODINGS)("%s bodies", (encoding) => {
  test("a full cancel by imp_uid cancels the payment and records the cancellation", async () => {
    const mock = createTestMock();
    const payment = await paidCard(mock);
    mock.server.clock.advance(60);
    const answer = await mock.post("/payments/cancel", encoding, {
      imp_uid: payment.imp_uid,
      reason: "changed my mind",
    });
    expect(answer.body.code).toBe(0);
    expect(answer.body.response).toMatchObject({
      status: "cancelled",
      cancel_amount: 10000,
      cancelled_at: START + 60,
      cancel_reason: "changed my mind",
    });
    expect(answer.body.response.cancel_history).toEqual([
      {
        pg_tid: payment.pg_tid,
        amount: 10000,
        cancelled_at: START + 60,
        reason: "changed my mind",
        cancellation_id: expect.stringMatching(/^[0-9a-f]{24}$/),
        receipt_url: expect.any(String),
      },
    ]);
    expect(answer.body.response.cancel_receipt_urls).toHaveLength(1);
  });

  test("partial cancels keep status paid until the balance is gone", async () => {
    const mock = createTestMock();
    const payment = await paidCard(mock);
    const first = await mock.post("/payments/cancel", encoding, { imp_uid: payment.imp_uid, amount: 3000 });
    expect(first.body.response).toMatchObject({ status: "paid", cancel_amount: 3000 });
    const second = await mock.post("/payments/cancel", encoding, {
      merchant_uid: payment.merchant_uid,
      amount: 7000,
      checksum: 7000,
    });
    expect(second.body.response).toMatchObject({ status: "cancelled", cancel_amount: 10000 });
    expect(second.body.response.cancel_history.map((c: { amount: number }) => c.amount)).toEqual([3000, 7000]);
    const ids = second.body.response.cancel_history.map((c: { cancellation_id: string }) => c.cancellation_id);
    expect(new Set(ids).size).toBe(2);
  });

  test("an amount above the cancelable balance is refused with code 1 and changes nothing", async () => {
    const mock = createTestMock();
    const payment = await paidCard(mock);
    await mock.post("/payments/cancel", encoding, { imp_uid: payment.imp_uid, amount: 4000 });
    const answer = await mock.post("/payments/cancel", encoding, { imp_uid: payment.imp_uid, amount: 6001 });
    expect(explained(answer)).toEqual({
      code: 1,
      message: `amount 6001 exceeds the cancelable balance 6000 of ${payment.imp_uid}`,
      response: null,
    });
    expect((await mock.get(`/payments/${payment.imp_uid}`)).body.response.cancel_amount).toBe(4000);
  });

  test("a checksum other than the cancelable balance is refused", async () => {
    const mock = createTestMock();
    const payment = await paidCard(mock);
    const answer = await mock.post("/payments/cancel", encoding, {
      imp_uid: payment.imp_uid,
      amount: 1000,
      checksum: 9000,
    });
    expect(answer.body.code).toBe(1);
    expect(answer.explanation).toMatch(/^checksum 9000 does not match the cancelable balance 10000/);
  });
});

test("a cancel naming neither imp_uid nor merchant_uid is 400", async () => {
  const mock = createTestMock();
  const answer = await mock.call("POST", "/payments/cancel", { json: { amount: 100 } });
  expect([answer.status, answer.body.code]).toEqual([200, -1]);
  expect(answer.explanation).toBe("imp_uid or merchant_uid is required to name the payment to cancel");
});

test("cancelling an unknown payment is HTTP 200 with code 1", async () => {
  const mock = createTestMock();
  const answer = await mock.call("POST", "/payments/cancel", { json: { imp_uid: "imp_000000000000" } });
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ code: 1, response: null });
});

test("cancelling twice: the second is refused as already cancelled", async () => {
  const mock = createTestMock();
  const payment = await paidCard(mock);
  await mock.call("POST", "/payments/cancel", { json: { imp_uid: payment.imp_uid } });
  const again = await mock.call("POST", "/payments/cancel", { json: { imp_uid: payment.imp_uid } });
  expect(explained(again)).toMatchObject({ code: 1, message: `${payment.imp_uid} is already fully cancelled` });
});

test("a failed payment cannot be cancelled", async () => {
  const mock = createTestMock();
  const payment = await paidCard(mock, { card_number: "4000000000000002" });
  const answer = await mock.call("POST", "/payments/cancel", { json: { imp_uid: payment.imp_uid } });
  expect(answer.explanation).toMatch(/failed and was never paid/);
});

test("imp_uid and merchant_uid that disagree are refused", async () => {
  const mock = createTestMock();
  const payment = await paidCard(mock);
  const answer = await mock.call("POST", "/payments/cancel", {
    json: { imp_uid: payment.imp_uid, merchant_uid: "other" },
  });
  expect(answer.explanation).toBe(
    `imp_uid ${payment.imp_uid} belongs to merchant_uid ${payment.merchant_uid}, not other`,
  );
});

test("tax_free and VAT: a partial cancel takes what it names, a full cancel the rest, the balance shows both", async () => {
  const mock = createTestMock();
  const payment = await paidCard(mock, { amount: 11000, tax_free: 1000 });
  await mock.call("POST", "/payments/cancel", { json: { imp_uid: payment.imp_uid, amount: 5000, tax_free: 500 } });
  let balance = (await mock.get(`/payments/${payment.imp_uid}/balance`)).body.response;
  // 11000 = 1000 tax-free + 10000 taxable (VAT 909); the cancel took 500 tax-free, 4500 taxable (VAT 409).
  expect(balance.amount).toBe(6000);
  expect(balance.primary).toEqual({ tax_free: 500, supply: 5000, vat: 500, service: 0 });
  expect(balance.histories).toHaveLength(2);
  expect(balance.histories[0].primary).toEqual({ tax_free: 1000, supply: 9091, vat: 909, service: 0 });
  const rest = await mock.call("POST", "/payments/cancel", { json: { imp_uid: payment.imp_uid } });
  expect(rest.body.response.status).toBe("cancelled");
  balance = (await mock.get(`/payments/${payment.imp_uid}/balance`)).body.response;
  expect(balance.primary).toEqual({ tax_free: 0, supply: 0, vat: 0, service: 0 });
});

test.each([
  [{ tax_free: 2000 }, /^tax_free 2000 exceeds the tax-free balance 1000/],
  [{ vat_amount: 5000 }, /^vat_amount 5000 exceeds the VAT balance 909/],
])("a refund naming more %o than the payment has is refused", async (fields, message) => {
  const mock = createTestMock();
  const payment = await paidCard(mock, { amount: 11000, tax_free: 1000 });
  const answer = await mock.call("POST", "/payments/cancel", {
    json: { imp_uid: payment.imp_uid, amount: 6000, ...fields },
  });
  expect(answer.body.code).toBe(1);
  expect(answer.explanation).toMatch(message);
});

describe.each(ENCODINGS)("Smartro v2 refund rules, %s bodies", (encoding) => {
  test("a cancel by merchant_uid alone is refused: Smartro v2 requires imp_uid", async () => {
    const mock = createTestMock();
    const payment = await checkout(mock, { channel_key: SMARTRO, pay_method: "card" });
    const answer = await mock.post("/payments/cancel", encoding, { merchant_uid: payment.merchant_uid });
    expect([answer.status, answer.body.code]).toEqual([200, -1]);
    expect(answer.explanation).toBe("imp_uid is required by smartro_v2");
  });

  test.each(["vbank", "trans"])("a %s payment needs every refund account field", async (pay_method) => {
    const mock = createTestMock();
    const payment = await checkout(mock, { channel_key: SMARTRO, pay_method, vbank_due: "20300101" });
    const missing = await mock.post("/payments/cancel", encoding, { imp_uid: payment.imp_uid });
    expect([missing.status, missing.body.code]).toEqual([200, -1]);
    for (const field of ["refund_holder", "refund_account", "refund_bank", "refund_tel"]) {
      expect(missing.explanation).toContain(
        `${field} is required by smartro_v2 when the payment's pay_method is vbank or trans`,
      );
    }
    const partial = await mock.post("/payments/cancel", encoding, {
      imp_uid: payment.imp_uid,
      refund_holder: "홍길동",
    });
    expect(partial.explanation).not.toContain("refund_holder");
    expect(partial.explanation).toContain("refund_tel is required");
  });

  test("a card payment needs no refund account", async () => {
    const mock = createTestMock();
    const payment = await checkout(mock, { channel_key: SMARTRO, pay_method: "card" });
    const answer = await mock.post("/payments/cancel", encoding, { imp_uid: payment.imp_uid });
    expect(answer.body.response.status).toBe("cancelled");
  });

  test("a partial cancel of a payment with a tax-free part must send tax_free", async () => {
    const mock = createTestMock();
    const payment = await checkout(mock, { channel_key: SMARTRO, pay_method: "card", tax_free: 2000 });
    const missing = await mock.post("/payments/cancel", encoding, { imp_uid: payment.imp_uid, amount: 1000 });
    expect([missing.status, missing.body.code]).toEqual([200, -1]);
    expect(missing.explanation).toBe(
      "tax_free is required by smartro_v2 for a partial cancel of a payment with a tax-free amount",
    );
    const sent = await mock.post("/payments/cancel", encoding, { imp_uid: payment.imp_uid, amount: 1000, tax_free: 0 });
    expect(sent.body.response.cancel_amount).toBe(1000);
  });
});

test("a Smartro v2 trans refund with the refund account is accepted", async () => {
  const mock = createTestMock();
  const payment = await checkout(mock, { channel_key: SMARTRO, pay_method: "trans" });
  const answer = await mock.call("POST", "/payments/cancel", { json: { imp_uid: payment.imp_uid, ...REFUND_ACCOUNT } });
  expect(answer.body.response.status).toBe("cancelled");
});

test("other PGs refund a virtual account at once, by merchant_uid and without refund_tel (Smartro-only rules)", async () => {
  const mock = createTestMock();
  const payment = await checkout(mock, { channel_key: NICE, pay_method: "vbank" });
  const { refund_tel: _, ...account } = REFUND_ACCOUNT;
  const answer = await mock.call("POST", "/payments/cancel", {
    json: { merchant_uid: payment.merchant_uid, ...account },
  });
  expect(answer.body.response.status).toBe("cancelled");
  expect((await mock.state()).pending_refunds).toEqual([]);
});

test.each(ENCODINGS)(
  "every PG needs the refund account to refund a virtual account, with a standard bank code (%s)",
  async (encoding) => {
    const mock = createTestMock();
    const payment = await checkout(mock, { channel_key: NICE, pay_method: "vbank" });
    for (const field of ["refund_holder", "refund_bank", "refund_account"] as const) {
      const { [field]: _, ...rest } = REFUND_ACCOUNT;
      const answer = await mock.post("/payments/cancel", encoding, { imp_uid: payment.imp_uid, ...rest });
      expect(answer.status, field).toBe(200);
      expect(explained(answer)).toMatchObject({
        code: -1,
        response: null,
        message: `${field} is required to refund a virtual-account payment: the money goes back by bank transfer`,
      });
    }
    const badBank = await mock.post("/payments/cancel", encoding, {
      imp_uid: payment.imp_uid,
      ...REFUND_ACCOUNT,
      refund_bank: "999",
    });
    expect([badBank.status, badBank.body.code]).toEqual([200, -1]);
    expect(badBank.explanation).toBe('refund_bank "999" is not a standard bank code (GET /banks lists them)');
    expect((await mock.get(`/payments/${payment.imp_uid}`)).body.response).toMatchObject({
      status: "paid",
      cancel_amount: 0,
    });
  },
);

test("Smartro v2 test mode refuses a partial cancel of a check card, but not a full one", async () => {
  const mock = createTestMock();
  const payment = await checkout(mock, { channel_key: SMARTRO, pay_method: "card", card_number: "4000056655665556" });
  expect(payment.card_type).toBe(1);
  const partial = await mock.call("POST", "/payments/cancel", { json: { imp_uid: payment.imp_uid, amount: 100 } });
  expect(partial.explanation).toMatch(/cannot partially cancel a check card/);
  const full = await mock.call("POST", "/payments/cancel", { json: { imp_uid: payment.imp_uid } });
  expect(full.body.response.status).toBe("cancelled");
});

test("other PGs partially cancel a check card", async () => {
  const mock = createTestMock();
  const payment = await paidCard(mock, { card_number: "4000056655665556" });
  const partial = await mock.call("POST", "/payments/cancel", { json: { imp_uid: payment.imp_uid, amount: 100 } });
  expect(partial.body.response.cancel_amount).toBe(100);
});

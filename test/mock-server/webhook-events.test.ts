/**
 * Which events owe the merchant a webhook (docs/domain.md §5), as GET /__mock/webhooks lists their
 * deliveries (the demo merchant has no webhook URL, so each is one delivery with `url: null`): approvals, virtual accounts issued and paid into, scheduled attempts,
 * cancels with enable_webhook, and the PG's refund transfer; never an ordinary failed payment.
 */
import { expect, test } from "vitest";
import {
  checkout,
  createTestMock,
  ENCODINGS,
  orderId,
  SMARTRO,
  SMARTRO_CUSTOMER,
  START,
  type TestMock,
} from "../support/mock.ts";
import { BUYER, control, deposit, onetime, pgNotice, REFUND_ACCOUNT, smartroVbank } from "../support/requests.ts";

const queued = (mock: TestMock) => mock.owedWebhooks();

test.each(ENCODINGS)(
  "an approved keyed payment owes a paid webhook to its notice_url (%s); a declined one owes none",
  async (encoding) => {
    const mock = createTestMock();
    const paid = (await onetime(mock, { notice_url: ["http://127.0.0.1:9/a", "http://127.0.0.1:9/b"] }, encoding)).body
      .response;
    const declined = (await onetime(mock, { card_number: "4000000000000002" }, encoding)).body.response;
    expect(declined.status).toBe("failed");
    expect(await queued(mock)).toEqual([
      {
        imp_uid: paid.imp_uid,
        merchant_uid: paid.merchant_uid,
        status: "paid",
        cancellation_id: null,
        urls: ["http://127.0.0.1:9/a", "http://127.0.0.1:9/b"],
        cause: "payment",
        at: START,
      },
    ]);
  },
);

test("an approved billing-key payment and a browser checkout owe paid webhooks (the merchant's URL when no notice_url)", async () => {
  const mock = createTestMock();
  const again = (
    await mock.post("/subscribe/payments/again", "json", {
      customer_uid: SMARTRO_CUSTOMER,
      merchant_uid: orderId(),
      amount: 500,
      name: "plan",
      ...BUYER,
    })
  ).body.response;
  const browser = await checkout(mock, { pay_method: "trans" });
  await checkout(mock, { card_number: "4000000000000002" });
  expect((await queued(mock)).map((w: Record<string, unknown>) => [w.imp_uid, w.status, w.cause, w.urls])).toEqual([
    [again.imp_uid, "paid", "payment", [null]],
    [browser.imp_uid, "paid", "checkout", [null]],
  ]);
});

test("a virtual account owes ready when issued and paid when the deposit arrives", async () => {
  const mock = createTestMock();
  const account = await smartroVbank(mock, { notice_url: "http://127.0.0.1:9/vb" });
  await control(mock, "POST", "/clock/advance", { seconds: 60 });
  await deposit(mock, { imp_uid: account.imp_uid });
  expect(await queued(mock)).toEqual([
    {
      imp_uid: account.imp_uid,
      merchant_uid: account.merchant_uid,
      status: "ready",
      cancellation_id: null,
      urls: ["http://127.0.0.1:9/vb"],
      cause: "vbank_issued",
      at: START,
    },
    {
      imp_uid: account.imp_uid,
      merchant_uid: account.merchant_uid,
      status: "paid",
      cancellation_id: null,
      urls: ["http://127.0.0.1:9/vb"],
      cause: "vbank_deposit",
      at: START + 60,
    },
  ]);
});

test("a cancel owes a webhook only with enable_webhook: true, carrying the refund's cancellation_id and status cancelled even for a partial cancel (the lookup still shows paid)", async () => {
  const mock = createTestMock();
  const payment = await checkout(mock, { amount: 10000 });
  await mock.post("/payments/cancel", "json", { imp_uid: payment.imp_uid, amount: 1000 });
  const partial = (
    await mock.post("/payments/cancel", "form", { imp_uid: payment.imp_uid, amount: 2000, enable_webhook: true })
  ).body.response;
  const webhooks = await queued(mock);
  expect(webhooks).toHaveLength(2);
  expect(webhooks[1]).toEqual({
    imp_uid: payment.imp_uid,
    merchant_uid: payment.merchant_uid,
    status: "cancelled",
    cancellation_id: partial.cancel_history[1].cancellation_id,
    urls: [null],
    cause: "cancel",
    at: START,
  });
  expect(partial.status).toBe("paid");
  expect((await mock.get(`/payments/${payment.imp_uid}`)).body.response.status).toBe("paid");
});

test("a Smartro v2 virtual-account refund owes its webhook when the PG's transfer notice arrives, not before", async () => {
  const mock = createTestMock();
  const account = await checkout(mock, {
    channel_key: SMARTRO,
    pay_method: "vbank",
    vbank_due: "20300101",
    amount: 15000,
  });
  await mock.post("/payments/cancel", "json", { imp_uid: account.imp_uid, enable_webhook: true, ...REFUND_ACCOUNT });
  expect((await queued(mock)).map((w: { cause: string }) => w.cause)).toEqual(["checkout"]);
  const pending = (await mock.state()).pending_refunds[0];
  const notice = (body: Record<string, unknown>) =>
    pgNotice(mock, { kind: "refund_transfer", imp_uid: account.imp_uid, ...body });
  await notice({ outcome: "failed" });
  expect(await queued(mock)).toHaveLength(1);
  await mock.post("/payments/cancel", "json", { imp_uid: account.imp_uid, ...REFUND_ACCOUNT });
  const second = (await mock.state()).pending_refunds[0];
  expect(second.cancellation_id).not.toBe(pending.cancellation_id);
  await notice({});
  expect((await queued(mock)).at(-1)).toEqual({
    imp_uid: account.imp_uid,
    merchant_uid: account.merchant_uid,
    status: "cancelled",
    cancellation_id: second.cancellation_id,
    urls: [null],
    cause: "refund_transfer",
    at: START,
  });
});

/**
 * PG-to-PortOne notices (docs/domain.md §5) through their one path, POST /__mock/pg-notices, or by
 * themselves after a channel's `notice_delays`; each drives the payment and its merchant webhook.
 */
import { expect, test } from "vitest";
import { parseConfig } from "../../mock-server/config/load-config.ts";
import { demoConfig } from "../../mock-server/config/demo-config.ts";
import { ENCODINGS, NICE, orderId, SMARTRO, START } from "../support/mock.ts";
import { control, pgNotice, REFUND_ACCOUNT, smartroVbank } from "../support/requests.ts";
import { advance, mockWith, receiver, settledDeliveries } from "../support/webhooks.ts";

test.each(ENCODINGS)(
  "the Smartro v2 virtual-account story end to end over loopback (%s API requests): ready, deposit, pending refund, transfer",
  async (encoding) => {
    const hook = await receiver();
    const mock = mockWith({ url: `${hook.url}/portone` });
    const account = await smartroVbank(mock, {}, encoding);
    expect((await hook.waitFor((r) => r.body.status === "ready")).body).toEqual({
      imp_uid: account.imp_uid,
      merchant_uid: account.merchant_uid,
      status: "ready",
    });

    expect(
      (await pgNotice(mock, { kind: "deposit", imp_uid: account.imp_uid, depositor_name: "김입금" })).body.response
        .status,
    ).toBe("paid");
    expect((await hook.waitFor((r) => r.body.status === "paid")).body.imp_uid).toBe(account.imp_uid);

    const cancel = await mock.post("/payments/cancel", encoding, {
      imp_uid: account.imp_uid,
      reason: "refund",
      enable_webhook: true,
      ...REFUND_ACCOUNT,
    });
    expect(cancel.body).toMatchObject({ code: 0, response: { status: "paid", cancel_amount: 0 } });
    const [pending] = (await mock.state()).pending_refunds;
    await mock.server.pingbacks.settled();
    expect(hook.received).toHaveLength(2);

    const transferred = await pgNotice(mock, { kind: "refund_transfer", imp_uid: account.imp_uid });
    expect(transferred.body.response).toMatchObject({ status: "cancelled", cancel_amount: 15000 });
    const last = await hook.waitFor((r) => r.body.status === "cancelled");
    expect(last.body).toEqual({
      imp_uid: account.imp_uid,
      merchant_uid: account.merchant_uid,
      status: "cancelled",
      cancellation_id: pending.cancellation_id,
    });
    expect((await mock.get(`/payments/${account.imp_uid}`)).body.response.status).toBe("cancelled");
    expect((await settledDeliveries(mock)).map((d) => [d.cause, d.status, d.state])).toEqual([
      ["vbank_issued", "ready", "delivered"],
      ["vbank_deposit", "paid", "delivered"],
      ["refund_transfer", "cancelled", "delivered"],
    ]);
  },
);

test("with notice_delays, the PG's notices arrive by themselves, each at its own moment even when the clock jumps past it", async () => {
  const hook = await receiver();
  const mock = mockWith(
    { url: hook.url },
    {},
    { [SMARTRO]: { notice_delays: { deposit: 600, refund_transfer: 3600 } } },
  );
  const account = await smartroVbank(mock);
  expect((await mock.state()).scheduled_pg_notices).toEqual([
    { kind: "deposit", imp_uid: account.imp_uid, cancellation_id: null, at: START + 600 },
  ]);
  await advance(mock, 599);
  expect((await mock.get(`/payments/${account.imp_uid}`)).body.response.status).toBe("ready");
  await advance(mock, 1);
  expect((await mock.get(`/payments/${account.imp_uid}`)).body.response).toMatchObject({
    status: "paid",
    paid_at: START + 600,
  });

  await mock.post("/payments/cancel", "json", { imp_uid: account.imp_uid, ...REFUND_ACCOUNT });
  const [pending] = (await mock.state()).pending_refunds;
  expect((await mock.state()).scheduled_pg_notices).toEqual([
    {
      kind: "refund_transfer",
      imp_uid: account.imp_uid,
      cancellation_id: pending.cancellation_id,
      at: START + 600 + 3600,
    },
  ]);
  await advance(mock, 10 * 3600);
  const refunded = (await mock.get(`/payments/${account.imp_uid}`)).body.response;
  expect(refunded).toMatchObject({ status: "cancelled", cancelled_at: START + 600 + 3600 });
  expect((await mock.state()).scheduled_pg_notices).toEqual([]);
  await mock.server.pingbacks.settled();
  expect(hook.received.map((r) => r.body.status)).toEqual(["ready", "paid", "cancelled"]);
});

test("a delayed notice that finds nothing left to do is dropped quietly: the account was revoked, or the deposit came first", async () => {
  const mock = mockWith({ url: null }, {}, { [SMARTRO]: { notice_delays: { deposit: 600 } } });
  const revoked = await smartroVbank(mock);
  const paidEarly = await smartroVbank(mock);
  await mock.call("DELETE", `/vbanks/${revoked.imp_uid}`);
  await pgNotice(mock, { kind: "deposit", imp_uid: paidEarly.imp_uid });
  await advance(mock, 600);
  expect((await mock.get(`/payments/${revoked.imp_uid}`)).body.response.status).toBe("cancelled");
  expect((await mock.get(`/payments/${paidEarly.imp_uid}`)).body.response).toMatchObject({
    status: "paid",
    paid_at: START,
  });
  expect((await mock.owedWebhooks()).map((w) => w.cause)).toEqual(["vbank_issued", "vbank_issued", "vbank_deposit"]);
});

test("a notice a PG does not send, or one with nothing to act on, is refused naming why, and changes nothing", async () => {
  const mock = mockWith({ url: null });
  const nice = (
    await mock.post("/vbanks", "json", {
      channel_key: NICE,
      merchant_uid: orderId(),
      amount: 5000,
      vbank_code: "088",
      vbank_due: "2026-01-05",
    })
  ).body.response;
  const smartro = await smartroVbank(mock);
  const before = await mock.state();
  const cases: [Record<string, unknown>, number, string][] = [
    [
      { kind: "refund_transfer", imp_uid: nice.imp_uid },
      200,
      "nice_v2 (channel channel-key-demo-nice-v2) sends no refund_transfer notice",
    ],
    [{ kind: "refund_transfer", imp_uid: smartro.imp_uid }, 200, "has no refund waiting for the PG's transfer"],
    [{ kind: "deposit", imp_uid: smartro.imp_uid, amount: 100 }, 200, "does not match the account's amount 15000"],
    [{ kind: "deposit", imp_uid: "imp_000000000000" }, 404, "no payment with imp_uid imp_000000000000"],
    [{ kind: "withdrawal", imp_uid: smartro.imp_uid }, 400, "kind"],
    [{ imp_uid: smartro.imp_uid }, 400, "kind"],
    [{ kind: "refund_transfer", imp_uid: smartro.imp_uid, outcome: "lost" }, 400, "outcome"],
  ];
  for (const [body, status, message] of cases) {
    const answer = await pgNotice(mock, body);
    expect([answer.status, answer.body.code, answer.body.response]).toEqual([status, status === 200 ? 1 : -1, null]);
    expect(answer.explanation).toContain(message);
  }
  const { now: _, ...after } = await mock.state();
  const { now: __, ...expected } = before;
  expect(after).toEqual(expected);
});

test("a console cancel always owes a webhook; a Smartro v2 account's waits for the transfer; refusals name the payment", async () => {
  const mock = mockWith({ url: null });
  const account = await smartroVbank(mock);
  await pgNotice(mock, { kind: "deposit", imp_uid: account.imp_uid });
  const missingAccount = await control(mock, "POST", `/payments/${account.imp_uid}/cancel`, {});
  expect([missingAccount.status, missingAccount.body.message]).toEqual([
    400,
    "refund_holder is required to refund a virtual-account payment: the money goes back by bank transfer",
  ]);
  expect(
    (await control(mock, "POST", `/payments/${account.imp_uid}/cancel`, REFUND_ACCOUNT)).body.response.status,
  ).toBe("paid");
  expect((await mock.owedWebhooks()).map((w) => w.cause)).toEqual(["vbank_issued", "vbank_deposit"]);
  await pgNotice(mock, { kind: "refund_transfer", imp_uid: account.imp_uid });
  expect((await mock.owedWebhooks()).map((w) => w.cause)).toEqual(["vbank_issued", "vbank_deposit", "refund_transfer"]);

  const unknown = await control(mock, "POST", "/payments/imp_000000000000/cancel", {});
  expect([unknown.status, unknown.body.message]).toEqual([
    404,
    "no payment with imp_uid imp_000000000000 for this merchant",
  ]);
  const again = await control(mock, "POST", `/payments/${account.imp_uid}/cancel`, REFUND_ACCOUNT);
  expect([again.status, again.body.code]).toEqual([200, 1]);
  expect(again.explanation).toContain("is already fully cancelled");
  const badAmount = await control(mock, "POST", `/payments/${account.imp_uid}/cancel`, { amount: "all" });
  expect(badAmount.status).toBe(400);
  expect(badAmount.explanation).toContain("amount");
});

test("notice_delays in the config are checked at start-up, naming the field", () => {
  const [merchant] = demoConfig.merchants;
  const config = (delays: unknown) => ({
    ...demoConfig,
    merchants: [
      {
        ...merchant!,
        channels: merchant!.channels.map((channel, i) => (i === 0 ? { ...channel, notice_delays: delays } : channel)),
      },
    ],
  });
  expect(() => parseConfig(config({ deposit: -1 }))).toThrow(/merchants\[0\]\.channels\[0\]\.notice_delays\.deposit/);
  expect(() => parseConfig(config({ deposit_after: 60 }))).toThrow(/notice_delays/);
  expect(parseConfig(config({ deposit: 0 })).merchants[0]!.channels[0]!.notice_delays).toEqual({ deposit: 0 });
});

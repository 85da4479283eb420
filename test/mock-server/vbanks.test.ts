import { expect, test } from "vitest";
import {
  createTestMock,
  ENCODINGS,
  KCP,
  NICE,
  oneChannelConfig,
  START,
  TOSS,
  type Encoding,
  type TestMock,
  explained,
} from "../support/mock.ts";
import { deposit, onetime, pgNotice, REFUND_ACCOUNT, smartroVbankBody } from "../support/requests.ts";

const DAY = 24 * 3600;
/** 23:59:59 KST of 2026-01-05, the day four days after START (2026-01-01 09:00 KST). */
const JAN_5_END = START + 4 * DAY + 14 * 3600 + 3599;
const JAN_5_NOON_KST = START + 4 * DAY + 3 * 3600;

async function issue(mock: TestMock, overrides: Record<string, unknown> = {}, encoding: Encoding = "json") {
  const answer = await mock.post("/vbanks", encoding, smartroVbankBody(overrides));
  expect(answer.explanation).toBeNull();
  return answer.body.response;
}

async function snapshot(mock: TestMock) {
  return (await mock.state()).payments;
}

test.each(ENCODINGS)(
  "POST /vbanks (%s) issues a ready account on Smartro v2 with the bank, number, holder and deadline",
  async (encoding) => {
    const mock = createTestMock();
    const account = await issue(mock, {}, encoding);
    expect(account).toMatchObject({
      status: "ready",
      pay_method: "vbank",
      pg_provider: "smartro_v2",
      amount: 15000,
      currency: "KRW",
      vbank_code: "088",
      vbank_name: "신한은행",
      vbank_holder: "데모상점",
      vbank_date: JAN_5_END,
      vbank_issued_at: START,
      paid_at: 0,
      deposit_history: [],
    });
    expect(account.vbank_num).toMatch(/^\d{14}$/);
    expect((await mock.get(`/payments/${account.imp_uid}`)).body.response).toEqual(account);
  },
);

test.each([
  ["2026-01-05", JAN_5_END],
  ["20260105", JAN_5_END],
  ["2026-01-05 12:00:00", JAN_5_END],
  ["20260105120000", JAN_5_END],
  [JAN_5_NOON_KST, JAN_5_END],
])("Smartro v2 closes every account at 23:59:59 of the deadline's day: vbank_due %j", async (vbank_due, expected) => {
  expect((await issue(createTestMock(), { vbank_due })).vbank_date).toBe(expected);
});

test.each([
  ["2026-01-05", JAN_5_END],
  ["2026-01-05 12:00:00", JAN_5_NOON_KST],
  [JAN_5_NOON_KST, JAN_5_NOON_KST],
])("other PGs keep a deadline's time of day; a date alone means its end: vbank_due %j", async (vbank_due, expected) => {
  expect((await issue(createTestMock(), { channel_key: NICE, vbank_due })).vbank_date).toBe(expected);
});

test("Toss Payments names the merchant as the holder whatever vbank_holder says (the official document)", async () => {
  expect((await issue(createTestMock(), { channel_key: TOSS, vbank_holder: "someone" })).vbank_holder).toBe(
    "Demo store",
  );
});

// Smartro v2's required parameters for POST /vbanks (docs/domain.md §3), one test per rule and encoding.
const SMARTRO_REQUIRED = ["vbank_holder", "buyer_name", "buyer_email", "buyer_tel"];
test.each(ENCODINGS.flatMap((encoding) => SMARTRO_REQUIRED.map((field) => [field, encoding] as const)))(
  "Smartro v2 refuses POST /vbanks without %s (%s)",
  async (field, encoding) => {
    const mock = createTestMock();
    const request: Record<string, unknown> = smartroVbankBody();
    delete request[field];
    const answer = await mock.post("/vbanks", encoding, request);
    expect([answer.status, answer.body.code, answer.body.response]).toEqual([200, -1, null]);
    expect(answer.explanation).toContain(`${field} is required by smartro_v2`);
    expect(await snapshot(mock)).toEqual([]);
  },
);

test.each(ENCODINGS)(
  "the schema's required fields are refused on every PG (%s): merchant_uid, amount, vbank_code, vbank_due, channel_key",
  async (encoding) => {
    for (const field of ["merchant_uid", "amount", "vbank_code", "vbank_due", "channel_key"]) {
      const request: Record<string, unknown> = smartroVbankBody({ channel_key: NICE });
      delete request[field];
      const answer = await createTestMock().post("/vbanks", encoding, request);
      expect([answer.status, answer.body.code], field).toEqual([200, -1]);
      expect(answer.explanation).toContain(`${field} is required`);
    }
  },
);

test.each(ENCODINGS)(
  "Smartro v2 refuses a merchant_uid with special characters and a deadline in no known format (%s)",
  async (encoding) => {
    const mock = createTestMock();
    const dashed = await mock.post("/vbanks", encoding, smartroVbankBody({ merchant_uid: "order-1" }));
    expect([dashed.status, dashed.body.code]).toEqual([200, -1]);
    expect(dashed.explanation).toMatch(/merchant_uid "order-1": smartro_v2 allows/);
    const badDue = await mock.post("/vbanks", encoding, smartroVbankBody({ vbank_due: "05/01/2026" }));
    expect([badDue.status, badDue.body.code]).toEqual([200, -1]);
    expect(badDue.explanation).toContain("vbank_due");
    expect(await snapshot(mock)).toEqual([]);
  },
);

test("refusals name the field and change nothing: past deadline, unknown bank, zero amount, a PG without API accounts, a paid order", async () => {
  const mock = createTestMock();
  const cases: [Record<string, unknown>, number, number, RegExp][] = [
    [{ vbank_due: "2025-12-31" }, 200, 1, /vbank_due "2025-12-31" .* has already passed/],
    [{ vbank_code: "999" }, 200, -1, /vbank_code "999" is not a standard bank code/],
    [{ amount: 0 }, 200, -1, /amount must be greater than 0/],
    [{ channel_key: KCP }, 200, -1, /kcp does not support createVbank/],
    [{ channel_key: "channel-key-nope" }, 200, 1, /channel_key "channel-key-nope" names no channel/],
  ];
  for (const [overrides, status, code, message] of cases) {
    const answer = await mock.post("/vbanks", "json", smartroVbankBody(overrides));
    expect(answer.status, JSON.stringify(overrides)).toBe(status);
    expect(answer.body).toMatchObject({ code, response: null });
    expect(answer.explanation).toMatch(message);
  }
  expect(await snapshot(mock)).toEqual([]);
});

test("the buyer's deposit of the full amount before the deadline makes the account paid, with its deposit history", async () => {
  const mock = createTestMock();
  const account = await issue(mock);
  await mock.server.core.clock.advance(3600);
  const { status, body } = await deposit(mock, { imp_uid: account.imp_uid, depositor_name: "김입금" });
  expect(status).toBe(200);
  expect(body.response).toMatchObject({ status: "paid", paid_at: START + 3600 });
  expect(body.response.deposit_history).toEqual([
    { pg_tid: account.pg_tid, amount: 15000, depositor_name: "김입금", deposited_at: START + 3600 },
  ]);
  expect((await mock.get(`/payments/${account.imp_uid}`)).body.response.status).toBe("paid");
});

test("a deposit after the deadline, of another amount, into a revoked or paid account, or for an order already paid is refused", async () => {
  const mock = createTestMock();
  const late = await issue(mock);
  await mock.server.core.clock.set(JAN_5_END + 1);
  expect((await deposit(mock, { imp_uid: late.imp_uid })).explanation).toMatch(
    /closed at .* a deposit after the deadline is refused/,
  );

  const fresh = createTestMock();
  const account = await issue(fresh, { vbank_due: "2026-02-01" });
  expect((await deposit(fresh, { imp_uid: account.imp_uid, amount: 14000 })).explanation).toMatch(
    /does not match the account's amount 15000/,
  );
  const twin = await issue(fresh, { merchant_uid: account.merchant_uid, vbank_due: "2026-02-01" });
  expect((await deposit(fresh, { imp_uid: account.imp_uid })).body.code).toBe(0);
  expect((await deposit(fresh, { imp_uid: account.imp_uid })).explanation).toMatch(/is paid; only an account waiting/);
  expect((await deposit(fresh, { imp_uid: twin.imp_uid })).explanation).toMatch(/was already paid by/);
  const revoked = await issue(fresh);
  await fresh.call("DELETE", `/vbanks/${revoked.imp_uid}`);
  expect((await deposit(fresh, { imp_uid: revoked.imp_uid })).explanation).toMatch(
    /is cancelled; only an account waiting/,
  );
  expect((await deposit(fresh, { imp_uid: "imp_000000000000" })).status).toBe(404);
});

test("several accounts may wait for one merchant_uid; once one is paid, no further account is issued for it", async () => {
  const mock = createTestMock();
  const first = await issue(mock);
  const second = await issue(mock, { merchant_uid: first.merchant_uid });
  expect(second.imp_uid).not.toBe(first.imp_uid);
  await deposit(mock, { imp_uid: second.imp_uid });
  const third = await mock.post("/vbanks", "json", smartroVbankBody({ merchant_uid: first.merchant_uid }));
  expect(third.body).toMatchObject({ code: 1, response: null });
  expect(third.explanation).toContain(`was already paid by ${second.imp_uid}`);
});

test("DELETE /vbanks/{imp_uid} revokes a waiting account; a paid one, a card payment or an unknown imp_uid is refused", async () => {
  const mock = createTestMock();
  const account = await issue(mock);
  const revoked = await mock.call("DELETE", `/vbanks/${account.imp_uid}`);
  expect(revoked.body.response).toMatchObject({ status: "cancelled", cancelled_at: START, cancel_amount: 0 });
  // The official document lists 400 for an account that is not waiting (ready) or not an account at all.
  const twice = await mock.call("DELETE", `/vbanks/${account.imp_uid}`);
  expect([twice.status, twice.body.code]).toEqual([400, -1]);
  expect(twice.explanation).toMatch(/is cancelled; only an account waiting for its deposit \(ready\) can be revoked/);

  const paid = await issue(mock);
  await deposit(mock, { imp_uid: paid.imp_uid });
  const paidRevoke = await mock.call("DELETE", `/vbanks/${paid.imp_uid}`);
  expect([paidRevoke.status, paidRevoke.body]).toEqual([
    400,
    { code: -1, message: expect.any(String), response: null },
  ]);

  const card = await onetime(mock, { channel_key: NICE });
  expect((await mock.call("DELETE", `/vbanks/${card.body.response.imp_uid}`)).explanation).toMatch(
    /is a card payment, not a virtual account/,
  );
  expect((await mock.call("DELETE", "/vbanks/imp_000000000000")).status).toBe(404);
});

test("PUT /vbanks/{imp_uid} is refused on Smartro v2 (the official document lists Hecto Financial only) and changes nothing", async () => {
  const mock = createTestMock();
  const account = await issue(mock);
  const answer = await mock.call("PUT", `/vbanks/${account.imp_uid}`, { json: { amount: 20000 } });
  expect(answer.status).toBe(400);
  expect(answer.explanation).toContain("smartro_v2 does not support modifyVbank");
  expect((await mock.get(`/payments/${account.imp_uid}`)).body.response.amount).toBe(15000);
});

test.each(ENCODINGS)(
  "on Hecto Financial (settle), PUT /vbanks/{imp_uid} changes a waiting account's amount and deadline (%s)",
  async (encoding) => {
    const mock = createTestMock({ config: oneChannelConfig({}, { pg_provider: "settle", pg_id: "M2XXXXXX" }) });
    const account = await issue(mock, { channel_key: "ck" });
    const changed = await mock.call("PUT", `/vbanks/${account.imp_uid}`, {
      body: { encoding, value: { amount: 20000, vbank_due: "2026-01-10 18:00:00" } },
    });
    expect(changed.body.response).toMatchObject({ amount: 20000, vbank_date: START + 9 * DAY + 9 * 3600 });
    expect(
      (await mock.call("PUT", `/vbanks/${account.imp_uid}`, { body: { encoding, value: {} } })).explanation,
    ).toMatch(/nothing to change/);
    expect(
      (await mock.call("PUT", `/vbanks/${account.imp_uid}`, { body: { encoding, value: { vbank_due: "2025-01-01" } } }))
        .body.code,
    ).toBe(1);
    await deposit(mock, { imp_uid: account.imp_uid });
    expect(
      (await mock.call("PUT", `/vbanks/${account.imp_uid}`, { body: { encoding, value: { amount: 1 } } })).explanation,
    ).toMatch(/is paid; only an account waiting/);
  },
);

test.each(ENCODINGS)(
  "refunding a deposited Smartro v2 account needs the refund account fields (%s)",
  async (encoding) => {
    const mock = createTestMock();
    const account = await issue(mock);
    await deposit(mock, { imp_uid: account.imp_uid });
    const bare = await mock.post("/payments/cancel", encoding, { imp_uid: account.imp_uid });
    expect([bare.status, bare.body.code]).toEqual([200, -1]);
    expect(bare.explanation).toContain("refund_holder is required by smartro_v2");
  },
);

const refundNotice = (mock: TestMock, body: Record<string, unknown>) =>
  pgNotice(mock, { kind: "refund_transfer", ...body });

async function deposited(mock: TestMock, overrides: Record<string, unknown> = {}) {
  const account = await issue(mock, overrides);
  return (await deposit(mock, { imp_uid: account.imp_uid })).body.response;
}

test.each(ENCODINGS)(
  "Smartro v2 accepts a virtual account's refund but shows it only when the PG's refund-transfer notice arrives (%s)",
  async (encoding) => {
    const mock = createTestMock();
    const paid = await deposited(mock);
    const accepted = await mock.post("/payments/cancel", encoding, {
      imp_uid: paid.imp_uid,
      reason: "changed mind",
      ...REFUND_ACCOUNT,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ code: 0, message: null });
    expect(accepted.body.response).toEqual(paid);
    expect((await mock.get(`/payments/${paid.imp_uid}`)).body.response).toEqual(paid);
    const [pending] = (await mock.state()).pending_refunds;
    expect(pending).toMatchObject({
      imp_uid: paid.imp_uid,
      amount: 15000,
      reason: "changed mind",
      requested_at: START,
      refund_bank: "088",
      refund_account: "110123456789",
      refund_holder: "김입금",
      refund_tel: "01012345678",
    });

    const again = await mock.post("/payments/cancel", encoding, { imp_uid: paid.imp_uid, ...REFUND_ACCOUNT });
    expect(again.body).toMatchObject({ code: 1, response: null });
    expect(again.explanation).toBe(
      `${paid.imp_uid} has nothing left to cancel: the rest (15000 more awaits the PG's refund transfer)`,
    );

    await mock.server.core.clock.advance(2 * DAY);
    const settled = await refundNotice(mock, { imp_uid: paid.imp_uid });
    expect(settled.body.response).toMatchObject({
      status: "cancelled",
      cancel_amount: 15000,
      cancelled_at: START + 2 * DAY,
      cancel_reason: "changed mind",
    });
    expect(settled.body.response.cancel_history).toEqual([
      expect.objectContaining({
        amount: 15000,
        cancellation_id: pending.cancellation_id,
        cancelled_at: START + 2 * DAY,
      }),
    ]);
    expect((await mock.get(`/payments/${paid.imp_uid}`)).body.response).toEqual(settled.body.response);
    expect((await mock.state()).pending_refunds).toEqual([]);
  },
);

test("partial refunds wait side by side; each notice settles the one it names, and the last makes the payment cancelled", async () => {
  const mock = createTestMock();
  const paid = await deposited(mock);
  await mock.post("/payments/cancel", "json", { imp_uid: paid.imp_uid, amount: 5000, tax_free: 0, ...REFUND_ACCOUNT });
  const checksum = await mock.post("/payments/cancel", "json", {
    imp_uid: paid.imp_uid,
    amount: 1000,
    checksum: 15000,
    ...REFUND_ACCOUNT,
  });
  expect(checksum.explanation).toBe(
    `checksum 15000 does not match the cancelable balance 10000 of ${paid.imp_uid} (5000 more awaits the PG's refund transfer); the payment changed since it was read`,
  );
  const over = await mock.post("/payments/cancel", "json", {
    imp_uid: paid.imp_uid,
    amount: 12000,
    tax_free: 0,
    ...REFUND_ACCOUNT,
  });
  expect(over.explanation).toBe(
    `amount 12000 exceeds the cancelable balance 10000 of ${paid.imp_uid} (5000 more awaits the PG's refund transfer)`,
  );
  await mock.post("/payments/cancel", "json", { imp_uid: paid.imp_uid, amount: 10000, tax_free: 0, ...REFUND_ACCOUNT });
  const [first, second] = (await mock.state()).pending_refunds;
  expect([first.amount, second.amount]).toEqual([5000, 10000]);

  const later = await refundNotice(mock, { imp_uid: paid.imp_uid, cancellation_id: second.cancellation_id });
  expect(later.body.response).toMatchObject({ status: "paid", cancel_amount: 10000 });
  const last = await refundNotice(mock, { imp_uid: paid.imp_uid, cancellation_id: first.cancellation_id });
  expect(last.body.response).toMatchObject({ status: "cancelled", cancel_amount: 15000 });
  expect(last.body.response.cancel_history.map((c: { cancellation_id: string }) => c.cancellation_id)).toEqual([
    second.cancellation_id,
    first.cancellation_id,
  ]);
});

test("a failed refund transfer drops the refund: the payment is unchanged and the amount can be refunded again", async () => {
  const mock = createTestMock();
  const paid = await deposited(mock);
  await mock.post("/payments/cancel", "json", { imp_uid: paid.imp_uid, ...REFUND_ACCOUNT, refund_account: "000" });
  const bounced = await refundNotice(mock, { imp_uid: paid.imp_uid, outcome: "failed" });
  expect(bounced.body.response).toEqual(paid);
  expect((await mock.state()).pending_refunds).toEqual([]);
  await mock.post("/payments/cancel", "json", { imp_uid: paid.imp_uid, ...REFUND_ACCOUNT });
  expect((await refundNotice(mock, { imp_uid: paid.imp_uid })).body.response.status).toBe("cancelled");
});

test("a refund notice is refused when nothing waits, for an unknown cancellation_id or imp_uid, and for a bad outcome", async () => {
  const mock = createTestMock();
  const paid = await deposited(mock);
  expect(explained(await refundNotice(mock, { imp_uid: paid.imp_uid }))).toMatchObject({
    code: 1,
    response: null,
    message: `${paid.imp_uid} has no refund waiting for the PG's transfer`,
  });
  await mock.post("/payments/cancel", "json", { imp_uid: paid.imp_uid, ...REFUND_ACCOUNT });
  const unknown = await refundNotice(mock, { imp_uid: paid.imp_uid, cancellation_id: "nope" });
  expect(unknown.body).toMatchObject({ code: 1, response: null });
  expect(unknown.explanation).toMatch(
    /^cancellation_id nope names no refund of imp_\d+ waiting for the PG's transfer \(waiting: [0-9a-f]{24}\)$/,
  );
  expect((await refundNotice(mock, { imp_uid: "imp_000000000000" })).status).toBe(404);
  const badOutcome = await refundNotice(mock, { imp_uid: paid.imp_uid, outcome: "lost" });
  expect(badOutcome.status).toBe(400);
  expect(badOutcome.explanation).toMatch(/^outcome: /);
  expect((await mock.state()).pending_refunds).toHaveLength(1);
});

test("a channel's behaviours override makes a Smartro v2 refund complete at once", async () => {
  const mock = createTestMock({
    config: oneChannelConfig(
      {},
      { pg_provider: "smartro_v2", pg_id: "t_smartro01m", behaviours: { vbankRefund: "immediate" } },
    ),
  });
  const paid = await deposited(mock, { channel_key: "ck" });
  const answer = await mock.post("/payments/cancel", "json", { imp_uid: paid.imp_uid, ...REFUND_ACCOUNT });
  expect(answer.body.response).toMatchObject({ status: "cancelled", cancel_amount: 15000 });
});

test("Smartro v2 test mode cannot issue accounts at the banks its guide names; live channels and an override can", async () => {
  const refused = await createTestMock().post("/vbanks", "json", smartroVbankBody({ vbank_code: "004" }));
  expect(explained(refused)).toMatchObject({
    code: 1,
    response: null,
    message: "smartro_v2 cannot issue a KB국민은행 (004) virtual account in test mode; choose another bank",
  });
  const live = createTestMock({
    config: oneChannelConfig({}, { pg_provider: "smartro_v2", pg_id: "smartro01m", mode: "live" }),
  });
  expect((await issue(live, { channel_key: "ck", vbank_code: "004" })).vbank_code).toBe("004");
  const overridden = createTestMock({
    config: oneChannelConfig(
      {},
      { pg_provider: "smartro_v2", pg_id: "t", behaviours: { testMode: { vbankUnavailableBankCodes: [] } } },
    ),
  });
  expect((await issue(overridden, { channel_key: "ck", vbank_code: "004" })).vbank_code).toBe("004");
});

test("a channel's vbankDueTimeOfDay override moves every deadline to that time", async () => {
  const mock = createTestMock({ config: oneChannelConfig({}, { behaviours: { vbankDueTimeOfDay: "18:00:00" } }) });
  expect((await issue(mock, { channel_key: "ck", vbank_due: "2026-01-05 09:30:00" })).vbank_date).toBe(
    JAN_5_END - 6 * 3600 + 1,
  );
  expect((await issue(mock, { channel_key: "ck", vbank_due: "2026-01-05" })).vbank_date).toBe(JAN_5_END - 6 * 3600 + 1);
});

test("Smartro v2's rules count a waiting refund as made: the rest of a tax-free account is a full refund, needing no tax_free", async () => {
  const mock = createTestMock();
  const paid = await deposited(mock, { tax_free: 3000 });
  await mock.post("/payments/cancel", "json", {
    imp_uid: paid.imp_uid,
    amount: 5000,
    tax_free: 1000,
    ...REFUND_ACCOUNT,
  });
  const rest = await mock.post("/payments/cancel", "json", { imp_uid: paid.imp_uid, amount: 10000, ...REFUND_ACCOUNT });
  expect(rest.body).toMatchObject({ code: 0, message: null });
  expect(
    (await mock.state()).pending_refunds.map((r: { amount: number; tax_free: number }) => [r.amount, r.tax_free]),
  ).toEqual([
    [5000, 1000],
    [10000, 2000],
  ]);
});

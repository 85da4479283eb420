/**
 * Model-based test of the cash side: random sequences of virtual-account issue / change / deposit /
 * revoke, partial and full refunds (Smartro v2's waiting for the refund notice, NICE v2's at once),
 * cash receipt issue and revoke, schedules and clock moves. After every step the mock's state is
 * held to the invariants: no deposit after a revoke or the deadline, refunds never above the
 * deposit, a schedule runs at most once, receipts and payments agree. fast-check prints the seed
 * and the shrunk sequence on failure.
 */
import fc from "fast-check";
import { expect, test } from "vitest";
import { createTestMock, NICE, SMARTRO, SMARTRO_CUSTOMER, type TestMock } from "../support/mock.ts";

type Pg = "smartro" | "nice";
interface AccountModel {
  imp_uid: string;
  pg: Pg;
  amount: number;
  due: number;
  status: "ready" | "paid" | "cancelled";
  refunded: number;
  /** Smartro v2 refunds waiting for the PG's transfer, oldest first. */
  pending: number[];
  receipt: { amount: number; active: boolean } | null;
}
interface ScheduleModel {
  schedule_at: number;
  status: "scheduled" | "executed" | "revoked";
}
interface Model {
  now: number;
  issued: number;
  accounts: Map<string, AccountModel>;
  /** Accounts a later issue under the same key replaced: no step acts on them, but the invariants still hold for them. */
  retired: AccountModel[];
  schedules: Map<string, ScheduleModel>;
}
type Command = fc.AsyncCommand<Model, TestMock>;

const REFUND_ACCOUNT = { refund_holder: "김환불", refund_bank: "088", refund_account: "110123456789", refund_tel: "01012345678" };
const BUYER = { buyer_name: "Kim", buyer_email: "kim@example.com", buyer_tel: "01012345678" };
const KST = 9 * 3600;
const DAY = 24 * 3600;
const channelOf = (pg: Pg) => (pg === "smartro" ? SMARTRO : NICE);
const left = (a: AccountModel) => a.amount - a.refunded - a.pending.reduce((s, p) => s + p, 0);

/** The invariants, read from the mock's whole state after every step. */
async function checkInvariants(model: Model, mock: TestMock) {
  const state = await mock.state();
  const payments = new Map<string, any>(state.payments.map((p: any) => [p.imp_uid, p]));
  const receipts = new Map<string, any>(state.receipts.map((r: any) => [r.imp_uid, r]));
  for (const account of [...model.accounts.values(), ...model.retired]) {
    const payment = payments.get(account.imp_uid);
    expect(payment.status).toBe(account.status);
    expect(payment.cancel_amount).toBe(account.refunded);
    const pending = state.pending_refunds.filter((r: any) => r.imp_uid === account.imp_uid).map((r: any) => r.amount);
    expect(pending).toEqual(account.pending);
    // Refunds never exceed the deposit: nothing refunded or waiting without one.
    const deposited = payment.deposit_history.reduce((s: number, d: { amount: number }) => s + d.amount, 0);
    expect(payment.cancel_amount + pending.reduce((s: number, p: number) => s + p, 0)).toBeLessThanOrEqual(deposited);
    // No deposit after a revoke or the deadline.
    for (const d of payment.deposit_history) expect(d.deposited_at).toBeLessThanOrEqual(payment.vbank_date);
    if (payment.paid_at === 0) expect(payment.deposit_history).toEqual([]);
    // Receipts and payments agree.
    const receipt = receipts.get(account.imp_uid);
    expect(receipt ? { amount: receipt.amount, active: receipt.cancelled_at === null } : null).toEqual(account.receipt);
    expect(payment.cash_receipt_issued).toBe(account.receipt?.active ?? false);
    if (account.pg === "nice" && account.receipt?.active) expect(receipt.amount).toBe(account.amount - account.refunded);
  }
  for (const [merchant_uid, schedule] of model.schedules) {
    const view = state.schedules.find((s: any) => s.merchant_uid === merchant_uid);
    expect(view.schedule_status).toBe(schedule.status);
    // A schedule runs at most once: one payment for its order, and only once it has run.
    const made = state.payments.filter((p: any) => p.merchant_uid === merchant_uid);
    expect(made).toHaveLength(schedule.status === "executed" ? 1 : 0);
    if (schedule.status === "executed") expect(view).toMatchObject({ payment_status: "paid", imp_uid: made[0].imp_uid, executed_at: schedule.schedule_at });
  }
}

abstract class Step implements Command {
  check = (_: Readonly<Model>) => true;
  abstract act(model: Model, mock: TestMock): Promise<void>;
  async run(model: Model, mock: TestMock) {
    await this.act(model, mock);
    await checkInvariants(model, mock);
  }
  abstract toString(): string;
}

/** Issues an account, and with `depositNow` has the buyer pay at once (the common path, so later steps find paid accounts). */
class Issue extends Step {
  constructor(readonly key: string, readonly pg: Pg, readonly amount: number, readonly dueInSeconds: number, readonly depositNow: boolean) {
    super();
  }
  async act(model: Model, mock: TestMock) {
    const requested = model.now + this.dueInSeconds;
    const answer = await mock.post("/vbanks", "json", {
      channel_key: channelOf(this.pg), merchant_uid: `vb${++model.issued}`, amount: this.amount, vbank_code: "088", vbank_due: requested,
      vbank_holder: "데모", name: "goods", ...BUYER,
    });
    expect(answer.body.code).toBe(0);
    const due = answer.body.response.vbank_date;
    // Smartro v2 closes at 23:59:59 KST of the deadline's day; NICE v2 keeps the time.
    if (this.pg === "smartro") expect((due + KST + 1) % DAY).toBe(0);
    else expect(due).toBe(requested);
    const imp_uid = answer.body.response.imp_uid;
    const replaced = model.accounts.get(this.key);
    if (replaced) model.retired.push(replaced);
    model.accounts.set(this.key, { imp_uid, pg: this.pg, amount: this.amount, due, status: "ready", refunded: 0, pending: [], receipt: null });
    if (this.depositNow) {
      expect((await mock.call("POST", "/__mock/pg-notices", { token: null, json: { kind: "deposit", imp_uid } })).body.code).toBe(0);
      model.accounts.get(this.key)!.status = "paid";
    }
  }
  toString = () => `issue(${this.key}, ${this.pg}, ${this.amount}, +${this.dueInSeconds}s${this.depositNow ? ", deposited" : ""})`;
}

/** Neither PG supports changing an account: refused, and nothing changes. */
class Modify extends Step {
  constructor(readonly key: string) {
    super();
  }
  override check = (model: Readonly<Model>) => model.accounts.has(this.key);
  async act(model: Model, mock: TestMock) {
    const answer = await mock.call("PUT", `/vbanks/${model.accounts.get(this.key)!.imp_uid}`, { json: { amount: 1 } });
    expect(answer.status).toBe(400);
  }
  toString = () => `modify(${this.key})`;
}

class Deposit extends Step {
  constructor(readonly key: string) {
    super();
  }
  override check = (model: Readonly<Model>) => model.accounts.has(this.key);
  async act(model: Model, mock: TestMock) {
    const account = model.accounts.get(this.key)!;
    const answer = await mock.call("POST", "/__mock/pg-notices", { token: null, json: { kind: "deposit", imp_uid: account.imp_uid } });
    const accepted = account.status === "ready" && model.now <= account.due;
    expect(answer.body.code).toBe(accepted ? 0 : 1);
    if (accepted) account.status = "paid";
  }
  toString = () => `deposit(${this.key})`;
}

class Revoke extends Step {
  constructor(readonly key: string) {
    super();
  }
  override check = (model: Readonly<Model>) => model.accounts.has(this.key);
  async act(model: Model, mock: TestMock) {
    const account = model.accounts.get(this.key)!;
    const answer = await mock.call("DELETE", `/vbanks/${account.imp_uid}`);
    expect(answer.body.code).toBe(account.status === "ready" ? 0 : 1);
    if (account.status === "ready") account.status = "cancelled";
  }
  toString = () => `revoke(${this.key})`;
}

/** Takes a refund off a NICE v2 receipt, which follows the payment. */
function followReceipt(account: AccountModel, amount: number) {
  if (account.pg !== "nice" || !account.receipt?.active) return;
  account.receipt.amount -= amount;
  if (account.receipt.amount === 0) account.receipt.active = false;
}

function applyRefund(account: AccountModel, amount: number) {
  account.refunded += amount;
  if (account.refunded === account.amount) account.status = "cancelled";
  followReceipt(account, amount);
}

class Refund extends Step {
  constructor(readonly key: string, readonly portion: "rest" | "half" | "tooMuch") {
    super();
  }
  override check = (model: Readonly<Model>) => model.accounts.has(this.key);
  async act(model: Model, mock: TestMock) {
    const account = model.accounts.get(this.key)!;
    const rest = left(account);
    const amount = this.portion === "rest" ? rest : this.portion === "half" ? Math.max(1, Math.floor(rest / 2)) : rest + 1;
    const answer = await mock.post("/payments/cancel", "json", { imp_uid: account.imp_uid, amount, ...REFUND_ACCOUNT });
    const accepted = account.status === "paid" && rest > 0 && amount <= rest;
    expect(answer.body.code, answer.body.message ?? "").toBe(accepted ? 0 : 1);
    if (!accepted) return;
    if (account.pg === "smartro") account.pending.push(amount);
    else applyRefund(account, amount);
  }
  toString = () => `refund(${this.key}, ${this.portion})`;
}

class RefundNotice extends Step {
  constructor(readonly key: string, readonly outcome: "transferred" | "failed") {
    super();
  }
  override check = (model: Readonly<Model>) => model.accounts.has(this.key);
  async act(model: Model, mock: TestMock) {
    const account = model.accounts.get(this.key)!;
    const answer = await mock.call("POST", "/__mock/pg-notices", { token: null, json: { kind: "refund_transfer", imp_uid: account.imp_uid, outcome: this.outcome } });
    expect(answer.body.code).toBe(account.pending.length ? 0 : 1);
    const amount = account.pending.shift();
    if (amount !== undefined && this.outcome === "transferred") applyRefund(account, amount);
  }
  toString = () => `refundNotice(${this.key}, ${this.outcome})`;
}

class IssueReceipt extends Step {
  constructor(readonly key: string) {
    super();
  }
  override check = (model: Readonly<Model>) => model.accounts.has(this.key);
  async act(model: Model, mock: TestMock) {
    const account = model.accounts.get(this.key)!;
    const answer = await mock.post(`/receipts/${account.imp_uid}`, "json", { identifier: "01012345678", identifier_type: "phone", type: "person", buyer_name: "Kim", buyer_tel: "010" });
    const accepted = account.status === "paid" && !account.receipt?.active;
    expect(answer.status, answer.body.message ?? "").toBe(accepted ? 200 : 400);
    if (accepted) account.receipt = { amount: account.amount - account.refunded, active: true };
  }
  toString = () => `issueReceipt(${this.key})`;
}

class RevokeReceipt extends Step {
  constructor(readonly key: string) {
    super();
  }
  override check = (model: Readonly<Model>) => model.accounts.has(this.key);
  async act(model: Model, mock: TestMock) {
    const account = model.accounts.get(this.key)!;
    const answer = await mock.call("DELETE", `/receipts/${account.imp_uid}`);
    expect(answer.status).toBe(account.receipt?.active ? 200 : 400);
    if (account.receipt?.active) account.receipt.active = false;
  }
  toString = () => `revokeReceipt(${this.key})`;
}

class Schedule extends Step {
  constructor(readonly merchant_uid: string, readonly inSeconds: number) {
    super();
  }
  async act(model: Model, mock: TestMock) {
    const schedule_at = model.now + this.inSeconds;
    const answer = await mock.post("/subscribe/payments/schedule", "json", {
      customer_uid: SMARTRO_CUSTOMER, schedules: [{ merchant_uid: this.merchant_uid, schedule_at, amount: 1000, name: "plan", ...BUYER }],
    });
    const fresh = !model.schedules.has(this.merchant_uid);
    expect(answer.body.code).toBe(fresh ? 0 : 1);
    if (fresh) model.schedules.set(this.merchant_uid, { schedule_at, status: "scheduled" });
  }
  toString = () => `schedule(${this.merchant_uid}, +${this.inSeconds}s)`;
}

class Unschedule extends Step {
  constructor(readonly merchant_uid: string) {
    super();
  }
  override check = (model: Readonly<Model>) => model.schedules.has(this.merchant_uid);
  async act(model: Model, mock: TestMock) {
    const schedule = model.schedules.get(this.merchant_uid)!;
    const answer = await mock.post("/subscribe/payments/unschedule", "json", { merchant_uid: [this.merchant_uid] });
    expect(answer.body.code).toBe(schedule.status === "scheduled" ? 0 : 1);
    if (schedule.status === "scheduled") schedule.status = "revoked";
  }
  toString = () => `unschedule(${this.merchant_uid})`;
}

class Advance extends Step {
  constructor(readonly seconds: number) {
    super();
  }
  async act(model: Model, mock: TestMock) {
    await mock.call("POST", "/__mock/clock/advance", { token: null, json: { seconds: this.seconds } });
    model.now += this.seconds;
    for (const schedule of model.schedules.values()) if (schedule.status === "scheduled" && schedule.schedule_at <= model.now) schedule.status = "executed";
  }
  toString = () => `advance(${this.seconds})`;
}

const key = fc.constantFrom("a1", "a2");
const commands = [
  fc.tuple(key, fc.constantFrom<Pg>("smartro", "nice"), fc.integer({ min: 1000, max: 50_000 }), fc.integer({ min: 60, max: 3 * 24 * 3600 }), fc.boolean()).map(([k, pg, a, d, now]) => new Issue(k, pg, a, d, now)),
  key.map((k) => new Modify(k)),
  key.map((k) => new Deposit(k)),
  key.map((k) => new Revoke(k)),
  fc.tuple(key, fc.constantFrom("rest", "half", "tooMuch") as fc.Arbitrary<"rest" | "half" | "tooMuch">).map(([k, p]) => new Refund(k, p)),
  fc.tuple(key, fc.constantFrom("transferred", "failed") as fc.Arbitrary<"transferred" | "failed">).map(([k, o]) => new RefundNotice(k, o)),
  key.map((k) => new IssueReceipt(k)),
  key.map((k) => new RevokeReceipt(k)),
  fc.tuple(fc.constantFrom("sc1", "sc2", "sc3"), fc.integer({ min: 1, max: 2 * 24 * 3600 })).map(([m, s]) => new Schedule(m, s)),
  fc.constantFrom("sc1", "sc2", "sc3").map((m) => new Unschedule(m)),
  fc.integer({ min: 0, max: 36 * 3600 }).map((s) => new Advance(s)),
];

test("random virtual-account, refund, receipt, schedule and clock sequences keep the cash invariants", async () => {
  await fc.assert(
    fc.asyncProperty(fc.commands(commands, { maxCommands: 60, size: "+2" }), async (sequence) => {
      const setup = () => {
        const real = createTestMock();
        return { model: { now: real.server.clock.now(), issued: 0, accounts: new Map(), retired: [], schedules: new Map() }, real };
      };
      await fc.asyncModelRun(setup, sequence);
    }),
    { numRuns: 200 },
  );
});

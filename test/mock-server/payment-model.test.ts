/**
 * Model-based test: random sequences of keyed payments, billing-key payments, refunds, lookups
 * and clock moves, checked against a model far simpler than the mock (amount and refunded total
 * per order). fast-check prints the seed and the shrunk command sequence on failure.
 */
import fc from "fast-check";
import { expect, test } from "vitest";
import { CARD, createTestMock, SMARTRO_CUSTOMER, type TestMock } from "../support/mock.ts";

interface OrderModel {
  imp_uid: string;
  amount: number;
  refunded: number;
  status: "paid" | "failed" | "cancelled";
}
interface Model {
  orders: Map<string, OrderModel>;
}
type Real = TestMock;
type Command = fc.AsyncCommand<Model, Real>;

const DECLINE = "4000000000000002";

function checkPayment(payment: Record<string, unknown>, order: OrderModel) {
  expect(payment.imp_uid).toBe(order.imp_uid);
  expect(payment.amount).toBe(order.amount);
  expect(payment.cancel_amount).toBe(order.refunded);
  expect(payment.status).toBe(order.status);
  expect(order.refunded).toBeGreaterThanOrEqual(0);
  expect(order.refunded).toBeLessThanOrEqual(order.amount);
  const history = (payment.cancel_history as { amount: number }[]).reduce((sum, c) => sum + c.amount, 0);
  expect(history).toBe(order.refunded);
}

function record(model: Model, merchant_uid: string, answer: { body: { code: number; response: Record<string, unknown> | null } }, alreadyPaid: boolean) {
  if (alreadyPaid) {
    expect(answer.body.code).toBe(1);
    return;
  }
  expect(answer.body.code).toBe(0);
  const payment = answer.body.response!;
  model.orders.set(merchant_uid, { imp_uid: payment.imp_uid as string, amount: payment.amount as number, refunded: 0, status: payment.status as OrderModel["status"] });
  checkPayment(payment, model.orders.get(merchant_uid)!);
}

const isPaid = (model: Model, merchant_uid: string) => {
  const status = model.orders.get(merchant_uid)?.status;
  return status === "paid" || status === "cancelled";
};

class OnetimeCommand implements Command {
  constructor(readonly merchant_uid: string, readonly amount: number, readonly declined: boolean) {}
  check = () => true;
  async run(model: Model, mock: Real) {
    const answer = await mock.call("POST", "/subscribe/payments/onetime", {
      json: { merchant_uid: this.merchant_uid, amount: this.amount, ...CARD, ...(this.declined ? { card_number: DECLINE } : {}) },
    });
    record(model, this.merchant_uid, answer, isPaid(model, this.merchant_uid));
  }
  toString = () => `onetime(${this.merchant_uid}, ${this.amount}${this.declined ? ", declined" : ""})`;
}

class AgainCommand implements Command {
  constructor(readonly merchant_uid: string, readonly amount: number) {}
  check = () => true;
  async run(model: Model, mock: Real) {
    const answer = await mock.call("POST", "/subscribe/payments/again", {
      form: { customer_uid: SMARTRO_CUSTOMER, merchant_uid: this.merchant_uid, amount: this.amount, name: "plan", buyer_name: "b", buyer_email: "b@example.com", buyer_tel: "010" },
    });
    record(model, this.merchant_uid, answer, isPaid(model, this.merchant_uid));
  }
  toString = () => `again(${this.merchant_uid}, ${this.amount})`;
}

/** How much a cancel asks for, relative to what is left, so full, partial and excessive refunds all occur. */
type Portion = "rest" | "half" | "tooMuch" | number;

class CancelCommand implements Command {
  constructor(readonly merchant_uid: string, readonly portion: Portion) {}
  check = (model: Readonly<Model>) => model.orders.has(this.merchant_uid);
  async run(model: Model, mock: Real) {
    const order = model.orders.get(this.merchant_uid)!;
    const left = order.amount - order.refunded;
    const amount = this.portion === "rest" ? undefined : this.portion === "half" ? Math.max(1, Math.floor(left / 2)) : this.portion === "tooMuch" ? left + 1 : this.portion;
    const answer = await mock.call("POST", "/payments/cancel", { json: { imp_uid: order.imp_uid, ...(amount === undefined ? {} : { amount }) } });
    const refund = amount ?? left;
    if (order.status !== "paid" || refund > left) {
      expect(answer.body.code).toBe(1);
      return;
    }
    expect(answer.body.code).toBe(0);
    order.refunded += refund;
    if (order.refunded === order.amount) order.status = "cancelled";
    checkPayment(answer.body.response, order);
  }
  toString = () => `cancel(${this.merchant_uid}, ${this.portion})`;
}

class LookupCommand implements Command {
  constructor(readonly merchant_uid: string) {}
  check = () => true;
  async run(model: Model, mock: Real) {
    const order = model.orders.get(this.merchant_uid);
    const byOrder = await mock.get(`/payments/find/${this.merchant_uid}`);
    if (!order) {
      expect(byOrder.status).toBe(404);
      return;
    }
    // find answers the latest attempt; the model keeps the latest too.
    checkPayment(byOrder.body.response, order);
    checkPayment((await mock.get(`/payments/${order.imp_uid}`)).body.response, order);
    const balance = (await mock.get(`/payments/${order.imp_uid}/balance`)).body.response;
    expect(balance.amount).toBe(order.status === "failed" ? 0 : order.amount - order.refunded);
  }
  toString = () => `lookup(${this.merchant_uid})`;
}

class AdvanceClockCommand implements Command {
  constructor(readonly seconds: number) {}
  check = () => true;
  async run(_: Model, mock: Real) {
    mock.server.clock.advance(this.seconds);
  }
  toString = () => `advance(${this.seconds})`;
}

const merchantUid = fc.constantFrom("o1", "o2", "o3", "o4");
const amount = fc.integer({ min: 100, max: 50_000 });
const commands = [
  fc.tuple(merchantUid, amount, fc.boolean()).map(([m, a, d]) => new OnetimeCommand(m, a, d)),
  fc.tuple(merchantUid, amount).map(([m, a]) => new AgainCommand(m, a)),
  fc.tuple(merchantUid, fc.oneof(fc.constantFrom<Portion>("rest", "half", "tooMuch"), fc.integer({ min: 1, max: 5_000 }))).map(([m, p]) => new CancelCommand(m, p)),
  merchantUid.map((m) => new LookupCommand(m)),
  fc.integer({ min: 0, max: 3 * 3600 }).map((s) => new AdvanceClockCommand(s)),
];

test("random onetime / again / cancel / lookup sequences keep the refund and status invariants", async () => {
  await fc.assert(
    fc.asyncProperty(fc.commands(commands, { maxCommands: 40 }), async (sequence) => {
      const setup = () => ({ model: { orders: new Map() }, real: createTestMock() });
      await fc.asyncModelRun(setup, sequence);
    }),
    { numRuns: 60 },
  );
});

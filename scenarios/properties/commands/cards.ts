/** Tokens, keyed payments (a channel or a group), billing keys and super keys, again, refunds and lookups. */
import { OrderCommand, PropertyCommand } from "../command.ts";
import {
  GROUP_MEMBERS,
  impUid,
  merchantUid,
  newId,
  pickable,
  refundable,
  type Model,
  type Order,
  type Steps,
} from "../model.ts";
import { BUYER, CARD, DECLINED_CARD, lookUp, pgMatcher, REFUND_ACCOUNT, refused, webhookFor } from "../steps.ts";

/** Asking twice for a token gives the same token (the service's token rules). */
export class GetToken extends PropertyCommand {
  readonly mockOnly = false;
  check = () => true;
  perform(): Steps {
    const body = { imp_key: "{{imp_key}}", imp_secret: "{{imp_secret}}" };
    return [
      {
        name: "token",
        call: "getToken",
        body,
        expect: { response: { access_token: { $regex: "^\\w+$" }, expired_at: { $type: integer() } } },
        capture: { token: "response.access_token" },
      },
      {
        name: "token again: the same",
        call: "getToken",
        body,
        encoding: "form",
        expect: { response: { access_token: "{{token}}" } },
      },
    ];
  }
  toString = () => "getToken twice";
}

const integer = () => "integer" as const;

/**
 * A keyed card payment through NICE v2, or through the demo group (then its PG is one the group can
 * pick). With `reuse`, it names an earlier order's merchant_uid: a failed order can be paid again,
 * one that was paid or cancelled cannot (code 1, nothing changes).
 */
export class KeyedPayment extends PropertyCommand {
  readonly mockOnly = true;
  constructor(
    readonly amount: number,
    readonly declined: boolean,
    readonly routed: boolean,
    readonly encoding: "json" | "form",
    readonly reuse?: number,
  ) {
    super();
  }
  check = () => true;
  perform(model: Model): Steps {
    const earlier = [...model.orders.values()].filter((order) => order.method === "card" && order.escrow === "none");
    const taken = this.reuse !== undefined && earlier.length ? earlier[this.reuse % earlier.length] : undefined;
    const route = this.routed ? { channelGroupId: "{{channel_group}}" } : { channel_key: "{{channel_nice_v2}}" };
    const card = this.declined ? { ...CARD, card_number: DECLINED_CARD } : CARD;
    const id = taken?.id ?? newId(model, "o");
    const step = {
      name: `${id} keyed payment${taken ? " again" : ""}`,
      call: "onetime" as const,
      encoding: this.encoding,
      body: { merchant_uid: merchantUid(id), amount: this.amount, ...card, ...route, notice_url: "{{$webhook_url}}" },
    };
    if (taken && taken.status !== "failed") return [{ ...step, expect: refused(200, 1) }, ...lookUp(taken)];
    const order = newOrder(
      model,
      this.routed ? pickable(model) : ["nice_v2"],
      "card",
      this.amount,
      this.declined ? "failed" : "paid",
      id,
    );
    return [
      {
        ...step,
        expect: { response: { status: order.status, amount: this.amount, pg_provider: pgMatcher(order) } },
        capture: { [`imp_${order.id}`]: "response.imp_uid" },
      },
      ...(this.declined ? [] : [webhookFor(order, "paid")]),
      ...lookUp(order),
    ];
  }
  toString = () =>
    `keyed(${this.amount}${this.declined ? ", declined" : ""}${this.routed ? ", routed" : ""}, ${this.encoding}${this.reuse === undefined ? "" : `, reusing #${this.reuse}`})`;
}

export function newOrder(
  model: Model,
  pgs: Order["pgs"],
  method: Order["method"],
  amount: number,
  status: Order["status"],
  id = newId(model, "o"),
): Order {
  const order: Order = {
    id,
    pgs,
    method,
    amount,
    status,
    refunded: 0,
    refunds: 0,
    pending: [],
    receipt: "none",
    escrow: "none",
  };
  model.orders.set(order.id, order);
  return order;
}

/** A billing key from a card on NICE v2, or a super billing key on every member of the demo group. */
export class IssueKey extends PropertyCommand {
  readonly mockOnly = true;
  constructor(readonly superKey: boolean) {
    super();
  }
  check = () => true;
  perform(model: Model): Steps {
    const id = newId(model, "k");
    model.keys.set(id, {
      id,
      customerUid: merchantUid(id),
      pgs: this.superKey ? [...GROUP_MEMBERS] : ["nice_v2"],
      super: this.superKey,
    });
    const route = this.superKey ? { channel_group_id: "{{channel_group}}" } : { channel_key: "{{channel_nice_v2}}" };
    return [
      {
        name: `${id} ${this.superKey ? "super " : ""}billing key`,
        call: "customer_save",
        params: { customer_uid: merchantUid(id) },
        body: { ...CARD, customer_id: "cust1", ...route },
        expect: { response: { customer_uid: merchantUid(id) } },
      },
    ];
  }
  toString = () => (this.superKey ? "super key" : "billing key");
}

/** A payment with a billing key; a super key's is routed among its holders the group can pick. */
export class Again extends PropertyCommand {
  constructor(
    readonly keyIndex: number,
    readonly amount: number,
    readonly demoKeyOnly: boolean,
  ) {
    super();
  }
  get mockOnly() {
    return !this.demoKeyOnly;
  }
  check = (model: Readonly<Model>) => model.keys.size > 0;
  perform(model: Model): Steps {
    const keys = [...model.keys.values()].filter((key) => !this.demoKeyOnly || key.id === "demo");
    const key = keys[this.keyIndex % keys.length]!;
    const order = newOrder(model, key.super ? pickable(model, key.pgs, true) : key.pgs, "card", this.amount, "paid");
    return [
      {
        name: `${order.id} again with ${key.id}`,
        call: "again",
        body: {
          customer_uid: key.customerUid,
          merchant_uid: merchantUid(order.id),
          amount: this.amount,
          name: "plan",
          ...BUYER,
          notice_url: "{{$webhook_url}}",
        },
        expect: { response: { status: "paid", amount: this.amount, pg_provider: pgMatcher(order) } },
        capture: { [`imp_${order.id}`]: "response.imp_uid" },
      },
      webhookFor(order, "paid"),
      ...lookUp(order),
    ];
  }
  toString = () => `again(key #${this.keyIndex}, ${this.amount})`;
}

export type Portion = "rest" | "half" | "tooMuch";

/**
 * A refund of a paid order: all that is left, half of it, or more than is left (refused, code 1).
 * Smartro v2 virtual accounts wait for the PG's transfer: the payment shows no change until then.
 */
export class Refund extends OrderCommand {
  readonly mockOnly = false;
  protected readonly label = "refund";
  constructor(
    orderIndex: number,
    readonly portion: Portion,
    /** Only Smartro v2 virtual accounts: their refunds wait for the PG's transfer, a path of its own. */
    readonly smartroAccountsOnly = false,
  ) {
    super(orderIndex);
  }
  protected candidates = (model: Readonly<Model>) =>
    paidOrders(model).filter((order) => !this.smartroAccountsOnly || isSmartroAccount(order));
  perform(model: Model): Steps {
    const order = this.chosen(model);
    const left = refundable(order);
    const amount =
      this.portion === "tooMuch" ? left + 1 : this.portion === "half" ? Math.floor(left / 2) || left : left;
    const body = {
      imp_uid: impUid(order.id),
      amount,
      reason: "property",
      ...(order.method === "vbank" ? REFUND_ACCOUNT : {}),
    };
    const name = `${order.id} refund ${amount} (${this.portion})`;
    if (this.portion === "tooMuch" || left === 0)
      return [{ name, call: "cancelPayment", body, expect: refused(200, 1) }, ...lookUp(order)];
    if (isSmartroAccount(order)) order.pending.push(amount);
    else applyRefund(order, amount);
    return [
      {
        name,
        call: "cancelPayment",
        body,
        expect: { response: { cancel_amount: order.refunded, status: order.status } },
      },
      ...lookUp(order),
    ];
  }
  override toString = () =>
    `refund${this.smartroAccountsOnly ? " smartro account" : ""}(#${this.orderIndex}, ${this.portion})`;
}

const isSmartroAccount = (order: Order) => order.method === "vbank" && order.pgs[0] === "smartro_v2";
const paidOrders = (model: Readonly<Model>) => [...model.orders.values()].filter((order) => order.status === "paid");

/**
 * A refund that shows on the payment. Most PGs take it off a live cash receipt and revoke the
 * receipt with the last refund; Smartro v2 leaves the receipt alone (decision 006).
 */
export function applyRefund(order: Order, amount: number) {
  order.refunded += amount;
  order.refunds += 1;
  const receiptFollows = order.receipt === "issued" && order.pgs[0] !== "smartro_v2";
  if (receiptFollows && order.receiptAmount !== undefined) order.receiptAmount -= amount;
  if (order.refunded < order.amount) return;
  order.status = "cancelled";
  if (receiptFollows) order.receipt = "revoked";
}

/** Every order looked up by merchant_uid agrees with the model (the latest payment of each). */
export class Audit extends PropertyCommand {
  readonly mockOnly = false;
  check = (model: Readonly<Model>) => model.orders.size > 0;
  perform(model: Model): Steps {
    return [...model.orders.values()].slice(-5).map((order) => ({
      name: `${order.id} found by merchant_uid`,
      call: "getPaymentByMerchantUid" as const,
      params: { merchant_uid: merchantUid(order.id), payment_status: order.status },
      expect: {
        response: {
          imp_uid: impUid(order.id),
          status: order.status,
          amount: order.amount,
          cancel_amount: order.refunded,
        },
      },
    }));
  }
  toString = () => "audit";
}

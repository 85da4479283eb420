/**
 * The cash side: virtual accounts (issue, the PG's deposit notice, revoke), Smartro v2's refund
 * transfer notice, cash receipts (issue, revoke) and escrow shipping (register, change).
 */
import { OrderCommand, PropertyCommand } from "../command.ts";
import { impUid, merchantUid, type Model, type Order, type Pg, type Steps } from "../model.ts";
import { BUYER, lookUp, refused, webhookFor } from "../steps.ts";
import { applyRefund, newOrder } from "./cards.ts";

const DAY = 24 * 3600;
const ordersWhere = (model: Readonly<Model>, test: (order: Order) => boolean) =>
  [...model.orders.values()].filter(test);

/**
 * A virtual account on Smartro v2 or NICE v2, waiting for its deposit. NICE v2 keeps a deadline's
 * time, so its accounts may close within hours (off the half-hour grid the clock moves on, so a
 * deposit is never exactly at the deadline); Smartro v2 moves deadlines to the day's end, which
 * the model cannot place, so its accounts close 60 days ahead.
 */
export class IssueVbank extends PropertyCommand {
  readonly mockOnly = true;
  constructor(
    readonly pg: Extract<Pg, "smartro_v2" | "nice_v2">,
    readonly amount: number,
    /** NICE v2 only: hours until the deadline (plus a quarter of an hour). */
    readonly closesInHours?: number,
  ) {
    super();
  }
  check = () => true;
  perform(model: Model): Steps {
    const order = newOrder(model, [this.pg], "vbank", this.amount, "ready");
    const closesIn =
      this.pg === "nice_v2" && this.closesInHours !== undefined ? this.closesInHours * 3600 + 900 : 60 * DAY;
    if (closesIn < 60 * DAY) order.due = model.clock + closesIn;
    return [
      {
        name: `${order.id} virtual account on ${this.pg}`,
        call: "createVbank",
        body: {
          channel_key: `{{channel_${this.pg}}}`,
          merchant_uid: merchantUid(order.id),
          amount: this.amount,
          vbank_code: "088",
          vbank_due: `{{$now + ${closesIn}}}`,
          vbank_holder: "Kim",
          name: "order",
          ...BUYER,
          notice_url: "{{$webhook_url}}",
        },
        expect: {
          response: { status: "ready", amount: this.amount, vbank_code: "088", vbank_num: { $type: "string" } },
        },
        capture: { [`imp_${order.id}`]: "response.imp_uid" },
      },
      webhookFor(order, "ready"),
      ...lookUp(order),
    ];
  }
  toString = () =>
    `vbank(${this.pg}, ${this.amount}${this.closesInHours === undefined || this.pg !== "nice_v2" ? "" : `, closes in ${this.closesInHours} h`})`;
}

/**
 * The PG's deposit notice for any account: a waiting one before its deadline becomes paid and owes
 * a webhook; one that is paid, revoked or past its deadline refuses it (code 1) and stays as it was.
 */
export class Deposit extends OrderCommand {
  readonly mockOnly = true;
  protected readonly label = "deposit";
  protected candidates = (model: Readonly<Model>) => ordersWhere(model, (order) => order.method === "vbank");
  perform(model: Model): Steps {
    const order = this.chosen(model);
    const step = {
      name: `${order.id} deposit`,
      control: "sendPgNotice",
      body: { kind: "deposit", imp_uid: impUid(order.id) },
    };
    const open = order.status === "ready" && (order.due === undefined || model.clock < order.due);
    if (!open) return [{ ...step, expect: refused(200, 1) }, ...lookUp(order)];
    order.status = "paid";
    return [{ ...step, expect: { response: { status: "paid" } } }, webhookFor(order, "paid"), ...lookUp(order)];
  }
}

/** PUT /vbanks/{imp_uid}: neither Smartro v2 nor NICE v2 changes an account (only Hecto Financial does): 400, nothing changes. */
export class ModifyVbank extends OrderCommand {
  readonly mockOnly = true;
  protected readonly label = "modify account";
  protected candidates = (model: Readonly<Model>) => ordersWhere(model, (order) => order.method === "vbank");
  perform(model: Model): Steps {
    const order = this.chosen(model);
    const body = { amount: order.amount + 100 };
    return [
      {
        name: `${order.id} account changed`,
        call: "modifyVbank",
        params: { imp_uid: impUid(order.id) },
        body,
        expect: refused(400, -1, "modifyVbank"),
      },
      ...lookUp(order),
    ];
  }
}

const waiting = (model: Readonly<Model>) =>
  ordersWhere(model, (order) => order.method === "vbank" && order.status === "ready");

/** DELETE /vbanks/{imp_uid}: a waiting account is revoked (cancelled, nothing refunded). */
export class RevokeVbank extends OrderCommand {
  readonly mockOnly = true;
  protected readonly label = "revoke";
  protected candidates = (model: Readonly<Model>) => waiting(model);
  perform(model: Model): Steps {
    const order = this.chosen(model);
    order.status = "cancelled";
    return [
      {
        name: `${order.id} revoked`,
        call: "revokeVbank",
        params: { imp_uid: impUid(order.id) },
        expect: { response: { status: "cancelled" } },
      },
      ...lookUp(order),
    ];
  }
}

/**
 * Smartro v2's refund-transfer notice for the oldest waiting refund: transferred, it shows on the
 * payment now; failed (the transfer bounced), it is dropped and its amount can be refunded again.
 */
export class RefundTransfer extends OrderCommand {
  readonly mockOnly = true;
  protected readonly label = "refund transfer";
  constructor(
    orderIndex: number,
    readonly outcome: "transferred" | "failed",
  ) {
    super(orderIndex);
  }
  protected candidates = (model: Readonly<Model>) => withPending(model);
  perform(model: Model): Steps {
    const order = this.chosen(model);
    const amount = order.pending.shift()!;
    if (this.outcome === "transferred") applyRefund(order, amount);
    const body = { kind: "refund_transfer", imp_uid: impUid(order.id), outcome: this.outcome };
    return [
      {
        name: `${order.id} refund ${this.outcome}`,
        control: "sendPgNotice",
        body,
        expect: { response: { cancel_amount: order.refunded } },
      },
      ...lookUp(order),
    ];
  }
  override toString = () => `refund ${this.outcome}(#${this.orderIndex})`;
}

const withPending = (model: Readonly<Model>) => ordersWhere(model, (order) => order.pending.length > 0);

/** A cash receipt for a paid virtual account without a live one: for what is left of it. */
export class IssueReceipt extends OrderCommand {
  readonly mockOnly = true;
  protected readonly label = "receipt";
  protected candidates = (model: Readonly<Model>) => receiptable(model);
  perform(model: Model): Steps {
    const order = this.chosen(model);
    order.receipt = "issued";
    // What is left of the payment; with a Smartro v2 refund waiting, the model cannot say (not modelled).
    order.receiptAmount = order.pending.length ? undefined : order.amount - order.refunded;
    const amount = order.receiptAmount ?? { $type: "integer" };
    return [
      {
        name: `${order.id} cash receipt`,
        call: "issueReceipt",
        params: { imp_uid: impUid(order.id) },
        body: {
          identifier: "01012345678",
          identifier_type: "phone",
          type: "person",
          buyer_name: BUYER.buyer_name,
          buyer_tel: BUYER.buyer_tel,
        },
        expect: { response: { imp_uid: impUid(order.id), amount, cancelled_at: 0 } },
      },
      ...lookUp(order),
    ];
  }
}

const receiptable = (model: Readonly<Model>) =>
  ordersWhere(model, (order) => order.method === "vbank" && order.status === "paid" && order.receipt !== "issued");

/** DELETE /receipts/{imp_uid} of a live receipt; a second revoke is refused (400). */
export class RevokeReceipt extends OrderCommand {
  readonly mockOnly = true;
  protected readonly label = "revoke receipt";
  protected candidates = (model: Readonly<Model>) => ordersWhere(model, (order) => order.receipt !== "none");
  perform(model: Model): Steps {
    const order = this.chosen(model);
    const step = {
      name: `${order.id} receipt revoked`,
      call: "revokeReceipt" as const,
      params: { imp_uid: impUid(order.id) },
    };
    if (order.receipt === "revoked") return [{ ...step, expect: refused(400, -1) }, ...lookUp(order)];
    order.receipt = "revoked";
    return [
      { ...step, expect: { response: { imp_uid: impUid(order.id), cancelled_at: { $range: { min: 1 } } } } },
      ...lookUp(order),
    ];
  }
}

const formed = (line: string) => ({ address_line_1: line, address_line_2: "101-202" });
const SHIPPING = {
  sender: { name: "Shop", tel: "0212345678", postcode: "06236", formed_address: formed("1 Teheran-ro") },
  receiver: { name: "Kim", tel: "01012345678", postcode: "04524", formed_address: formed("110 Sejong-daero") },
};
const logis = (invoice: string) => ({ company: "CJGLS", invoice, sent_at: "{{$now}}" });

/** A paid escrow card payment on Smartro v2, as the browser checkout makes it. */
export class EscrowPayment extends PropertyCommand {
  readonly mockOnly = true;
  constructor(readonly amount: number) {
    super();
  }
  check = () => true;
  perform(model: Model): Steps {
    const order = newOrder(model, ["smartro_v2"], "card", this.amount, "paid");
    order.escrow = "unregistered";
    return [
      {
        name: `${order.id} escrow checkout`,
        control: "completeCheckout",
        body: {
          channel_key: "{{channel_smartro_v2}}",
          merchant_uid: merchantUid(order.id),
          amount: this.amount,
          escrow: true,
          ...BUYER,
          name: "order",
        },
        expect: { response: { status: "paid", escrow: true } },
        capture: { [`imp_${order.id}`]: "response.imp_uid" },
      },
      ...lookUp(order),
    ];
  }
  toString = () => `escrow payment(${this.amount})`;
}

const escrows = (model: Readonly<Model>) =>
  ordersWhere(model, (order) => order.escrow !== "none" && order.status === "paid");

/** Register shipping once (Smartro v2 needs both formed addresses); a second registration is 409. */
export class RegisterShipping extends OrderCommand {
  readonly mockOnly = true;
  protected readonly label = "register shipping";
  protected candidates = (model: Readonly<Model>) => escrows(model);
  perform(model: Model): Steps {
    const order = this.chosen(model);
    const step = {
      name: `${order.id} shipping registered`,
      call: "escrow_logis_save" as const,
      params: { imp_uid: impUid(order.id) },
      body: { ...SHIPPING, logis: logis("111111111111") },
    };
    if (order.escrow === "registered") return [{ ...step, expect: refused(409, -1) }];
    order.escrow = "registered";
    return [{ ...step, expect: { response: { company: "CJGLS", invoice: "111111111111" } } }];
  }
}

/** Change the shipping (logis only on Smartro v2); before a registration it is 409. */
export class ChangeShipping extends OrderCommand {
  readonly mockOnly = true;
  protected readonly label = "change shipping";
  protected candidates = (model: Readonly<Model>) => escrows(model);
  perform(model: Model): Steps {
    const order = this.chosen(model);
    const step = {
      name: `${order.id} shipping changed`,
      call: "escrow_logis_edit" as const,
      params: { imp_uid: impUid(order.id) },
      body: { logis: logis("222222222222") },
    };
    if (order.escrow !== "registered") return [{ ...step, expect: refused(409, -1) }];
    return [
      { ...step, expect: { response: { invoice: "222222222222" } } },
      {
        name: `${order.id} shipping looked up`,
        call: "escrow_logis_get",
        params: { imp_uid: impUid(order.id) },
        expect: { response: { invoice: "222222222222" } },
      },
    ];
  }
}

/**
 * The model the property suites hold a target to: far simpler than the mock. Orders with their
 * amount, refunds (and Smartro v2's refunds waiting for the PG's transfer), status, receipt and
 * escrow shipping; billing keys; schedules; the group's ratios; and the clock as seconds since
 * the run began. Commands change it and say, as scenario steps, what the target must answer.
 */
import type { ScenarioStep } from "../../contracts/scenarios.ts";

/** The demo merchant's channels the suites use, by PG (inputs `channel_<pg>`). */
export type Pg = "nice_v2" | "smartro_v2" | "kcp" | "tosspayments";
/** The demo group's members and their ratios at the start of a run (README: NICE v2 50 / KCP 30 / Toss Payments 20). */
export const START_RATIOS: Record<Pg, number> = { nice_v2: 50, kcp: 30, tosspayments: 20, smartro_v2: 0 };
export const GROUP_MEMBERS: Pg[] = ["nice_v2", "kcp", "tosspayments"];

export interface Order {
  /** `o3`: merchant_uid `{{run}}o3`, imp_uid in variable `imp_o3`. */
  id: string;
  /** The PGs the payment may have gone through: one, or a group's members with a positive ratio. */
  pgs: Pg[];
  method: "card" | "vbank";
  amount: number;
  status: "ready" | "paid" | "failed" | "cancelled";
  refunded: number;
  /** How many refunds the payment shows (the length of its cancel_history). */
  refunds: number;
  /** Smartro v2 virtual-account refunds waiting for the refund-transfer notice, oldest first. */
  pending: number[];
  /** A virtual account's deadline in seconds after the run began; far away when undefined. */
  due?: number;
  receipt: "none" | "issued" | "revoked";
  /** What the live receipt covers, when the model knows it (not once a Smartro v2 refund was waiting at issue). */
  receiptAmount?: number;
  escrow: "none" | "unregistered" | "registered";
}

export interface BillingKey {
  /** `k2`: customer_uid `{{run}}k2`; the demo merchant's Smartro v2 key is the input `customer_smartro_v2`. */
  id: string;
  customerUid: string;
  /** The channels that hold it (several for a super billing key). */
  pgs: Pg[];
  super: boolean;
}

export interface Schedule {
  order: string;
  key: string;
  amount: number;
  /** Seconds after the run began. */
  at: number;
  status: "scheduled" | "executed" | "revoked";
}

export interface Model {
  orders: Map<string, Order>;
  keys: Map<string, BillingKey>;
  schedules: Schedule[];
  ratios: Record<Pg, number>;
  /** Seconds the clock moved since the run began. */
  clock: number;
  nextId: number;
}

export function emptyModel(): Model {
  const smartroKey: BillingKey = {
    id: "demo",
    customerUid: "{{customer_smartro_v2}}",
    pgs: ["smartro_v2"],
    super: false,
  };
  return {
    orders: new Map(),
    keys: new Map([["demo", smartroKey]]),
    schedules: [],
    ratios: { ...START_RATIOS },
    clock: 0,
    nextId: 1,
  };
}

export const newId = (model: Model, prefix: string) => `${prefix}${model.nextId++}`;
export const merchantUid = (id: string) => `{{run}}${id}`;
export const impUid = (id: string) => `{{imp_${id}}}`;
/** What can still be refunded: neither refunded nor waiting. */
export const refundable = (order: Order) =>
  order.amount - order.refunded - order.pending.reduce((sum, amount) => sum + amount, 0);
/**
 * The group members a routed request can pick now. A super billing key's holders (`keyHolders`)
 * fall back to those at ratio 0 when none has a positive ratio, as PortOne's guide says.
 */
export const pickable = (model: Model, among: Pg[] = GROUP_MEMBERS, keyHolders = false) => {
  const positive = among.filter((pg) => model.ratios[pg] > 0);
  return positive.length || !keyHolders ? positive : among;
};

/** What a command adds to a run: the steps that act and check. */
export type Steps = ScenarioStep[];

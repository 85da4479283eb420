/**
 * The mock's records: what one instance holds per merchant (channels, payments, billing keys,
 * schedules, receipts, shipments, smart-routing groups, owed webhooks and notices) and the views of
 * them the API shows. Types only, on the contracts' shapes: every module of the core uses them, and
 * this module uses none of the core's, so the core's modules never need each other for a type.
 */
import type { z } from "zod";
import type { RatioChange } from "../../contracts/mock/channel-groups.ts";
import type { ChannelConfig, MerchantConfig } from "../../contracts/mock/config.ts";
import type { ScheduledPgNoticeView, WebhookEvent } from "../../contracts/mock/webhooks.ts";
import type { PgBehaviours } from "../../contracts/pg-rules/profiles.ts";
import type { EditEscrowLogisRequest, RegisterEscrowLogisRequest } from "../../contracts/schemas/escrows.ts";
import type { PaymentAnnotation } from "../../contracts/schemas/payments.ts";
import type { ScheduleAnnotation, ScheduleResultAnnotation } from "../../contracts/schemas/schedules.ts";
import type { CustomerAnnotation, SuperBillingKeyAnnotation } from "../../contracts/schemas/subscribe.ts";

export type PaymentView = z.output<typeof PaymentAnnotation>;
export type BillingKeyView = z.output<typeof CustomerAnnotation>;
export type SuperBillingKeyView = z.output<typeof SuperBillingKeyAnnotation>;

export interface Channel extends Omit<ChannelConfig, "behaviours"> {
  payMethods: string[];
  isDefault: boolean;
  /** The PG's behaviours with the channel's configured overrides applied. */
  behaviours: PgBehaviours;
}

export interface PaymentRecord {
  /** What the API shows; mutated in place as the payment moves on. */
  view: PaymentView;
  channelKey: string;
  /** Order of creation, to break ties when sorting. */
  sequence: number;
  updatedAt: number;
  taxFree: number;
  vat: number;
  /** The tax-free and VAT parts of each refund, in the order of `view.cancel_history`. */
  refunds: { taxFree: number; vat: number }[];
  /** The number of items (`product_count`): accepted and kept, though no V1 answer shows it. */
  productCount: number;
  /** Refunds the PG accepted but has not transferred yet (Smartro v2 virtual accounts), oldest first. */
  pendingRefunds: PendingRefund[];
  /** The request's notice_url, where the payment's webhooks go instead of the merchant's URL. */
  noticeUrl: string | string[] | null;
}

/** A refund waiting for the PG's refund-transfer notice; nothing of it shows on the payment yet. */
export interface PendingRefund {
  cancellation_id: string;
  amount: number;
  taxFree: number;
  vat: number;
  reason: string;
  requestedAt: number;
  /** Where the PG transfers the money: refund_bank, refund_account, refund_holder, refund_tel. */
  account: { bank: string | null; number: string | null; holder: string | null; tel: string | null };
}

export interface BillingKeyRecord {
  view: BillingKeyView | SuperBillingKeyView;
  /** The channels holding a key for the card: one, or those of a super billing key that succeeded. */
  channelKeys: string[];
  /** The smart-routing group of a super billing key; null for an ordinary key. */
  groupId: string | null;
  /** The full card number, kept so later payments with the key get the card's test outcome. */
  cardNumber: string;
}

export interface PreparedRecord {
  merchant_uid: string;
  amount: number;
  currency: string | null;
}

export interface TokenRecord {
  access_token: string;
  storeCode: string;
  expired_at: number;
}

export interface MerchantState {
  config: MerchantConfig;
  channels: Map<string, Channel>;
  defaultChannel: Channel;
  payments: Map<string, PaymentRecord>;
  paymentsByMerchantUid: Map<string, PaymentRecord[]>;
  billingKeys: Map<string, BillingKeyRecord>;
  prepared: Map<string, PreparedRecord>;
  /** Escrow shipping details by imp_uid. */
  shipments: Map<string, Shipment>;
  /** Cash receipts of PortOne payments by imp_uid, and of payments made elsewhere by merchant_uid. */
  receipts: Map<string, Receipt>;
  externalReceipts: Map<string, Receipt>;
  /** Scheduled payments by merchant_uid. */
  schedules: Map<string, ScheduleRecord>;
  /** Smart-routing groups by id, and the ids of deleted ones (which never come back). */
  groups: Map<string, ChannelGroup>;
  deletedGroupIds: Set<string>;
  /** Webhooks owed and not yet handed to delivery (mock-server/pingback takes them after every request). */
  webhookQueue: OwedWebhook[];
  /** PG notices that arrive by themselves (a channel's `notice_delays`), soonest first. */
  scheduledNotices: ScheduledNotice[];
  /** The token getToken hands out until it expires (one per imp_key, as the real service does). */
  token: TokenRecord | null;
}

export interface Store {
  readonly merchants: MerchantState[];
  merchantByStoreCode(storeCode: string): MerchantState | undefined;
  merchantByImpKey(impKey: string): MerchantState | undefined;
  tokens: Map<string, TokenRecord>;
  /** imp_uids of every merchant, so no two payments anywhere share one. */
  impUids: Set<string>;
  nextSequence(): number;
  reset(): void;
}

export type ShipmentRegistration = z.output<typeof RegisterEscrowLogisRequest>;
export type ShipmentChange = z.output<typeof EditEscrowLogisRequest>;

/** What the merchant registered for one escrow payment; the API shows the logistics part. */
export interface Shipment extends ShipmentRegistration {
  /** When the current logistics were registered or last changed. */
  appliedAt: number;
}

export interface Receipt {
  /** The channel whose PG issued it, and so revokes it. */
  channelKey: string;
  receipt_tid: string;
  apply_num: string;
  type: "person" | "company";
  amount: number;
  vat: number;
  receipt_url: string;
  applied_at: number;
  /** When it was revoked; 0 while it stands, as the official document types it (an integer). */
  cancelled_at: number;
}

export type ScheduleView = z.output<typeof ScheduleResultAnnotation>;
export type ScheduleEntry = z.output<typeof ScheduleAnnotation>;

export interface ScheduleRecord {
  view: ScheduleView;
  /** Creation order, to break schedule_at ties. */
  sequence: number;
  /** The entry as requested: amounts, currency and the options the payment is made with. */
  entry: ScheduleEntry;
  /** For a super billing key, the request's channel_key, which forces that holder at run time. */
  channelKey: string | undefined;
}

/** A PG notice due to arrive by itself, as GET /__mock/state lists it: the refund a refund_transfer notice is about, and when it arrives. */
export type ScheduledNotice = z.output<typeof ScheduledPgNoticeView>;

/** A webhook owed and not yet handed to delivery (contracts/mock/webhooks.ts). */
export type OwedWebhook = z.output<typeof WebhookEvent>;

export interface GroupMember {
  channel: Channel;
  ratio: number;
  enabled: boolean;
}

export interface ChannelGroup {
  id: string;
  name: string;
  environment: "test" | "live";
  members: GroupMember[];
  ratioChange: z.output<typeof RatioChange> | null;
  /** Requests routed to each channel since the last reset. */
  picks: Map<string, number>;
  /**
   * Weighted choices over a set of allowed channels, built on first use. Every change of ratios or
   * switches must build a new group or clear this (changeGroup, applyRatioChange).
   */
  choices: Map<string, WeightedChoice<Channel>>;
}

/**
 * A weighted pick among a group's channels (built by core/routing/weighted-choice.ts), kept on the
 * group until its ratios change. `random` is the instance's seeded source.
 */
export interface WeightedChoice<T> {
  /** The options that can be picked, in the order given. */
  readonly candidates: readonly T[];
  pick(random: { int(from: number, to: number): number }): T;
}

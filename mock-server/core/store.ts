/**
 * The state of one mock instance: per merchant, its channels, payments, billing keys and
 * pre-registered amounts; across merchants, the issued tokens. Plain maps, owned by one instance.
 */
import type { z } from "zod";
import type { ChannelConfig, MerchantConfig, MockConfig } from "../../contracts/mock/config.ts";
import type { PaymentAnnotation } from "../../contracts/schemas/payments.ts";
import type { CustomerAnnotation, SuperBillingKeyAnnotation } from "../../contracts/schemas/subscribe.ts";
import { DEFAULT_BEHAVIOURS, pgProfiles, withOverrides, type PgBehaviours } from "../../contracts/pg-rules/profiles.ts";
import { groupsOfConfig, type ChannelGroup } from "../routing/groups.ts";
import type { Shipment } from "./escrows.ts";
import type { Receipt } from "./receipts.ts";
import type { ScheduleRecord } from "./schedules.ts";
import type { ScheduledNotice } from "./notice-schedule.ts";
import type { OwedWebhook } from "./webhook-queue.ts";

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

function channelOf(config: ChannelConfig, isDefault: boolean): Channel {
  const profile = pgProfiles[config.pg_provider];
  return {
    ...config,
    payMethods: config.pay_methods ?? profile?.payMethods ?? ["card"],
    isDefault,
    behaviours: withOverrides(profile?.behaviours ?? DEFAULT_BEHAVIOURS, config.behaviours),
  };
}

function merchantState(config: MerchantConfig): MerchantState {
  const defaultKey = config.default_channel ?? config.channels[0]!.channel_key;
  const channels = new Map(config.channels.map((channel) => [channel.channel_key, channelOf(channel, channel.channel_key === defaultKey)]));
  return {
    config,
    channels,
    defaultChannel: channels.get(defaultKey)!,
    groups: groupsOfConfig(config, channels),
    deletedGroupIds: new Set(),
    payments: new Map(),
    paymentsByMerchantUid: new Map(),
    billingKeys: new Map(),
    prepared: new Map(),
    shipments: new Map(),
    receipts: new Map(),
    externalReceipts: new Map(),
    schedules: new Map(),
    webhookQueue: [],
    scheduledNotices: [],
    token: null,
  };
}

export function createStore(config: MockConfig): Store {
  let merchants: MerchantState[] = [];
  let byStoreCode = new Map<string, MerchantState>();
  let byImpKey = new Map<string, MerchantState>();
  let sequence = 0;
  const store: Store = {
    get merchants() {
      return merchants;
    },
    merchantByStoreCode: (code) => byStoreCode.get(code),
    merchantByImpKey: (key) => byImpKey.get(key),
    tokens: new Map(),
    impUids: new Set(),
    nextSequence: () => ++sequence,
    reset() {
      merchants = config.merchants.map(merchantState);
      byStoreCode = new Map(merchants.map((m) => [m.config.store_code, m]));
      byImpKey = new Map(merchants.map((m) => [m.config.imp_key, m]));
      store.tokens.clear();
      store.impUids.clear();
      sequence = 0;
    },
  };
  store.reset();
  return store;
}

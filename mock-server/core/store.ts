/**
 * The state of one mock instance: per merchant, its channels, payments, billing keys and
 * pre-registered amounts; across merchants, the issued tokens. Plain maps, owned by one instance.
 */
import type { ChannelConfig, MerchantConfig, MockConfig } from "../../contracts/mock/config.ts";
import { DEFAULT_BEHAVIOURS, pgProfiles, withOverrides } from "../../contracts/pg-rules/profiles.ts";
import type { Channel, ChannelGroup, MerchantState, Store } from "./model.ts";

/** Builds a merchant's smart-routing groups from its config: routing's job, handed in by the core's constructor. */
export type GroupsOfConfig = (
  config: MerchantConfig,
  channels: ReadonlyMap<string, Channel>,
) => Map<string, ChannelGroup>;

function channelOf(config: ChannelConfig, isDefault: boolean): Channel {
  const profile = pgProfiles[config.pg_provider];
  return {
    ...config,
    payMethods: config.pay_methods ?? profile?.payMethods ?? ["card"],
    isDefault,
    behaviours: withOverrides(profile?.behaviours ?? DEFAULT_BEHAVIOURS, config.behaviours),
  };
}

function merchantState(config: MerchantConfig, groupsOfConfig: GroupsOfConfig): MerchantState {
  const defaultKey = config.default_channel ?? config.channels[0]!.channel_key;
  const channels = new Map(
    config.channels.map((channel) => [channel.channel_key, channelOf(channel, channel.channel_key === defaultKey)]),
  );
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

export function createStore(config: MockConfig, groupsOfConfig: GroupsOfConfig): Store {
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
      merchants = config.merchants.map((merchant) => merchantState(merchant, groupsOfConfig));
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

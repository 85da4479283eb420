/**
 * Which channel serves a routed request: a weighted pick among a group's enabled channels (a
 * request naming channelGroupId), or among the channels holding a super billing key (again and
 * scheduled runs), with the group's ratios renormalised over those channels
 * (docs/decisions/008-smart-routing.md). Each pick is counted for the control API.
 */
import type { RoutingFlow } from "../../contracts/pg-rules/profiles.ts";
import { resolveChannel } from "../core/channels.ts";
import { failure } from "../core/errors.ts";
import type { SeededRandom } from "../core/random.ts";
import type { BillingKeyRecord, Channel, MerchantState } from "../core/store.ts";
import { requireRouted } from "./capabilities.ts";
import { groupOf, type ChannelGroup } from "./groups.ts";
import { weightedChoice } from "./weighted-choice.ts";

/** One channel among the group's members that are switched on (in the group and as channels) and allowed. */
function pick(random: SeededRandom, group: ChannelGroup, allowed: (channel: Channel) => boolean, what: string): Channel {
  const eligible = group.members.filter((m) => m.enabled && m.channel.enabled && allowed(m.channel));
  const cacheKey = eligible.map((m) => m.channel.channel_key).join("\n");
  let choice = group.choices.get(cacheKey);
  if (!choice) {
    if (!eligible.some((m) => m.ratio > 0)) {
      throw failure("rejected", `group ${group.id} has no enabled channel with a ratio above 0 ${what}; enable a channel or give it a ratio`);
    }
    choice = weightedChoice(eligible.map((m) => ({ value: m.channel, weight: m.ratio })));
    group.choices.set(cacheKey, choice);
  }
  const channel = choice.pick(random);
  group.picks.set(channel.channel_key, (group.picks.get(channel.channel_key) ?? 0) + 1);
  return channel;
}

/** A request naming a group: one enabled channel by ratio, which must take the flow and pay method. */
export function pickFromGroup(random: SeededRandom, merchant: MerchantState, groupId: string, flow: RoutingFlow, payMethod: string): Channel {
  const group = groupOf(merchant, groupId);
  const channel = pick(random, group, () => true, "to route to");
  requireRouted(channel, flow, payMethod, group.id);
  return channel;
}

function requireHolder(key: BillingKeyRecord, channel_key: string): void {
  if (!key.channelKeys.includes(channel_key)) {
    const holders = key.groupId ? `its keys are on ${key.channelKeys.join(", ")}` : `it was issued on channel ${key.channelKeys[0]}`;
    throw failure("rejected", `customer_uid ${key.view.customer_uid} holds no key on channel_key ${channel_key}; ${holders}`);
  }
}

/**
 * The channel a billing-key payment goes to: the key's own channel, or for a super billing key
 * the one `channel_key` forces, else a pick among the enabled channels holding a key.
 */
export function channelForKey(random: SeededRandom, merchant: MerchantState, key: BillingKeyRecord, channel_key: string | undefined): Channel {
  if (channel_key !== undefined) requireHolder(key, channel_key);
  if (channel_key !== undefined || key.groupId === null) return resolveChannel(merchant, { channel_key: channel_key ?? key.channelKeys[0] });
  const group = superKeyGroup(merchant, key);
  return pick(random, group, (channel) => key.channelKeys.includes(channel.channel_key), `that holds a key for customer_uid ${key.view.customer_uid} (${key.channelKeys.join(", ")})`);
}

/** The group a super billing key routes through; a deleted group leaves only channel_key. */
export function superKeyGroup(merchant: MerchantState, key: BillingKeyRecord): ChannelGroup {
  const group = merchant.groups.get(key.groupId!);
  if (!group) {
    throw failure("rejected", `customer_uid ${key.view.customer_uid} is a super billing key of group ${key.groupId}, which was deleted; send channel_key (one of ${key.channelKeys.join(", ")}) to pay with that channel's key`);
  }
  return group;
}

/**
 * Every channel a payment with the key could go to (whose PG rules a schedule must pass when it
 * is made): the key's channel, the one channel_key forces, or each channel holding a super key.
 */
export function keyChannels(merchant: MerchantState, key: BillingKeyRecord, channel_key: string | undefined): Channel[] {
  if (channel_key !== undefined) requireHolder(key, channel_key);
  if (channel_key !== undefined || key.groupId === null) return [resolveChannel(merchant, { channel_key: channel_key ?? key.channelKeys[0] })];
  superKeyGroup(merchant, key);
  return key.channelKeys.map((holder) => merchant.channels.get(holder)!);
}

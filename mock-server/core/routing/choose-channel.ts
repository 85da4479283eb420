/**
 * Which channel serves a routed request: a weighted pick among a group's enabled channels (a
 * request naming channelGroupId), or among the channels holding a super billing key (again and
 * scheduled runs), with the group's ratios renormalised over those channels
 * (docs/decisions/008-smart-routing.md). A pick is counted for the control API once its request is served.
 */
import type { RoutingFlow } from "../../../contracts/pg-rules/profiles.ts";
import { resolveChannel } from "../channels.ts";
import { failure } from "../errors.ts";
import type { SeededRandom } from "../random.ts";
import type { BillingKeyRecord, Channel, ChannelGroup, GroupMember, MerchantState } from "../model.ts";
import { requireRouted } from "./capabilities.ts";
import { groupOf } from "./groups.ts";
import { weightedChoice, type WeightedChoice } from "./weighted-choice.ts";

/**
 * A channel for a request, and how to count it: a pick counts for its group only once the
 * request is served, so a refused request leaves the counts as they were.
 */
export interface RoutedChannel {
  channel: Channel;
  countPick(): void;
}

/** Nothing to count; one function for every direct channel rather than a new closure per request. */
const countNothing = (): void => undefined;

/** A channel named directly (channel_key, pg, the default, an ordinary key): nothing to count. */
export const direct = (channel: Channel): RoutedChannel => ({ channel, countPick: countNothing });

const switchedOn = (member: GroupMember) => member.enabled && member.channel.enabled;

/**
 * The weighted choice over the group's members that are switched on and allowed, built on first
 * use and kept until the group changes, so a pick is one draw and a binary search.
 */
function choiceFor(
  group: ChannelGroup,
  cacheKey: string,
  allowed: (member: GroupMember) => boolean,
  nothingLeft: () => string,
  atRatioZeroWhenNoneElse = false,
): WeightedChoice<Channel> {
  let choice = group.choices.get(cacheKey);
  if (!choice) {
    const candidates = group.members.filter((m) => switchedOn(m) && allowed(m));
    const weighted = candidates.some((m) => m.ratio > 0);
    if (!weighted && !(atRatioZeroWhenNoneElse && candidates.length)) throw failure("rejected", nothingLeft());
    // With no candidate at a positive ratio, those at ratio 0 share the requests evenly.
    choice = weightedChoice(candidates.map((m) => ({ value: m.channel, weight: weighted ? m.ratio : 1 })));
    group.choices.set(cacheKey, choice);
  }
  return choice;
}

/** A group's channel, whose pick counts once its request is served. */
const counted = (group: ChannelGroup, channel: Channel): RoutedChannel => ({
  channel,
  countPick() {
    group.picks.set(channel.channel_key, (group.picks.get(channel.channel_key) ?? 0) + 1);
  },
});

const pick = (random: SeededRandom, group: ChannelGroup, choice: WeightedChoice<Channel>): RoutedChannel =>
  counted(group, choice.pick(random));

/** A request naming a group: one member by ratio, which must take the flow and pay method. */
export function pickFromGroup(
  random: SeededRandom,
  merchant: MerchantState,
  groupId: string,
  flow: RoutingFlow,
  payMethod: string,
): RoutedChannel {
  const group = groupOf(merchant, groupId);
  const choice = choiceFor(
    group,
    "all members",
    () => true,
    () =>
      `group ${group.id} has no enabled channel with a ratio above 0 to route to; enable a channel or give it a ratio`,
  );
  const routed = pick(random, group, choice);
  requireRouted(routed.channel, flow, payMethod, group.id);
  return routed;
}

/**
 * The member a checkout window already drew and showed the buyer (the draw happened when the window
 * opened; approving it must not draw again): it must still be a member that can be picked.
 */
export function drawnMember(
  merchant: MerchantState,
  groupId: string,
  channelKey: string,
  flow: RoutingFlow,
  payMethod: string,
): RoutedChannel {
  const group = groupOf(merchant, groupId);
  const member = group.members.find((m) => m.channel.channel_key === channelKey);
  if (!member || !switchedOn(member) || member.ratio <= 0)
    throw failure(
      "rejected",
      `channel ${channelKey} can no longer be picked in group ${group.id}; open the checkout again`,
    );
  requireRouted(member.channel, flow, payMethod, group.id);
  return counted(group, member.channel);
}

/**
 * The members holding a key for a super billing key's card, as a weighted choice. When no holder
 * has a positive ratio, the payment still goes through a holder at ratio 0, as PortOne's
 * smart-routing guide says ("비율이 0으로 설정되어있더라도 … 결제가 일어날 수 있습니다"; decision 008).
 */
function holderChoice(group: ChannelGroup, key: BillingKeyRecord): WeightedChoice<Channel> {
  return choiceFor(
    group,
    `holders ${key.channelKeys.join(" ")}`,
    (member) => key.channelKeys.includes(member.channel.channel_key),
    () =>
      `none of the channels holding a key for customer_uid ${key.view.customer_uid} (${key.channelKeys.join(", ")}) can be picked in group ${group.id}: each is switched off or no longer in the group; send channel_key to pay with one of them`,
    true,
  );
}

function requireHolder(key: BillingKeyRecord, channel_key: string): void {
  if (!key.channelKeys.includes(channel_key)) {
    const holders = key.groupId
      ? `its keys are on ${key.channelKeys.join(", ")}`
      : `it was issued on channel ${key.channelKeys[0]}`;
    throw failure(
      "rejected",
      `customer_uid ${key.view.customer_uid} holds no key on channel_key ${channel_key}; ${holders}`,
    );
  }
}

/**
 * The channel a billing-key payment goes to: the key's own channel, or for a super billing key
 * the one `channel_key` forces, else a pick among the members holding a key.
 */
export function channelForKey(
  random: SeededRandom,
  merchant: MerchantState,
  key: BillingKeyRecord,
  channel_key: string | undefined,
): RoutedChannel {
  if (channel_key !== undefined) requireHolder(key, channel_key);
  if (channel_key !== undefined || key.groupId === null)
    return direct(resolveChannel(merchant, { channel_key: channel_key ?? key.channelKeys[0] }));
  const group = superKeyGroup(merchant, key);
  return pick(random, group, holderChoice(group, key));
}

/** The group a super billing key routes through; a deleted group leaves only channel_key. */
function superKeyGroup(merchant: MerchantState, key: BillingKeyRecord): ChannelGroup {
  const group = merchant.groups.get(key.groupId!);
  if (!group) {
    throw failure(
      "rejected",
      `customer_uid ${key.view.customer_uid} is a super billing key of group ${key.groupId}, which was deleted; send channel_key (one of ${key.channelKeys.join(", ")}) to pay with that channel's key`,
    );
  }
  return group;
}

/**
 * Every channel a payment with the key can go to now, whose PG rules a schedule must pass when it
 * is made: the key's channel, the one channel_key forces, or the members a super key can be routed to.
 */
export function reachableChannels(
  merchant: MerchantState,
  key: BillingKeyRecord,
  channel_key: string | undefined,
): Channel[] {
  if (channel_key !== undefined) requireHolder(key, channel_key);
  if (channel_key !== undefined || key.groupId === null)
    return [resolveChannel(merchant, { channel_key: channel_key ?? key.channelKeys[0] })];
  return [...holderChoice(superKeyGroup(merchant, key), key).candidates];
}

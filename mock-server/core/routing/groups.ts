/**
 * A merchant's smart-routing groups: made from the config or the control API, changed, deleted
 * for good, and given new ratios when the clock reaches a scheduled change. Every change is
 * checked as a whole before anything is replaced, so a refused one leaves the group as it was.
 */
import { createHash } from "node:crypto";
import type { z } from "zod";
import {
  ChannelGroupDefinition,
  groupChannelProblems,
  type ChannelGroupChange,
  type ChannelGroupView,
  type RatioChange,
} from "../../../contracts/mock/channel-groups.ts";
import type { MerchantConfig } from "../../../contracts/mock/config.ts";
import { failure } from "../errors.ts";
import type { SeededRandom } from "../random.ts";
import type { Channel, ChannelGroup, MerchantState } from "../model.ts";
import { issueList, pathText } from "../../zod-issues.ts";
import { capabilityWarnings } from "./capabilities.ts";

type Definition = ChannelGroupDefinition;

/** PortOne's form: `channel-group-<environment>-<uuid>` with a version-4 uuid made from 32 hex digits. */
function groupId(environment: string, hex: string): string {
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return `channel-group-${environment}-${uuid}`;
}

/** A group's environment is its channels' (the rules make them share one). */
const environmentOf = (definition: Definition, channels: ReadonlyMap<string, Channel>) =>
  channels.get(definition.channels[0]!.channel_key)!.mode;

function build(
  definition: Definition,
  channels: ReadonlyMap<string, Channel>,
  id: string,
  picks = new Map<string, number>(),
): ChannelGroup {
  const members = definition.channels.map((member) => ({
    channel: channels.get(member.channel_key)!,
    ratio: member.ratio,
    enabled: member.enabled,
  }));
  return {
    id,
    name: definition.name,
    environment: environmentOf(definition, channels),
    members,
    ratioChange: definition.ratio_change,
    picks,
    choices: new Map(),
  };
}

/**
 * The config's groups, fresh after every reset. A group without an id gets one made from the
 * store code and its place in the list, so the same config always gives the same ids, whatever the seed.
 */
export function groupsOfConfig(
  config: MerchantConfig,
  channels: ReadonlyMap<string, Channel>,
): Map<string, ChannelGroup> {
  const groups = new Map<string, ChannelGroup>();
  config.channel_groups.forEach((definition, index) => {
    const id =
      definition.id ??
      groupId(
        environmentOf(definition, channels),
        createHash("sha256").update(`${config.store_code}/channel_groups/${index}`).digest("hex"),
      );
    groups.set(id, build(definition, channels, id));
  });
  return groups;
}

function requireRules(merchant: MerchantState, definition: Definition): void {
  const problems = groupChannelProblems(definition, merchant.channels);
  if (problems.length)
    throw failure("invalidRequest", problems.map((p) => `${pathText(p.path)}: ${p.message}`).join("; "));
}

function requireFutureChange(change: Definition["ratio_change"], now: number): void {
  if (change && change.at <= now)
    throw failure(
      "invalidRequest",
      `ratio_change.at: ${change.at} is not in the future (now ${now}); a change takes effect at a coming whole hour`,
    );
}

/** The group an id names; an API request naming none is refused (`rejected`), a control call gets 404 (`notFound`). */
export function groupOf(
  merchant: MerchantState,
  id: string,
  missing: "rejected" | "notFound" = "rejected",
): ChannelGroup {
  const group = merchant.groups.get(id);
  if (group) return group;
  if (merchant.deletedGroupIds.has(id))
    throw failure(missing, `channel group ${id} was deleted; a deleted group cannot be used again`);
  throw failure(
    missing,
    `channel group ${JSON.stringify(id)} names no smart routing group of merchant ${merchant.config.store_code}`,
  );
}

export function createGroup(
  merchant: MerchantState,
  random: SeededRandom,
  now: number,
  definition: Definition,
): ChannelGroup {
  requireRules(merchant, definition);
  requireFutureChange(definition.ratio_change, now);
  if (
    definition.id !== undefined &&
    (merchant.groups.has(definition.id) || merchant.deletedGroupIds.has(definition.id))
  ) {
    throw failure(
      "conflict",
      `id: ${definition.id} is already taken${merchant.deletedGroupIds.has(definition.id) ? " by a deleted group (ids are never reused)" : ""}`,
    );
  }
  const environment = environmentOf(definition, merchant.channels);
  let id = definition.id;
  while (id === undefined || merchant.groups.has(id) || merchant.deletedGroupIds.has(id))
    id = groupId(environment, random.hex(32));
  const group = build(definition, merchant.channels, id);
  merchant.groups.set(id, group);
  return group;
}

const definitionOf = (group: ChannelGroup): Definition => ({
  id: group.id,
  name: group.name,
  channels: group.members.map((m) => ({ channel_key: m.channel.channel_key, ratio: m.ratio, enabled: m.enabled })),
  ratio_change: group.ratioChange,
});

/** A change as the control API's PATCH takes it, or `ratio_change: null` (its DELETE) to drop a waiting change. */
export type GroupChange = Omit<z.output<typeof ChannelGroupChange>, "ratio_change"> & {
  ratio_change?: z.output<typeof RatioChange> | null;
};

const sameMembers = (a: Definition["channels"], b: Definition["channels"]) =>
  a.length === b.length && a.every((member) => b.some((other) => other.channel_key === member.channel_key));

/** The fields sent replace the group's; the result must pass every rule, the environment included. */
export function changeGroup(merchant: MerchantState, now: number, id: string, change: GroupChange): ChannelGroup {
  const group = groupOf(merchant, id, "notFound");
  const current = definitionOf(group);
  const merged = ChannelGroupDefinition.safeParse({
    ...current,
    ...(change.name !== undefined && { name: change.name }),
    ...(change.channels !== undefined && { channels: change.channels }),
    // Other members drop a waiting change, which named the old ones, unless the request sends one.
    ratio_change:
      change.ratio_change !== undefined
        ? change.ratio_change
        : change.channels && !sameMembers(change.channels, current.channels)
          ? null
          : current.ratio_change,
  });
  if (!merged.success) throw failure("invalidRequest", issueList(merged.error, "group").join("; "));
  requireRules(merchant, merged.data);
  if (change.ratio_change) requireFutureChange(merged.data.ratio_change, now);
  const kept = new Map([...group.picks].filter(([key]) => merged.data.channels.some((m) => m.channel_key === key)));
  const next = build(merged.data, merchant.channels, id, kept);
  merchant.groups.set(id, next);
  return next;
}

export function deleteGroup(merchant: MerchantState, id: string): ChannelGroup {
  const group = groupOf(merchant, id, "notFound");
  merchant.groups.delete(id);
  merchant.deletedGroupIds.add(id);
  return group;
}

/** Scheduled ratio changes due by `now`, earliest first. */
export function dueRatioChanges(merchant: MerchantState, now: number): ChannelGroup[] {
  // Runs before every request: one pass, and no arrays unless a change is due.
  const due: ChannelGroup[] = [];
  for (const group of merchant.groups.values()) if (group.ratioChange && group.ratioChange.at <= now) due.push(group);
  return due.length > 1 ? due.sort((a, b) => a.ratioChange!.at - b.ratioChange!.at) : due;
}

export function applyRatioChange(group: ChannelGroup): void {
  const change = group.ratioChange;
  if (!change) return;
  for (const member of group.members) member.ratio = change.ratios[member.channel.channel_key]!;
  group.ratioChange = null;
  group.choices.clear();
}

export function groupView(group: ChannelGroup): z.output<typeof ChannelGroupView> {
  const total = [...group.picks.values()].reduce((sum, n) => sum + n, 0);
  return {
    id: group.id,
    name: group.name,
    environment: group.environment,
    channels: group.members.map(({ channel, ratio, enabled }) => {
      const picks = group.picks.get(channel.channel_key) ?? 0;
      return {
        channel_key: channel.channel_key,
        pg_provider: channel.pg_provider,
        pg_id: channel.pg_id,
        ratio,
        enabled,
        channel_enabled: channel.enabled,
        picks,
        share: total ? picks / total : 0,
      };
    }),
    ratio_change: group.ratioChange,
    picks: total,
    warnings: capabilityWarnings(group.members.map((m) => m.channel)),
  };
}

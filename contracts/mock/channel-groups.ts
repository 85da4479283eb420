/**
 * Smart-routing groups as a merchant sets them up in PortOne's console (docs/domain.md §4): a named set
 * of one to ten channels of one environment, each with a whole-number ratio, the ratios adding up
 * to exactly 100. The config file and the control API both go through these schemas, so a group
 * is refused for the same reasons, with the same words, wherever it comes from.
 */
import * as z from "zod";
import { unixSeconds } from "../schemas/common.ts";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
/** `channel-group-test-<uuid>` or `channel-group-live-<uuid>`: 55 characters, the longest channelGroupId the API takes. */
export const CHANNEL_GROUP_ID = new RegExp(`^channel-group-(test|live)-${UUID}$`);
export const MAX_GROUP_CHANNELS = 10;
export const RATIO_TOTAL = 100;
const HOUR = 3600;

export const GroupEnvironment = z.enum(["test", "live"]);

const ratio = z
  .number("must be a number")
  .int("must be a whole number")
  .min(0, "must be at least 0")
  .max(RATIO_TOTAL, `must be at most ${RATIO_TOTAL}`);

export const GroupMember = z.object({
  channel_key: z.string().min(1),
  ratio,
  /** A disabled member is never picked and is not asked for a billing key, whatever its ratio. */
  enabled: z.boolean().default(true),
});

/** New ratios that take effect at a whole hour, as the console schedules them. */
export const RatioChange = z.object({
  at: unixSeconds.refine((at) => at % HOUR === 0, "must be a whole hour (a multiple of 3600 seconds)"),
  /** channel_key → ratio, for every channel of the group. */
  ratios: z.record(z.string(), ratio),
});

type Member = z.output<typeof GroupMember>;
type Change = z.output<typeof RatioChange>;

/** The rules a group's members and a scheduled change obey on their own, without the merchant's channels. */
function checkMembers(members: Member[], change: Change | null | undefined, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  members.forEach((member, i) => {
    if (seen.has(member.channel_key))
      ctx.addIssue({
        code: "custom",
        path: ["channels", i, "channel_key"],
        message: `${member.channel_key} is in the group twice; a channel can be in a group once`,
      });
    seen.add(member.channel_key);
  });
  const total = members.reduce((sum, m) => sum + m.ratio, 0);
  if (total !== RATIO_TOTAL)
    ctx.addIssue({
      code: "custom",
      path: ["channels"],
      message: `the ratios add up to ${total}; they must add up to exactly ${RATIO_TOTAL}`,
    });
  if (!change) return;
  const named = Object.keys(change.ratios);
  const missing = [...seen].filter((key) => !(key in change.ratios));
  const strangers = named.filter((key) => !seen.has(key));
  if (missing.length)
    ctx.addIssue({
      code: "custom",
      path: ["ratio_change", "ratios"],
      message: `gives no ratio for ${missing.join(", ")}; name every channel of the group`,
    });
  if (strangers.length)
    ctx.addIssue({
      code: "custom",
      path: ["ratio_change", "ratios"],
      message: `${strangers.join(", ")} is not in the group`,
    });
  const changedTotal = Object.values(change.ratios).reduce((sum, r) => sum + r, 0);
  if (changedTotal !== RATIO_TOTAL)
    ctx.addIssue({
      code: "custom",
      path: ["ratio_change", "ratios"],
      message: `the ratios add up to ${changedTotal}; they must add up to exactly ${RATIO_TOTAL}`,
    });
}

const groupFields = {
  name: z.string().trim().min(1, "must not be empty").max(100),
  channels: z
    .array(GroupMember)
    .min(1, "a group has at least 1 channel")
    .max(MAX_GROUP_CHANNELS, `a group has at most ${MAX_GROUP_CHANNELS} channels`),
  /** Ratios that replace the current ones when the clock reaches a future whole hour; null for none. */
  ratio_change: RatioChange.nullable().default(null),
};

export const ChannelGroupDefinition = z
  .object({
    /** Made up (in PortOne's form) when left out. */
    id: z
      .string()
      .regex(CHANNEL_GROUP_ID, "must be channel-group-test-<uuid> or channel-group-live-<uuid> (lowercase uuid)")
      .optional(),
    ...groupFields,
  })
  .superRefine((group, ctx) => checkMembers(group.channels, group.ratio_change, ctx));

/**
 * A change to a group: the fields sent replace the group's (channels as a whole list). The
 * result is checked as a whole, so the members a change leaves in place count too. (A scheduled
 * change is dropped with its own DELETE, as a request body's null means "not sent".)
 */
export const ChannelGroupChange = z
  .object({
    name: groupFields.name.optional(),
    channels: groupFields.channels.optional(),
    ratio_change: RatioChange.optional(),
  })
  .refine(
    (change) => change.name !== undefined || change.channels !== undefined || change.ratio_change !== undefined,
    "send at least one of name, channels or ratio_change",
  );

export type ChannelGroupDefinition = z.output<typeof ChannelGroupDefinition>;

/** What a channel contributes to a group's rules. */
export interface GroupChannelFacts {
  mode: "test" | "live";
}

export interface GroupProblem {
  path: (string | number)[];
  message: string;
}

/** The rules that need the merchant's channels: each member names one, and all share one environment (the id's). */
export function groupChannelProblems(
  group: Pick<ChannelGroupDefinition, "id" | "channels">,
  channels: ReadonlyMap<string, GroupChannelFacts>,
): GroupProblem[] {
  const problems: GroupProblem[] = [];
  const modes = new Map<string, string[]>();
  group.channels.forEach((member, i) => {
    const channel = channels.get(member.channel_key);
    if (!channel) {
      problems.push({
        path: ["channels", i, "channel_key"],
        message: `${member.channel_key} names no channel of this merchant`,
      });
      return;
    }
    modes.set(channel.mode, [...(modes.get(channel.mode) ?? []), member.channel_key]);
  });
  if (modes.size > 1) {
    problems.push({
      path: ["channels"],
      message: `a group holds channels of one environment only; test: ${modes.get("test")!.join(", ")}; live: ${modes.get("live")!.join(", ")}`,
    });
  } else if (modes.size === 1 && group.id !== undefined) {
    const [mode] = modes.keys();
    if (!group.id.startsWith(`channel-group-${mode}-`))
      problems.push({
        path: ["id"],
        message: `the channels are ${mode} channels, so the id must start with channel-group-${mode}-`,
      });
  }
  return problems;
}

// ---- what the control API shows

export const GroupMemberView = z.object({
  channel_key: z.string(),
  pg_provider: z.string(),
  pg_id: z.string(),
  ratio: z.number().int(),
  /** The member's switch in the group. */
  enabled: z.boolean(),
  /** The channel's own switch; a member is picked only when both are on. */
  channel_enabled: z.boolean(),
  /** Requests routed to this channel since the last reset (weighted picks of any flow). */
  picks: z.number().int(),
  /** picks / all picks of the group, 0 when there are none yet. */
  share: z.number(),
});

export const ChannelGroupView = z.object({
  id: z.string(),
  name: z.string(),
  environment: GroupEnvironment,
  channels: z.array(GroupMemberView),
  ratio_change: RatioChange.nullable(),
  picks: z.number().int(),
  /** Where the members' PGs differ in what they can do; use only what every PG in the group supports. */
  warnings: z.array(z.string()),
});

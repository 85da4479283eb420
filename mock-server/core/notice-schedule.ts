/**
 * PG notices that arrive by themselves: a channel's `notice_delays` say how long after the event
 * the PG sends them. Kept in time order per merchant; `core.catchUp()` delivers each at its moment.
 */
import type { Deps } from "./deps.ts";
import type { Channel, MerchantState, ScheduledNotice } from "./model.ts";

/** Schedules the notice when the channel's config gives it a delay; otherwise it waits for a control call. */
export function scheduleNotice(
  deps: Deps,
  merchant: MerchantState,
  channel: Channel,
  notice: Omit<ScheduledNotice, "at">,
): void {
  const delay = channel.notice_delays[notice.kind];
  if (delay === undefined) return;
  const scheduled = { ...notice, at: deps.now + delay };
  const queue = merchant.scheduledNotices;
  // After every notice due at the same moment or earlier: ties keep the order they were made in.
  const index = queue.findIndex((waiting) => waiting.at > scheduled.at);
  queue.splice(index < 0 ? queue.length : index, 0, scheduled);
}

/** Takes the notices due by `now`, soonest first. */
export function takeDueNotices(merchant: MerchantState, now: number): ScheduledNotice[] {
  const queue = merchant.scheduledNotices;
  if (queue.length === 0 || queue[0]!.at > now) return [];
  const due = queue.findIndex((notice) => notice.at > now);
  return queue.splice(0, due < 0 ? queue.length : due);
}

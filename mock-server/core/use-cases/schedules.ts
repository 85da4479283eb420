/**
 * POST /subscribe/payments/schedule: the schedules are stored on the key's channel, or for a super
 * billing key checked against every channel a run could be routed to (all their PG rules apply,
 * and only failures armed on the operation); card data issues the key first.
 */
import type { ScheduleRecord } from "../model.ts";
import { createSchedules, schedulingChannels, type NewSchedules } from "../schedules.ts";
import { servedBy, type UseCaseContext } from "../use-case.ts";

export function schedulePayments(ctx: UseCaseContext, body: NewSchedules): ScheduleRecord[] {
  const channels = schedulingChannels(ctx.merchant, body);
  return servedBy(ctx, { channel: channels[0]!, ruleChannels: channels }, () =>
    createSchedules(ctx.deps, ctx.merchant, channels, body),
  );
}

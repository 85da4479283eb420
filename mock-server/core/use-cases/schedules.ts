/**
 * POST /subscribe/payments/schedule: the schedules are stored on the key's channel, or for a super
 * billing key checked against every channel a run could be routed to (all their PG rules apply,
 * and only failures armed on the operation); card data issues the key first.
 */
import type { PaymentView, ScheduleRecord } from "../model.ts";
import { createSchedules, retrySchedule, scheduleOf, schedulingChannels, type NewSchedules } from "../schedules.ts";
import { servedBy, servedByNoChannel, type UseCaseContext } from "../use-case.ts";

export function schedulePayments(ctx: UseCaseContext, body: NewSchedules): ScheduleRecord[] {
  const channels = schedulingChannels(ctx.merchant, body);
  return servedBy(ctx, { channel: channels[0]!, ruleChannels: channels }, () =>
    createSchedules(ctx.deps, ctx.merchant, channels, body),
  );
}

/**
 * POST /subscribe/payments/schedule/{merchant_uid}/retry: the run again, now. Failures armed on the
 * retry apply first; then, as at any run, those armed on `again` or on the key's channel.
 */
export function retryScheduledPayment(ctx: UseCaseContext, merchant_uid: string): PaymentView {
  return servedByNoChannel(
    ctx,
    () => retrySchedule(ctx.deps, ctx.merchant, scheduleOf(ctx.merchant, merchant_uid), ctx.failures).view,
  );
}

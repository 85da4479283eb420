/** /subscribe/payments/schedule…: scheduled payments, made with a billing key when their time comes. */
import { Hono } from "hono";
import { failure } from "../../core/errors.ts";
import { paginate } from "../../core/payments/lookups.ts";
import {
  customerSchedules,
  moveSchedule,
  reschedule,
  scheduleOf,
  schedulesIn,
  unschedule,
} from "../../core/schedules.ts";
import { retryScheduledPayment, schedulePayments } from "../../core/use-cases/schedules.ts";
import type { ScheduleRecord } from "../../core/model.ts";
import type { MockEnv } from "../env.ts";
import { operationServer, type RouteContext } from "../operation-route.ts";

const views = (records: ScheduleRecord[]) => records.map((record) => record.view);

/** `sorting=scheduled` lists the oldest schedule first; without it the newest comes first (the official document). */
function oldestFirst(sorting: string | undefined): boolean {
  if (sorting === undefined) return false;
  if (sorting === "scheduled") return true;
  throw failure(
    "invalidRequest",
    `sorting ${JSON.stringify(sorting)} is not a sorting; send "scheduled" for the oldest first, or nothing for the newest first`,
  );
}

export function schedulesRoutes(context: RouteContext): Hono<MockEnv> {
  const app = new Hono<MockEnv>();
  const serve = operationServer(app, context);
  serve("schedule", { useCase: ({ ctx, body }) => views(schedulePayments(ctx, body)) });
  serve("unschedule", { handle: ({ merchant, body, deps }) => views(unschedule(deps, merchant, body)) });
  serve("findSchedulesByRange", {
    handle: ({ merchant, query }) => {
      const found = schedulesIn(
        merchant,
        { from: query.schedule_from, to: query.schedule_to, status: query.schedule_status },
        () => true,
        oldestFirst(query.sorting),
      );
      return views(paginate(found, query.page ?? 1, query.limit, "schedules").list);
    },
  });
  serve("getScheduleByMid", { handle: ({ merchant, params }) => scheduleOf(merchant, params.merchant_uid).view });
  serve("updateScheduleByMid", {
    handle: ({ merchant, params, body, deps }) =>
      moveSchedule(deps, scheduleOf(merchant, params.merchant_uid), body.schedule_at).view,
  });
  serve("rescheduleByMid", {
    handle: ({ merchant, params, body, deps }) =>
      reschedule(deps, scheduleOf(merchant, params.merchant_uid), body.schedule_at).view,
  });
  serve("retryScheduleByMid", { useCase: ({ ctx, params }) => retryScheduledPayment(ctx, params.merchant_uid) });
  for (const key of ["findSchedulesByCustomer", "customer_schedules"] as const) {
    serve(key, {
      handle: ({ merchant, params, query }) =>
        views(
          customerSchedules(
            merchant,
            params.customer_uid,
            { from: query.from, to: query.to, status: query["schedule-status"] },
            query.page,
          ),
        ),
    });
  }
  return app;
}

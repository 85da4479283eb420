/**
 * Failures armed from the control API for the next N requests of a channel or an operation.
 * Taking one counts it down; at zero it is gone.
 */
import type { z } from "zod";
import type { ArmedFailureView, FailureOutcome } from "../../contracts/mock/control.ts";

export type ArmedOutcome = z.output<typeof FailureOutcome>;
export type ArmedFailure = z.output<typeof ArmedFailureView>;

export interface ArmedFailures {
  arm(failure: Omit<ArmedFailure, "id">): ArmedFailure;
  /** The first armed failure matching the request, counted down; undefined when none applies. */
  take(storeCode: string, operation: string, channelKey: string | undefined): ArmedFailure | undefined;
  /** Like `take`, for a failure armed on the channel only (one channel among several a request asks). */
  takeOnChannel(storeCode: string, channelKey: string): ArmedFailure | undefined;
  /** What `takeOnChannel` would take, left armed. */
  peekOnChannel(storeCode: string, channelKey: string): ArmedFailure | undefined;
  list(storeCode?: string): ArmedFailure[];
  clear(): ArmedFailure[];
}

export function createArmedFailures(): ArmedFailures {
  let armed: ArmedFailure[] = [];
  let nextId = 1;
  const countDown = (match: ArmedFailure | undefined) => {
    if (!match) return undefined;
    match.remaining -= 1;
    if (match.remaining === 0) armed = armed.filter((f) => f !== match);
    return { ...match };
  };
  return {
    arm(failure) {
      const entry = { ...failure, id: `failure_${nextId++}` };
      armed.push(entry);
      return { ...entry };
    },
    take: (storeCode, operation, channelKey) =>
      countDown(
        armed.find(
          (f) =>
            f.store_code === storeCode &&
            (f.operation === operation || (channelKey !== undefined && f.channel_key === channelKey)),
        ),
      ),
    takeOnChannel: (storeCode, channelKey) =>
      countDown(armed.find((f) => f.store_code === storeCode && f.channel_key === channelKey)),
    peekOnChannel: (storeCode, channelKey) => {
      const match = armed.find((f) => f.store_code === storeCode && f.channel_key === channelKey);
      return match && { ...match };
    },
    list: (storeCode) =>
      armed.filter((f) => storeCode === undefined || f.store_code === storeCode).map((f) => ({ ...f })),
    clear() {
      const cleared = armed;
      armed = [];
      nextId = 1;
      return cleared;
    },
  };
}

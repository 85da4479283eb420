/**
 * The virtual clock every expiry and timestamp reads. `frozen` stands still until told to move
 * (tests); `wall` follows real time plus whatever offset advancing added (the CLI, so tokens age
 * while a developer clicks around). It never runs backwards: schedules and tokens rely on that.
 */
import { failure } from "./errors.ts";

export type ClockMode = "frozen" | "wall";

export interface VirtualClock {
  readonly mode: ClockMode;
  /** Unix seconds. */
  now(): number;
  advance(seconds: number): number;
  set(now: number): number;
  reset(): void;
}

export interface ClockOptions {
  mode?: ClockMode;
  /** Unix seconds to start at; defaults to the real time at creation. */
  start?: number;
  /** Where `wall` mode reads real time (milliseconds); injectable for tests. */
  realNowMs?: () => number;
}

export function createVirtualClock({ mode = "frozen", start, realNowMs = Date.now }: ClockOptions = {}): VirtualClock {
  const realSeconds = () => Math.floor(realNowMs() / 1000);
  const origin = start ?? realSeconds();
  // frozen: the current time itself; wall: the offset from real time.
  let state = mode === "frozen" ? origin : origin - realSeconds();
  const now = () => (mode === "frozen" ? state : realSeconds() + state);
  return {
    mode,
    now,
    advance(seconds) {
      if (!Number.isInteger(seconds) || seconds < 0)
        throw failure("invalidRequest", `seconds must be a whole number of seconds, 0 or more (got ${seconds})`);
      state += seconds;
      return now();
    },
    set(target) {
      const current = now();
      if (target < current)
        throw failure(
          "invalidRequest",
          `now ${target} is before the clock's ${current}; the virtual clock never runs backwards (use reset to rewind)`,
        );
      state += target - current;
      return now();
    },
    reset() {
      state = mode === "frozen" ? origin : origin - realSeconds();
    },
  };
}

/**
 * Picks one of several options with a probability proportional to its integer weight (a smart
 * routing group's channel ratios), drawing from the instance's seeded source so the same seed
 * and the same requests pick the same channels. Built once per ratio set: a pick is one draw and a
 * binary search over the running totals, O(log n).
 */
import type { WeightedChoice } from "../model.ts";

export type { WeightedChoice };

export interface Weighted<T> {
  value: T;
  /** A whole number, 0 or more; 0 (a disabled channel) is never picked. */
  weight: number;
}

export function weightedChoice<T>(options: readonly Weighted<T>[]): WeightedChoice<T> {
  const candidates: T[] = [];
  const upTo: number[] = [];
  let total = 0;
  for (const { value, weight } of options) {
    if (!Number.isInteger(weight) || weight < 0)
      throw new RangeError(`weights must be whole numbers, 0 or more (got ${weight})`);
    if (weight === 0) continue;
    total += weight;
    candidates.push(value);
    upTo.push(total);
  }
  if (total === 0) throw new RangeError("no option has a weight above 0");
  return {
    candidates,
    pick(random) {
      const ticket = random.int(1, total);
      let low = 0;
      let high = upTo.length - 1;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (upTo[middle]! < ticket) low = middle + 1;
        else high = middle;
      }
      return candidates[low]!;
    },
  };
}

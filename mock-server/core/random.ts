/**
 * The instance's one source of randomness, seeded, so a run with the same seed and the same
 * requests produces the same identifiers and the same choices.
 */
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { uniformInt } from "pure-rand/distribution/uniformInt";

export interface SeededRandom {
  readonly seed: number;
  /** An integer in [from, to]. */
  int(from: number, to: number): number;
  digits(count: number): string;
  hex(count: number): string;
  reset(): void;
}

export function createSeededRandom(seed: number): SeededRandom {
  let rng = xoroshiro128plus(seed);
  const int = (from: number, to: number) => uniformInt(rng, from, to);
  // Several characters per draw: identifiers are made on every payment, and this is on that path.
  const chunks = (count: number, radix: number, width: number) => {
    let out = "";
    while (out.length < count)
      out += int(0, radix ** width - 1)
        .toString(radix)
        .padStart(width, "0");
    return out.slice(0, count);
  };
  return {
    seed,
    int,
    digits: (count) => chunks(count, 10, 9),
    hex: (count) => chunks(count, 16, 6),
    reset() {
      rng = xoroshiro128plus(seed);
    },
  };
}

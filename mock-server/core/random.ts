/**
 * The instance's one source of randomness, seeded, so a run with the same seed and the same
 * requests produces the same identifiers and the same choices.
 */
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";

export interface SeededRandom {
  readonly seed: number;
  /** An integer in [from, to]. */
  int(from: number, to: number): number;
  /** A float in [0, 1). */
  float(): number;
  digits(count: number): string;
  hex(count: number): string;
  reset(): void;
}

export function createSeededRandom(seed: number): SeededRandom {
  let rng = xoroshiro128plus(seed);
  const int = (from: number, to: number) => uniformInt(rng, from, to);
  const pick = (alphabet: string, count: number) => Array.from({ length: count }, () => alphabet[int(0, alphabet.length - 1)]).join("");
  return {
    seed,
    int,
    float: () => uniformFloat64(rng),
    digits: (count) => pick("0123456789", count),
    hex: (count) => pick("0123456789abcdef", count),
    reset() {
      rng = xoroshiro128plus(seed);
    },
  };
}

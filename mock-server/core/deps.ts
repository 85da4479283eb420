/**
 * What a domain call needs besides its arguments: the store, the seeded random source, and the
 * moment it happens (the virtual clock read once, so one request sees one moment).
 */
import type { Store } from "./model.ts";
import type { SeededRandom } from "./random.ts";

export interface Deps {
  store: Store;
  random: SeededRandom;
  now: number;
}

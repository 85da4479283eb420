import { expect, test } from "vitest";
import { createSeededRandom } from "./random.ts";

test("the same seed gives the same sequence; reset replays it", () => {
  const a = createSeededRandom(42);
  const b = createSeededRandom(42);
  const first = [a.digits(12), a.hex(40), a.int(1, 6)];
  expect([b.digits(12), b.hex(40), b.int(1, 6)]).toEqual(first);
  a.reset();
  expect([a.digits(12), a.hex(40), a.int(1, 6)]).toEqual(first);
  expect(createSeededRandom(43).digits(12)).not.toBe(first[0]);
});

test("digits and hex have the asked length and alphabet, and every digit occurs", () => {
  const random = createSeededRandom(7);
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const digits = random.digits(13);
    expect(digits).toMatch(/^\d{13}$/);
    for (const d of digits) seen.add(d);
    expect(random.hex(7)).toMatch(/^[0-9a-f]{7}$/);
  }
  expect(seen.size).toBe(10);
});

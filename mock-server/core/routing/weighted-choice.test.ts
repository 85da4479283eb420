import fc from "fast-check";
import { expect, test } from "vitest";
import { chiSquare } from "../../../test/support/chi-square.ts";
import { createSeededRandom } from "../random.ts";
import { weightedChoice } from "./weighted-choice.ts";

const PICKS = 100_000;
const SEED = 20260101;

/** Ratio vectors as a group holds them: 1 to 10 channels, whole percentages summing to 100, some disabled (0). */
const ratioVectors = fc
  .array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 10 })
  .filter((raw) => raw.some((r) => r > 0))
  .map((raw) => {
    const sum = raw.reduce((s, r) => s + r, 0);
    const ratios = raw.map((r) => Math.floor((r * 100) / sum));
    ratios[ratios.findIndex((r) => r > 0)]! += 100 - ratios.reduce((s, r) => s + r, 0);
    return ratios;
  });

test("picks follow the ratios (chi-square, p ≥ 0.001) and never pick a disabled channel", () => {
  fc.assert(
    fc.property(ratioVectors, (ratios) => {
      const choice = weightedChoice(ratios.map((weight, index) => ({ value: index, weight })));
      const random = createSeededRandom(SEED);
      const counts = ratios.map(() => 0);
      for (let i = 0; i < PICKS; i++) counts[choice.pick(random)]! += 1;
      ratios.forEach((ratio, i) => {
        if (ratio === 0) expect(counts[i], `channel ${i} is disabled`).toBe(0);
      });
      const live = ratios.map((ratio, i) => [ratio, counts[i]!] as const).filter(([ratio]) => ratio > 0);
      if (live.length < 2) return;
      const fit = chiSquare(
        live.map(([, count]) => count),
        live.map(([ratio]) => ratio),
      );
      expect(fit.statistic, `ratios ${ratios.join("/")}, counts ${counts.join("/")}`).toBeLessThan(fit.critical);
    }),
    { seed: SEED, numRuns: 25 },
  );
});

test("the same seed picks the same sequence; weights of 0 leave only the others as candidates", () => {
  const choice = weightedChoice([
    { value: "a", weight: 30 },
    { value: "off", weight: 0 },
    { value: "b", weight: 70 },
  ]);
  expect(choice.candidates).toEqual(["a", "b"]);
  const run = () => {
    const random = createSeededRandom(7);
    return Array.from({ length: 50 }, () => choice.pick(random));
  };
  expect(run()).toEqual(run());
});

test("bad weights are refused", () => {
  expect(() => weightedChoice([{ value: "a", weight: 0 }])).toThrow("no option has a weight above 0");
  expect(() => weightedChoice([{ value: "a", weight: 1.5 }])).toThrow("whole numbers");
  expect(() => weightedChoice([{ value: "a", weight: -1 }])).toThrow("whole numbers");
});

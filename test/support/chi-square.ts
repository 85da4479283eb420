/** Pearson's chi-square goodness-of-fit check, for tests of weighted picks. */

/** Chi-square values that a fair sample exceeds with probability 0.001, by degrees of freedom (1–9). */
const CRITICAL_AT_0_001 = [Number.NaN, 10.828, 13.816, 16.266, 18.467, 20.515, 22.458, 24.322, 26.124, 27.877];

export interface FitTest {
  statistic: number;
  /** The value the statistic must stay below for p ≥ 0.001. */
  critical: number;
}

/** Observed counts against weights (any scale); categories of weight 0 must be left out by the caller. */
export function chiSquare(counts: readonly number[], weights: readonly number[]): FitTest {
  if (counts.length !== weights.length || counts.length < 2 || counts.length > 10)
    throw new RangeError("2 to 10 categories, one weight per count");
  const total = counts.reduce((s, c) => s + c, 0);
  const weightSum = weights.reduce((s, w) => s + w, 0);
  const statistic = counts.reduce((sum, count, i) => {
    const expected = (total * weights[i]!) / weightSum;
    return sum + (count - expected) ** 2 / expected;
  }, 0);
  return { statistic, critical: CRITICAL_AT_0_001[counts.length - 1]! };
}

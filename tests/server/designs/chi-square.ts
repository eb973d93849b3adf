import { normalUpperTail } from '../../../analysis/index.ts';

/**
 * P(X² ≥ x) for a chi-square with integer df, by the closed forms (Abramowitz & Stegun 26.4.4–26.4.5):
 * even df = 2m: e^(−x/2) Σ_{i<m} (x/2)^i / i!; odd df = 2m + 1: 2·Q(√x) + √(2/π)·e^(−x/2) Σ_{i=1..m} x^(i−1/2) / (2i−1)!!.
 * Checked against R's pchisq(x, df, lower.tail = FALSE) in chi-square.test.ts.
 */
export function chiSquareUpperTail(x: number, df: number): number {
  if (x <= 0) return 1;
  if (df % 2 === 0) {
    let term = Math.exp(-x / 2);
    let sum = term;
    for (let i = 1; i < df / 2; i++) sum += term *= x / 2 / i;
    return Math.min(1, sum);
  }
  let term = Math.sqrt((2 * x) / Math.PI) * Math.exp(-x / 2);
  let sum = 0;
  for (let i = 1; i <= (df - 1) / 2; i++) {
    sum += term;
    term *= x / (2 * i + 1);
  }
  return Math.min(1, 2 * normalUpperTail(Math.sqrt(x)) + sum);
}

/** Pearson's goodness-of-fit p-value of observed counts against expected probabilities (df = categories − 1). */
export function goodnessOfFit(observed: readonly number[], probabilities: readonly number[]): { statistic: number; df: number; p: number } {
  const n = observed.reduce((a, b) => a + b, 0);
  const statistic = observed.reduce((s, o, i) => s + (o - n * probabilities[i]!) ** 2 / (n * probabilities[i]!), 0);
  const df = observed.length - 1;
  return { statistic, df, p: chiSquareUpperTail(statistic, df) };
}

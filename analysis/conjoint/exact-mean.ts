// When a marginal mean's variance is exactly 0, and the mean itself then, tested in exact arithmetic (mm.ts uses it
// where the regression alone leaves rounding of ~1e-16, a finite z and a tiny p for a level that equals h0).
import type { Profiles } from './profiles.ts';

/**
 * The mean of level k (within `rows`, the group) when its variance is exactly 0, else undefined: the levels'
 * indicator columns are disjoint, so a level's variance is a quadratic form in its own weighted residuals, summed by
 * respondent (CR2's adjustment is block diagonal by level too, and leaves residuals whose weighted sum is 0 in a
 * cluster as they are). That is so when every row of the level has the same outcome (any weights), or when each
 * respondent's (weighted) mean of the level is the level's mean (answers 1 and 0 from every respondent, weighted alike
 * within a respondent): tested exactly, on whole-number answers only, with weights as the exact binary fractions they
 * are (BigInt sums). survey::svymean, which cregg::mm uses, gives the mean, SE 0 and z ±Inf (NaN at h0). The CR2 df is
 * left as the fit computes it: it does not involve the residuals.
 *
 * @example
 * exactMean(profiles, 0, undefined) // 0.5 where each respondent chose level 0 in half of its rows showing it
 */
export function exactMean(profiles: Profiles, k: number, rows: Int32Array | undefined): number | undefined {
  const used = levelRows(profiles, k, rows);
  if (used.length === 0) return undefined;
  const first = profiles.outcome[used[0]];
  if (used.every((i) => profiles.outcome[i] === first)) return first;
  if (!used.every((i) => Number.isInteger(profiles.outcome[i]) && Math.abs(profiles.outcome[i]) < 2 ** 20)) return undefined;
  return nearlyBalanced(profiles, used) ? balancedMean(profiles, used) : undefined;
}

/**
 * A quick screen in doubles, so that an ordinary level costs no BigInt sums: false when some respondent's Σw·y : Σw
 * is far from the level's (1e-8 of the scale, where rounding of an exactly balanced level is below 1e-12).
 */
function nearlyBalanced(profiles: Profiles, used: number[]): boolean {
  const { outcome, respondent, weights } = profiles;
  const sums = new Map<number, [number, number]>();
  let [total, weight, largest] = [0, 0, 0];
  for (const i of used) {
    const w = weights ? weights[i] : 1;
    const own = sums.get(respondent[i]) ?? [0, 0];
    own[0] += w * outcome[i];
    own[1] += w;
    sums.set(respondent[i], own);
    total += w * outcome[i];
    weight += w;
    largest = Math.max(largest, Math.abs(outcome[i]));
  }
  for (const [sum, of] of sums.values()) if (Math.abs(sum * weight - total * of) > 1e-8 * weight * of * largest) return false;
  return true;
}

function levelRows(profiles: Profiles, k: number, rows: Int32Array | undefined): number[] {
  const { codes } = profiles.features[0];
  const n = rows ? rows.length : profiles.n;
  const used: number[] = [];
  for (let t = 0; t < n; t++) {
    const i = rows ? rows[t] : t;
    if (codes[i] === k) used.push(i);
  }
  return used;
}

/**
 * Σ w·y / Σ w when every respondent's Σ w·y : Σ w is the level's, else undefined. Each weight is an integer times
 * 2^e (a double is exactly that); all are scaled to the smallest e, so every sum is an exact BigInt and the cross
 * products Σᵣw·y × Σw = Σw·y × Σᵣw compare exactly. Unweighted, every weight is 1.
 */
function balancedMean(profiles: Profiles, used: number[]): number | undefined {
  const { outcome, respondent, weights } = profiles;
  const scaled = exactWeights(used.map((i) => (weights ? weights[i] : 1)));
  const sums = new Map<number, [bigint, bigint]>();
  let [total, weight] = [0n, 0n];
  used.forEach((i, t) => {
    const wy = scaled[t] * BigInt(outcome[i]);
    const own = sums.get(respondent[i]) ?? [0n, 0n];
    sums.set(respondent[i], [own[0] + wy, own[1] + scaled[t]]);
    total += wy;
    weight += scaled[t];
  });
  if (weight === 0n) return undefined;
  for (const [sum, of] of sums.values()) if (sum * weight !== total * of) return undefined;
  return ratio(total, weight);
}

/** Non-negative doubles as BigInts m·2^(e − eMin), exactly proportional to them. */
function exactWeights(values: number[]): bigint[] {
  const parts = values.map((w) => {
    if (w === 0) return { m: 0n, e: 0 };
    // w = m·2^e with m a whole number below 2^53 (subnormal weights: e at its floor, m smaller).
    // (Math.log2 may round up to the next whole number just below a power of 2: then one step down.)
    let e = Math.max(Math.floor(Math.log2(w)) - 52, -1074);
    while (!Number.isInteger(w / 2 ** e)) e -= 1;
    return { m: BigInt(w / 2 ** e), e };
  });
  const least = parts.reduce((low, p) => (p.m === 0n ? low : Math.min(low, p.e)), Infinity);
  return parts.map((p) => (p.m === 0n ? 0n : p.m << BigInt(p.e - least)));
}

/** a / b of two BigInts as a double: exact scaling of both below 2^1000 keeps the quotient's rounding to one step. */
function ratio(a: bigint, b: bigint): number {
  const shift = BigInt(Math.max(0, b.toString(2).length - 1000));
  return Number(a >> shift) / Number(b >> shift);
}

import { AnalysisError } from './errors.ts';
import { validOptions } from './helpers/did-you-mean.ts';
import { choicesBegunBy, matchArg } from './helpers/match-arg.ts';

/** R's `p.adjust.methods`, in R's order; `fdr` is R's alias of `BH`. */
export const P_ADJUST_METHODS = ['holm', 'hochberg', 'hommel', 'bonferroni', 'BH', 'BY', 'fdr', 'none'] as const;
export type PAdjustMethod = (typeof P_ADJUST_METHODS)[number];
/** A method's name as R's `match.arg` takes it: the full name or a unique abbreviation (`"bonf"`, `"hoch"`, `"f"`). */
export type PAdjustMethodName = PAdjustMethod | (string & {});

/**
 * The method a name stands for, as R's `match.arg(method)` in `p.adjust` reads it (`pmatch`): the exact name, else
 * the one method it abbreviates, case-sensitive. `"bonf"` is bonferroni, `"hoc"` hochberg; `"B"` (BH or BY), `"ho"`
 * (holm, hochberg, hommel), `""` and `"bh"` match no single method, and R stops there ("'arg' should be one of …"):
 * so does this, in words. The one reading of a method name: pAdjust, `vlab p-adjust --method` and the plan's
 * `adjust.method`.
 *
 * @example pAdjustMethod('bonf') // 'bonferroni'
 */
export function pAdjustMethod(name: string, fn = 'pAdjust'): PAdjustMethod {
  const problem = pAdjustMethodProblem(name);
  if (problem) throw new AnalysisError(fn, problem);
  return matchArg(name, P_ADJUST_METHODS) as PAdjustMethod;
}

/** Why R's match.arg refuses a method name, or undefined for a name it takes (pAdjustMethod). */
export function pAdjustMethodProblem(name: unknown): string | undefined {
  if (typeof name !== 'string') return `method must be a text naming one of ${P_ADJUST_METHODS.join(', ')} (got ${JSON.stringify(name)})`;
  if (matchArg(name, P_ADJUST_METHODS)) return undefined;
  const abbreviated = choicesBegunBy(name, P_ADJUST_METHODS);
  if (abbreviated.length > 1) {
    return `method "${name}" abbreviates ${abbreviated.join(', ')}: R's p.adjust refuses it too; write more of the name (valid: ${P_ADJUST_METHODS.join(', ')})`;
  }
  return `unknown method "${name}" ${validOptions(name, P_ADJUST_METHODS)}`;
}

/**
 * Multiple-comparison adjustment, exactly as R's `stats::p.adjust` (same operations in the same order): Holm's
 * step-down (1979), Hochberg's step-up (1988), Hommel's (1988), Bonferroni, Benjamini–Hochberg's false discovery
 * rate (1995; alias `fdr`), Benjamini–Yekutieli's under dependence (2001), or `none`. Missing p-values stay as
 * they were — null (R's NA) and NaN. The family's size n is R's `n`: by default the number of p-values present (R's
 * lazy default reads length(p) after dropping NA); a larger n adjusts for tests whose p-values are not given, and an
 * n below the number present is refused, as R stops (`n >= lp is not TRUE`). With n ≤ 1 nothing changes, as in R.
 * The method may be abbreviated as R's match.arg allows (`'bonf'`; pAdjustMethod).
 *
 * @example pAdjust([0.01, 0.04, 0.03], 'holm') // [0.03, 0.06, 0.06], as p.adjust(c(.01, .04, .03), "holm")
 * @example pAdjust([0.01, 0.04], 'bonferroni', 10) // [0.1, 0.4], as p.adjust(c(.01, .04), "bonferroni", n = 10)
 */
export function pAdjust(p: readonly (number | null)[], methodName: PAdjustMethodName, family?: number): (number | null)[] {
  const method = pAdjustMethod(methodName);
  const present = p.flatMap((value, i) => (value === null || Number.isNaN(value) ? [] : [i]));
  refuseOutsideUnitInterval(p, present);
  const n = familySize(family, present.length);
  const out: (number | null)[] = [...p];
  if (n <= 1 || method === 'none') return out;
  const values = present.map((i) => p[i] as number);
  const adjusted = adjust(values, method === 'fdr' ? 'BH' : method === 'hommel' && n === 2 ? 'hochberg' : method, n);
  present.forEach((i, k) => (out[i] = adjusted[k]));
  return out;
}

/**
 * A p-value below 0 or above 1 is refused: R's p.adjust takes it without a check and returns numbers that are no
 * p-values (p.adjust(c(0.01, 1.5, -0.2, 0.04), "holm") is 0.03 1 -0.8 0.08; R trial 27). Values up to 100 with one
 * above 1 look like percentages, and the message says so.
 */
function refuseOutsideUnitInterval(p: readonly (number | null)[], present: number[]): void {
  const outside = present.find((i) => (p[i] as number) < 0 || (p[i] as number) > 1);
  if (outside === undefined) return;
  const value = p[outside] as number;
  const percentages = present.every((i) => (p[i] as number) >= 0 && (p[i] as number) <= 100);
  throw new AnalysisError(
    'pAdjust',
    `p-value ${value} at position ${outside + 1} is not between 0 and 1: R's p.adjust does not check and returns numbers that are no p-values ` +
      `(below 0, or above 1 under hommel and none); give every p-value as a proportion${percentages ? `; if these are percentages, divide them by 100 (5% is 0.05)` : ''}`,
  );
}

/** R's n: a whole number at least the count of p-values present (R stops below it), that count when not given. */
export function familySize(n: number | undefined, present: number): number {
  if (n === undefined) return present;
  if (!Number.isInteger(n)) throw new AnalysisError('pAdjust', `n (the number of tests in the family) must be a whole number, got ${n}`);
  if (n < present) {
    throw new AnalysisError('pAdjust', `n = ${n} is below the ${present} p-values given (not NA): the family has at least as many tests as p-values (R: "n >= lp is not TRUE")`);
  }
  return n;
}

/** The adjusted values of the present p-values in a family of n ≥ 2 tests (n ≥ p.length), in their order. */
function adjust(p: number[], method: Exclude<PAdjustMethod, 'fdr' | 'none'>, n: number): number[] {
  const lp = p.length;
  if (method === 'bonferroni') return p.map((x) => Math.min(1, n * x));
  if (method === 'hommel') return hommel(p, n);
  // Array.prototype.sort is stable, as R's order(): tied p-values keep their input order.
  const ascending = method === 'holm';
  const order = p.map((_, i) => i).sort((a, b) => (ascending ? p[a] - p[b] : p[b] - p[a]));
  const harmonic = method === 'BY' ? harmonicSum(n) : 1;
  const out = new Array<number>(lp);
  let running = ascending ? -Infinity : Infinity;
  order.forEach((index, k) => {
    if (method === 'holm') {
      running = Math.max(running, (n - k) * p[index]);
    } else {
      // i counts down from lp: R's i <- lp:1 over p sorted in decreasing order.
      const i = lp - k;
      const step = method === 'hochberg' ? (n + 1 - i) * p[index] : method === 'BH' ? (n / i) * p[index] : ((harmonic * n) / i) * p[index];
      running = Math.min(running, step);
    }
    out[index] = Math.min(1, running);
  });
  return out;
}

/** Σ 1/k for k = 1..n (R: sum(1/(1L:n))). */
function harmonicSum(n: number): number {
  let sum = 0;
  for (let k = 1; k <= n; k++) sum += 1 / k;
  return sum;
}

/**
 * Hommel's procedure, transcribed from R's p.adjust (sorted p; q and pa as there, 1-based j). A family of n larger than
 * the p-values given is padded with p-values of 1, as R does; only the given ones are returned.
 */
function hommel(given: number[], n: number): number[] {
  const raw = [...given, ...new Array<number>(n - given.length).fill(1)];
  const order = raw.map((_, i) => i).sort((a, b) => raw[a] - raw[b]);
  const p = order.map((i) => raw[i]);
  let start = Infinity;
  for (let i = 0; i < n; i++) start = Math.min(start, (n * p[i]) / (i + 1));
  const q = new Array<number>(n).fill(start);
  const pa = new Array<number>(n).fill(start);
  for (let j = n - 1; j >= 2; j--) {
    // i1 = 1..n−j+1 and i2 = n−j+2..n in R's 1-based indices.
    let q1 = Infinity;
    for (let i = n - j + 1, k = 2; i < n; i++, k++) q1 = Math.min(q1, (j * p[i]) / k);
    for (let i = 0; i <= n - j; i++) q[i] = Math.min(j * p[i], q1);
    for (let i = n - j + 1; i < n; i++) q[i] = q[n - j];
    for (let i = 0; i < n; i++) pa[i] = Math.max(pa[i], q[i]);
  }
  const out = new Array<number>(n);
  order.forEach((index, k) => (out[index] = Math.max(pa[k], p[k])));
  return out.slice(0, given.length);
}

import { AnalysisError } from './errors.ts';
import { checkAlpha } from './helpers/alpha.ts';
import { noncentralTCdf, normalQuantile, normalUpperTail, studentQuantile } from './helpers/distributions.ts';
import { refuseUnknownOptions, type OptionNames } from './helpers/option-names.ts';

export interface MdeOptions {
  /** Standard error of the estimate (of the contrast: sd · √(Σc²/n) for equal arms of n). */
  se: number;
  /** Degrees of freedom of its t test; null or Infinity for a normal-theory (z) test. */
  df: number | null;
  alpha?: number;
  /** Power the effect must be detected with; default 0.8. */
  power?: number;
  /** Count the far rejection region too (R's `strict = TRUE`; two-sided only, as R); default false, as R. */
  strict?: boolean;
  /** `two.sided` (default) or `one.sided`: the test rejects above t₁₋α (power.t.test's alternative). */
  alternative?: 'two.sided' | 'one.sided';
}

const FN = 'minimumDetectableEffect';
/** The power a minimum detectable effect is quoted at unless another is asked for (a common convention). */
export const MDE_POWER = 0.8;

const MDE_OPTIONS = { se: true, df: true, alpha: true, power: true, strict: true, alternative: true } satisfies OptionNames<MdeOptions>;

/**
 * Minimum detectable effect: the true effect δ that a two-sided test at level α of an estimate with standard
 * error `se` on `df` degrees of freedom rejects with probability `power`. The power is R's `power.t.test`'s:
 * P(T > t₁₋α/₂) for T noncentral t with noncentrality δ/se (plus P(T < −t₁₋α/₂) when strict). Since δ enters
 * only through δ/se, the MDE is se times a multiplier of df, α and power, found by a safeguarded secant search
 * from the normal-theory value z₁₋α/₂ + z_power (Bloom 1995, "Minimum detectable effects") until the bracket is
 * below 1e-13 relative; it equals R's power.t.test(tol = 1e-12) to the 1e-10 (relative) its tests assert.
 *
 * The one MDE of the platform: `powerAnalysis` (`vlab power`) solves for the effect with it, the design diagnosis
 * quotes it per term, and the dashboard's precision table applies it to each estimate's own SE and df.
 *
 * @example minimumDetectableEffect({ se: Math.sqrt(2 / 100), df: 198 }) // 0.398138624874 = power.t.test(n = 100, power = .8)$delta
 */
export function minimumDetectableEffect(options: MdeOptions): number {
  refuseUnknownOptions(FN, options, MDE_OPTIONS);
  const { se, df, alpha: givenAlpha, power = MDE_POWER, alternative = 'two.sided' } = options;
  const alpha = checkAlpha(FN, givenAlpha);
  if (alternative !== 'two.sided' && alternative !== 'one.sided') throw new AnalysisError(FN, `alternative must be two.sided or one.sided (got ${JSON.stringify(alternative)})`);
  // R: strict counts the far region only for a two-sided test (strict && tside == 2).
  const sides = alternative === 'one.sided' ? 1 : 2;
  const strict = sides === 2 && options.strict === true;
  if (!(se > 0 && Number.isFinite(se))) throw new AnalysisError(FN, `se must be a positive number (got ${se})`);
  if (df !== null && !(df > 0)) throw new AnalysisError(FN, `df must be positive (got ${df})`);
  const floor = sides === 1 || strict ? alpha : alpha / 2;
  if (!(power > floor && power < 1)) throw new AnalysisError(FN, `power must be between ${sides === 1 ? 'alpha' : 'alpha/2'} and 1 (got ${power})`);
  const normal = df === null || !Number.isFinite(df);
  // The upper quantile of alpha/sides itself, as R's qt(…, lower = FALSE): 1 − alpha/2 rounds near 1 (alpha 1e-15).
  const crit = normal ? -normalQuantile(alpha / sides) : -studentQuantile(alpha / sides, df);
  const upper = (ncp: number) => (normal ? normalUpperTail(crit - ncp) : 1 - noncentralTCdf(crit, df, ncp));
  const lower = (ncp: number) => (normal ? normalUpperTail(crit + ncp) : noncentralTCdf(-crit, df, ncp));
  const gap = (ncp: number) => upper(ncp) + (strict ? lower(ncp) : 0) - power;
  return se * increasingRoot(gap, -normalQuantile(alpha / sides) + normalQuantile(power));
}

/**
 * Root of an increasing function with f(0) < 0: brackets it by doubling from `guess`, then narrows the bracket
 * by the Illinois variant of regula falsi (a secant step that always stays inside, and halves the weight of
 * an end that stays put twice, so both ends close in).
 */
function increasingRoot(f: (x: number) => number, guess: number): number {
  let [lo, flo] = [0, f(0)];
  let [hi, fhi] = [guess, f(guess)];
  for (let i = 0; fhi < 0; i++) {
    if (i === 60) throw new AnalysisError(FN, 'the power cannot be reached');
    [lo, flo] = [hi, fhi];
    hi *= 2;
    fhi = f(hi);
  }
  let kept = 0;
  for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
    const x = (lo * fhi - hi * flo) / (fhi - flo);
    const fx = f(x);
    if (Math.abs(fx) < 1e-15) return x;
    if (fx < 0) {
      [lo, flo] = [x, fx];
      if (kept === 1) fhi /= 2;
      kept = 1;
    } else {
      [hi, fhi] = [x, fx];
      if (kept === -1) flo /= 2;
      kept = -1;
    }
  }
  return (lo * fhi - hi * flo) / (fhi - flo);
}

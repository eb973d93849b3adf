import { AnalysisError } from './errors.ts';
import { checkAlpha } from './helpers/alpha.ts';
import { noncentralTCdf, studentQuantile } from './helpers/distributions.ts';
import { minimumDetectableEffect } from './mde.ts';
import { refuseUnknownOptions, type OptionNames } from './helpers/option-names.ts';
import { matchChoice } from './helpers/match-arg.ts';

/**
 * Which comparison the power is for, in a design of `arms` equal cells of n respondents:
 * - `difference`: one arm against another (Σc² = 2). With 2 arms this is exactly R's `power.t.test`.
 * - `main`: a main effect in a 2^f factorial (half the cells against the other half; Σc² = 4/arms).
 * - `interaction`: a two-way interaction in a 2^f factorial (difference in differences; Σc² = 16/arms),
 *   four times the variance of a main effect: the same effect needs four times the respondents.
 */
export type PowerContrast = 'difference' | 'main' | 'interaction';
/** power.t.test's `type`: two arms of n each, one sample of n, or n pairs (the test of the mean difference). */
export type PowerType = 'two.sample' | 'one.sample' | 'paired';
/** power.t.test's `alternative`: a one-sided test rejects above t₁₋α only, so a negative effect has power below alpha. */
export type PowerAlternative = 'two.sided' | 'one.sided';
const TYPES: readonly PowerType[] = ['two.sample', 'one.sample', 'paired'];
const ALTERNATIVES: readonly PowerAlternative[] = ['two.sided', 'one.sided'];

export interface PowerOptions {
  /** True difference (in outcome units); leave out to get the minimum detectable effect. */
  effect?: number;
  /** Residual standard deviation of the outcome. */
  sd: number;
  /** Respondents per arm (cell); leave out to get the sample size. With `n2`, the first arm's. */
  n?: number;
  /**
   * Respondents in the second of two arms of unequal size (pwr::pwr.t2n.test's n2; `n` is then its n1): df n + n2 − 2,
   * SE sd·√(1/n + 1/n2). pwr.t2n.test counts both regions of a two-sided test, so with n2 `strict` is true unless given
   * (`strict: false` is refused: no R function computes one region for unequal arms). `'solve'`, with
   * effect, n and power given: the second arm's size for that first arm (pwr.t2n.test(n1 =, d =, power =)$n2).
   */
  n2?: number | 'solve';
  /** Target power; leave out to get the power. */
  power?: number;
  alpha?: number;
  /** Number of equally sized arms (cells), default 2. */
  arms?: number;
  contrast?: PowerContrast;
  /** Count the far rejection region too (R's `strict = TRUE`, two-sided only); default false, as power.t.test; with `n2` true, as pwr.t2n.test. */
  strict?: boolean;
  /** Default `two.sample`; `one.sample` and `paired` (n pairs, sd of the differences) have one group, df n − 1. */
  type?: PowerType;
  /** Default `two.sided`; `one.sided` as power.t.test(alternative = "one.sided"). R's abbreviations are taken ("one"). */
  alternative?: PowerAlternative;
}

export interface PowerResult {
  effect: number;
  sd: number;
  /** Respondents per arm (cell); fractional when solved for, as R reports it. With `n2`, the first arm's. */
  n: number;
  /** The second arm's respondents, when the two arms are unequal (given, or solved with `n2: 'solve'`). */
  n2?: number;
  power: number;
  alpha: number;
  arms: number;
  contrast: PowerContrast;
  /** Residual df, arms · (n − 1) (floored at arms · 1e-7, as R). */
  df: number;
  /** Noncentrality effect / (sd · √(Σc²/n)); negative for a negative effect. */
  ncp: number;
  type: PowerType;
  alternative: PowerAlternative;
}

const FN = 'powerAnalysis';
/**
 * How to get one factor's power where the design is not 2^f (task 42: a 2×3 got the refusal alone). Comparing two
 * levels of one factor pools the cells at each level: two arms of that many respondents, power.t.test's two-sample
 * test (its df 2·(m − 1) for m a level is a little above the whole model's; a hair more power).
 */
const OTHER_DESIGN_HINT =
  'for one factor of another design (a 2×3), compare two of its levels as two arms: contrast difference, arms 2, n the respondents at each level ' +
  '(3n for the two-level factor of a 2×3 of n a cell, 2n for two levels of its three-level factor)';
/** Where the search for n per arm starts and how far down and up it may go (see solveIncreasing). */
const N_START: [number, number] = [2, 1e7];
const N_FLOOR = 1.01;
const N_CEILING = 1e15;

const POWER_OPTIONS = { effect: true, sd: true, n: true, n2: true, power: true, alpha: true, arms: true, contrast: true, strict: true, type: true, alternative: true } satisfies OptionNames<PowerOptions>;

/**
 * Power, sample size per arm or minimum detectable effect of a t test of a contrast between arms (or, with `type`,
 * of one sample or of pairs; with `alternative: 'one.sided'`, one-sided), by the noncentral t exactly as R's
 * `stats::power.t.test`; give all but one of
 * effect, n and power. The test is two-sided, so a negative effect has the power of its absolute value (R
 * takes `abs(delta)`). Solving for n searches from [2, 1e7] per arm and, as R's `extendInt = "upX"`, goes
 * below 2 (down to 1.01, where R's own answer is an artifact of qt overflowing) or above 1e7 (up to 1e15).
 *
 * @example powerAnalysis({ effect: 0.5, sd: 1, power: 0.8 }).n // 63.76576 per arm, as power.t.test(delta = .5, power = .8)
 */
export function powerAnalysis(options: PowerOptions): PowerResult {
  refuseUnknownOptions(FN, options, POWER_OPTIONS);
  const alpha = checkAlpha(FN, options.alpha);
  const type = matchChoice(FN, 'type', options.type ?? 'two.sample', TYPES);
  const alternative = matchChoice(FN, 'alternative', options.alternative ?? 'two.sided', ALTERNATIVES);
  const oneGroup = type !== 'two.sample';
  if (oneGroup && ((options.arms !== undefined && options.arms !== 2) || (options.contrast ?? 'difference') !== 'difference')) {
    throw new AnalysisError(FN, `arms and contrast are for two-sample designs, not type "${type}"`);
  }
  const arms = oneGroup ? 1 : options.arms ?? 2;
  const contrast = options.contrast ?? 'difference';
  // R: tside; strict counts the far region of a two-sided test only (strict && tside == 2).
  const sides = alternative === 'one.sided' ? 1 : 2;
  const strict = sides === 2 && countsFarRegion(options);
  const { sd } = options;
  if (!(sd > 0)) throw new AnalysisError(FN, `sd must be positive (got ${sd})`);
  if (!oneGroup && (!Number.isInteger(arms) || arms < 2)) throw new AnalysisError(FN, `arms must be an integer of at least 2 (got ${arms})`);
  if (contrast !== 'difference' && (arms < 4 || (arms & (arms - 1)) !== 0)) {
    throw new AnalysisError(FN, `a ${contrast} contrast needs a 2^f factorial: arms must be 4, 8, 16, … (got ${arms}); ${OTHER_DESIGN_HINT}`);
  }
  const second = unequalSecondArm(options.n2, oneGroup || arms !== 2 || contrast !== 'difference');
  const solvingN2 = second === 'solve';
  const missing = solvingN2 ? n2SolveInputs(options) : (['effect', 'n', 'power'] as const).filter((key) => options[key] === undefined);
  if (missing.length !== 1) throw new AnalysisError(FN, 'give exactly two of effect, n and power');
  // The other arm's size while one arm is computed or solved: n2, or n where n2 is solved (the design is symmetric).
  const n2 = solvingN2 ? (options.n as number) : second;
  // One group: ncp = √n · δ/sd (R's sqrt(n/tsample) with tsample 1).
  const sumSquares = oneGroup ? 1 : contrast === 'difference' ? 2 : contrast === 'main' ? 4 / arms : 16 / arms;

  // R: nu <- pmax(1e-07, n - 1) * tsample.
  // Unequal arms (pwr.t2n.test): nu <- n1 + n2 - 2, ncp d / sqrt(1/n1 + 1/n2).
  const dfAt = (n: number): number => (n2 === undefined ? arms * Math.max(1e-7, n - 1) : Math.max(1e-7, n + n2 - 2));
  const seAt = (n: number): number => sd * Math.sqrt(n2 === undefined ? sumSquares / n : 1 / n + 1 / n2);
  const ncpAt = (effect: number, n: number): number => effect / seAt(n);
  const powerAt = (effect: number, n: number): number => {
    const df = dfAt(n);
    // Two-sided, R takes abs(delta); one-sided, a negative effect lies on the side the test never rejects.
    const ncp = sides === 2 ? Math.abs(ncpAt(effect, n)) : ncpAt(effect, n);
    // R: qt(sig.level / tside, nu, lower = FALSE); 1 − alpha/2 would round near 1 (5 % of R's power at alpha 1e-15).
    const crit = -studentQuantile(alpha / sides, df);
    const upper = 1 - noncentralTCdf(crit, df, ncp);
    return strict ? upper + noncentralTCdf(-crit, df, ncp) : upper;
  };
  const result = (effect: number, n: number, power: number): PowerResult => ({
    effect, sd, n, ...(n2 === undefined ? {} : { n2 }), power, alpha, arms, contrast, df: dfAt(n), ncp: ncpAt(effect, n), type, alternative,
  });

  if (missing[0] === 'power') {
    const { effect, n } = options as { effect: number; n: number };
    if (!(n > 1)) throw new AnalysisError(FN, `n per arm must be more than 1 (got ${n})`);
    return result(effect, n, powerAt(effect, n));
  }
  const target = options.power as number;
  if (!(target > alpha / sides && target < 1)) throw new AnalysisError(FN, `power must be above ${sides === 1 ? 'alpha' : 'alpha/2'} (${alpha / sides}) and below 1 (got ${target})`);
  if (missing[0] === 'n') {
    const effect = options.effect as number;
    if (!(effect !== 0 && Number.isFinite(effect))) throw new AnalysisError(FN, 'effect must be a non-zero number');
    if (sides === 1 && effect < 0) throw new AnalysisError(FN, `a one-sided test (alternative "one.sided") rejects for positive effects only: effect ${effect} has power below alpha at every n (R's uniroot stops)`);
    if (n2 !== undefined) checkReachable(powerAt(effect, N_CEILING), target, solvingN2 ? `n = ${n2}` : `n2 = ${n2}`);
    const n = solveIncreasing(FN, (x) => powerAt(effect, x) - target, N_START, [N_FLOOR, N_CEILING], solvingN2 ? 'n2' : 'n per arm');
    // Solving n2, the solved size is the second arm's and the given n the first's (df and ncp are symmetric in them).
    return solvingN2 ? { ...result(effect, n, target), n: n2 as number, n2: n } : result(effect, n, target);
  }
  const n = options.n as number;
  if (!(n > 1)) throw new AnalysisError(FN, `n per arm must be more than 1 (got ${n})`);
  // The effect: the platform's one minimum-detectable-effect computation, on this contrast's SE and df.
  return result(minimumDetectableEffect({ se: seAt(n), df: dfAt(n), alpha, power: target, strict, alternative }), n, target);
}

/**
 * Whether a two-sided test counts its far rejection region. Without n2 the call is power.t.test, whose strict defaults
 * to FALSE; with n2 it is pwr::pwr.t2n.test, which has no strict and always adds the far region (R trial 29: vlab
 * counted one region unless told strict, 1.7e-5 to 31 % below pwr's power), so strict defaults to true there and an
 * explicit false, which no R function computes for unequal arms, is refused in words.
 */
function countsFarRegion(options: PowerOptions): boolean {
  if (options.n2 === undefined) return options.strict ?? false;
  if (options.strict === false) {
    throw new AnalysisError(FN, "n2 is pwr::pwr.t2n.test's two arms, which counts both rejection regions of a two-sided test: strict: false (power.t.test's one region) has no unequal-arms counterpart in R; leave strict out");
  }
  return true;
}

/** The second arm's size of two unequal arms, checked: a number above 1 or 'solve', and only where the design has two arms. */
function unequalSecondArm(n2: number | 'solve' | undefined, notTwoArms: boolean): number | 'solve' | undefined {
  if (n2 === undefined) return undefined;
  if (notTwoArms) throw new AnalysisError(FN, 'n2 is for two arms of a two-sample difference (type two.sample, arms 2, contrast difference): n and n2 respondents');
  if (n2 === 'solve') return n2;
  if (!(typeof n2 === 'number' && n2 > 1 && Number.isFinite(n2))) throw new AnalysisError(FN, `n2 (the second arm's respondents) must be a number more than 1 (got ${JSON.stringify(n2)})`);
  return n2;
}

/** What `n2: 'solve'` leaves to be solved: n2 itself, once effect, the first arm's n and power are all given. */
function n2SolveInputs(options: PowerOptions): ['n'] {
  if (options.effect === undefined || options.n === undefined || options.power === undefined) {
    throw new AnalysisError(FN, "n2: 'solve' needs effect, n (the first arm's respondents) and power");
  }
  if (!(options.n > 1)) throw new AnalysisError(FN, `n (the first arm's respondents) must be more than 1 (got ${options.n})`);
  return ['n'];
}

/**
 * With one arm's size fixed, the power of the other growing without bound tends to that of a one-arm SE sd/√fixed:
 * a target above it is reached by no size (pwr.t2n.test's uniroot stops: "f() values at end points not of opposite
 * sign"). Said in words, with the ceiling, rather than as a search that ran out at 1e15.
 */
function checkReachable(ceiling: number, target: number, fixed: string): void {
  if (ceiling < target) {
    throw new AnalysisError(FN, `the power cannot reach ${target} with ${fixed} respondents in the other arm, however large this arm: at most ${Number(ceiling.toPrecision(4))}; give the other arm more respondents`);
  }
}

/**
 * Root of an increasing function by bisection to ~1e-12 relative (R's uniroot stops at ~1e-4 unless given
 * `tol`). The search starts on `start` and, like uniroot's `extendInt = "upX"`, widens towards `limits`
 * (down to the floor at once, ×10 towards the ceiling) until the root is bracketed.
 */
export function solveIncreasing(fn: string, f: (x: number) => number, start: [number, number], limits: [number, number], what: string): number {
  let [lo, hi] = start;
  if (f(lo) > 0) {
    [lo, hi] = [limits[0], lo];
    if (f(lo) > 0) throw new AnalysisError(fn, `the target power is reached with ${what} below ${limits[0]}`);
  }
  while (f(hi) < 0) {
    if (hi >= limits[1]) throw new AnalysisError(fn, `the target power needs ${what} above ${limits[1]}`);
    lo = hi;
    hi = Math.min(limits[1], hi * 10);
  }
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}


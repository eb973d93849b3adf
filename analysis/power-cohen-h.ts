import { AnalysisError } from './errors.ts';
import { checkAlpha } from './helpers/alpha.ts';
import { normalQuantile, normalUpperTail } from './helpers/distributions.ts';
import { matchChoice } from './helpers/match-arg.ts';
import { refuseUnknownOptions, type OptionNames } from './helpers/option-names.ts';
import { solveIncreasing } from './power.ts';

/** pwr's alternatives: `greater` and `less` are one-sided in a stated direction (h's sign counts). */
export type CohenHAlternative = 'two.sided' | 'less' | 'greater';

export interface PowerCohenHOptions {
  /** Cohen's h, 2·asin(√p1) − 2·asin(√p2) (`cohenH`); leave out to solve for it. */
  h?: number;
  /** Respondents per group (both groups, pwr.2p.test), or the first group's with `n2` (pwr.2p2n.test). */
  n?: number;
  /** The second group's respondents (pwr.2p2n.test's n2); `'solve'` to solve for it with n given. */
  n2?: number | 'solve';
  power?: number;
  alpha?: number;
  /** Default `two.sided` (both rejection regions, as pwr counts them); R's abbreviations are taken. */
  alternative?: CohenHAlternative;
}

export interface PowerCohenHResult {
  h: number;
  n: number;
  n2: number | null;
  power: number;
  alpha: number;
  alternative: CohenHAlternative;
}

const FN = 'powerCohenH';
const OPTIONS = { h: true, n: true, n2: true, power: true, alpha: true, alternative: true } satisfies OptionNames<PowerCohenHOptions>;
const ALTERNATIVES: readonly CohenHAlternative[] = ['two.sided', 'less', 'greater'];
/** pwr's uniroot intervals for h (two-sided, less, greater) and for a group's size. */
const H_INTERVALS: Record<CohenHAlternative, [number, number]> = { 'two.sided': [1e-10, 10], less: [-10, 5], greater: [-5, 10] };
const N_INTERVAL: [number, number] = [2 + 1e-10, 1e9];

/**
 * Cohen's h of two proportions, pwr's `ES.h(p1, p2)`: 2·asin(√p1) − 2·asin(√p2).
 *
 * @example cohenH(0.65, 0.45) // 0.4049, as pwr::ES.h(0.65, 0.45)
 */
export function cohenH(p1: number, p2: number): number {
  for (const p of [p1, p2]) if (!(p >= 0 && p <= 1)) throw new AnalysisError('cohenH', `a proportion must be between 0 and 1 (got ${p})`);
  return 2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p2));
}

/**
 * Power, n per group, the second group's n, or Cohen's h of a two-sample test of proportions on the arcsine scale, as
 * `pwr::pwr.2p.test` (equal groups) and `pwr::pwr.2p2n.test` (`n2`): power = P(Z > z₁₋α/₂ − h·√m) + P(Z < z_α/₂ − h·√m)
 * two-sided, m = n/2 (n·n2/(n + n2) with n2). Give all but one of h, n (or n2: 'solve') and power. Solving for
 * sig.level is not offered. Roots to ~1e-12 (pwr's uniroot stops at ~1e-4: compare with a uniroot of tol 1e-13 on pwr's
 * power, as tests/analysis/r/power-cohen-h.R does); where pwr's interval holds no root, an error.
 *
 * @example powerCohenH({ h: cohenH(0.65, 0.45), power: 0.8 }).n // 95.77, as pwr.2p.test(h = ES.h(.65, .45), power = .8)
 */
export function powerCohenH(options: PowerCohenHOptions): PowerCohenHResult {
  refuseUnknownOptions(FN, options, OPTIONS);
  const alpha = checkAlpha(FN, options.alpha);
  const alternative = matchChoice(FN, 'alternative', options.alternative ?? 'two.sided', ALTERNATIVES);
  const solvingN2 = options.n2 === 'solve';
  const missing = (['h', 'n', 'power'] as const).filter((key) => options[key] === undefined);
  if (missing.length + (solvingN2 ? 1 : 0) !== 1) throw new AnalysisError(FN, 'give exactly two of h, n (or n2: "solve") and power');
  checkSizes(options);
  const powerAt = powerFunction(alpha, alternative);
  const n2 = typeof options.n2 === 'number' ? options.n2 : null;
  const m = (n: number, second: number | null) => (second === null ? n / 2 : (n * second) / (n + second));
  const h = options.h === undefined ? undefined : alternative === 'two.sided' ? Math.abs(options.h) : options.h;
  const result = (values: Omit<PowerCohenHResult, 'alpha' | 'alternative'>): PowerCohenHResult => ({ ...values, alpha, alternative });
  if (missing[0] === 'power') return result({ h: h!, n: options.n!, n2, power: powerAt(h!, m(options.n!, n2)) });
  const power = options.power!;
  if (missing[0] === 'h') return result({ h: solveH(powerAt, (x) => m(options.n!, n2), power, alternative), n: options.n!, n2, power });
  const sign = alternative === 'less' ? -1 : 1;
  const gap = (size: (x: number) => number) => (x: number) => (sign * h! > 0 ? powerAt(h!, size(x)) - power : -1);
  if (solvingN2) return result({ h: h!, n: options.n!, n2: solveIncreasing(FN, gap((x) => m(options.n!, x)), N_INTERVAL, N_INTERVAL, 'n2'), power });
  return result({ h: h!, n: solveIncreasing(FN, gap((x) => m(x, n2)), N_INTERVAL, N_INTERVAL, 'n per group'), n2, power });
}

/** pwr's checks: power and sizes (n at least 1 with equal groups, both at least 2 with n2). */
function checkSizes(options: PowerCohenHOptions): void {
  if (options.power !== undefined && !(options.power >= 0 && options.power <= 1)) throw new AnalysisError(FN, `power must be between 0 and 1 (got ${options.power})`);
  const least = options.n2 === undefined ? 1 : 2;
  for (const [name, value] of [['n', options.n], ['n2', options.n2]] as const) {
    if (typeof value === 'number' && !(value >= least && Number.isFinite(value))) throw new AnalysisError(FN, `${name} must be at least ${least} (got ${value}; pwr stops there too)`);
  }
}

/** pwr's p.body: the power at h with m = n/2 (or n·n2/(n + n2)). */
function powerFunction(alpha: number, alternative: CohenHAlternative): (h: number, m: number) => number {
  if (alternative === 'greater') return (h, m) => normalUpperTail(-normalQuantile(alpha) - h * Math.sqrt(m));
  if (alternative === 'less') return (h, m) => normalUpperTail(-(normalQuantile(alpha) - h * Math.sqrt(m)));
  const upper = -normalQuantile(alpha / 2);
  return (h, m) => normalUpperTail(upper - h * Math.sqrt(m)) + normalUpperTail(upper + h * Math.sqrt(m));
}

/** h in pwr's interval where the power reaches its target (power grows with h, or with −h for `less`), by bisection. */
function solveH(powerAt: (h: number, m: number) => number, m: (x: number) => number, power: number, alternative: CohenHAlternative): number {
  const [lo0, hi0] = H_INTERVALS[alternative];
  const sign = alternative === 'less' ? -1 : 1;
  const gap = (h: number) => sign * (powerAt(h, m(h)) - power);
  let [lo, hi] = [lo0, hi0];
  if (!(gap(lo) * gap(hi) < 0)) throw new AnalysisError(FN, `no h in [${lo0}, ${hi0}] reaches power ${power} (pwr's uniroot stops there too)`);
  for (let i = 0; i < 200 && hi - lo > 1e-13 * Math.max(1, Math.abs(hi)); i++) {
    const mid = 0.5 * (lo + hi);
    if (gap(mid) < 0 === gap(lo) < 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

import { AnalysisError } from './errors.ts';
import { checkAlpha } from './helpers/alpha.ts';
import { normalQuantile, normalUpperTail } from './helpers/distributions.ts';
import { matchChoice } from './helpers/match-arg.ts';
import { refuseUnknownOptions, type OptionNames } from './helpers/option-names.ts';
import { solveIncreasing, type PowerAlternative } from './power.ts';

export interface PowerPropOptions {
  /** Respondents per group; leave out to get the sample size. */
  n?: number;
  /** The two groups' proportions (one may be left out to solve for it). */
  p1?: number;
  p2?: number;
  /** Target power; leave out to get the power. */
  power?: number;
  alpha?: number;
  /** Default `two.sided`; `one.sided` as R's (which also takes |p1 − p2|). R's abbreviations are taken ("one"). */
  alternative?: PowerAlternative;
  /** Count the far rejection region too (R's `strict = TRUE`, two-sided only); default false, as R. */
  strict?: boolean;
}

export interface PowerPropResult {
  /** Per group; fractional when solved for, as R reports it. */
  n: number;
  p1: number;
  p2: number;
  power: number;
  alpha: number;
  alternative: PowerAlternative;
}

const FN = 'powerPropTest';
const OPTIONS = { n: true, p1: true, p2: true, power: true, alpha: true, alternative: true, strict: true } satisfies OptionNames<PowerPropOptions>;
const ALTERNATIVES: readonly PowerAlternative[] = ['two.sided', 'one.sided'];

/** R's pnorm(x). */
const pnorm = (x: number): number => normalUpperTail(-x);

/**
 * Power, n per group, or one of the two proportions of a two-sample test of proportions, by the normal approximation
 * exactly as R's `stats::power.prop.test` (its formula, term by term); give all but one of n, p1, p2 and power.
 * Solving for R's `sig.level` is not offered. Roots are found to ~1e-12 (R's uniroot to its tol, 1.2e-4 absolute by
 * default: compare with `tol = 1e-12`). Where R's search leaves [0, p2] for p1 (or [p1, 1] for p2) and returns a
 * proportion outside it (with a warning, or none: p1 above p2), no proportion there reaches the power: an error.
 *
 * @example powerPropTest({ p1: 0.5, p2: 0.6, power: 0.8 }).n // 387.3385, as power.prop.test(p1 = .5, p2 = .6, power = .8)
 */
export function powerPropTest(options: PowerPropOptions): PowerPropResult {
  refuseUnknownOptions(FN, options, OPTIONS);
  const alpha = checkAlpha(FN, options.alpha);
  const alternative = matchChoice(FN, 'alternative', options.alternative ?? 'two.sided', ALTERNATIVES);
  const sides = alternative === 'one.sided' ? 1 : 2;
  const strict = sides === 2 && (options.strict ?? false);
  const missing = (['n', 'p1', 'p2', 'power'] as const).filter((key) => options[key] === undefined);
  if (missing.length !== 1) throw new AnalysisError(FN, 'give exactly three of n, p1, p2 and power (R: "exactly one of \'n\', \'p1\', \'p2\', \'power\', and \'sig.level\' must be NULL")');
  for (const key of ['p1', 'p2', 'power'] as const) {
    const value = options[key];
    if (value !== undefined && !(value >= 0 && value <= 1)) throw new AnalysisError(FN, `${key} must be a proportion between 0 and 1 (got ${value})`);
  }
  if (options.n !== undefined && !(options.n > 0 && Number.isFinite(options.n))) throw new AnalysisError(FN, `n per group must be a positive number (got ${options.n})`);
  const qu = -normalQuantile(alpha / sides); // R: qnorm(sig.level / tside, lower.tail = FALSE)
  const powerAt = (n: number, p1: number, p2: number): number => {
    if (!strict) return pnorm((Math.sqrt(n) * Math.abs(p1 - p2) - qu * Math.sqrt((p1 + p2) * (1 - (p1 + p2) / 2))) / Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2)));
    // R's strict body: the far tail counted too.
    const d = Math.abs(p1 - p2);
    const pbar = (p1 + p2) / 2;
    const vbar = pbar * (1 - pbar);
    const v = p1 * (1 - p1) + p2 * (1 - p2);
    return pnorm((Math.sqrt(n) * d - qu * Math.sqrt(2 * vbar)) / Math.sqrt(v)) + normalUpperTail((Math.sqrt(n) * d + qu * Math.sqrt(2 * vbar)) / Math.sqrt(v));
  };
  const { n, p1, p2, power } = options as Required<PowerPropOptions>;
  const result = (values: Pick<PowerPropResult, 'n' | 'p1' | 'p2' | 'power'>): PowerPropResult => ({ ...values, alpha, alternative });
  if (missing[0] === 'power') {
    refuseNoVariance(p1, p2);
    return result({ n, p1, p2, power: powerAt(n, p1, p2) });
  }
  if (!(power > alpha / sides && power < 1)) throw new AnalysisError(FN, `power must be above ${sides === 1 ? 'alpha' : 'alpha/2'} (${alpha / sides}) and below 1 (got ${power})`);
  if (missing[0] === 'n') {
    if (p1 === p2) throw new AnalysisError(FN, `p1 and p2 are equal (${p1}): no n reaches a power above alpha`);
    return result({ n: solveIncreasing(FN, (x) => powerAt(x, p1, p2) - power, [1, 1e7], [1e-8, 1e15], 'n per group'), p1, p2, power });
  }
  if (missing[0] === 'p1') return result({ n, p1: solveProportion((x) => powerAt(n, x, p2) - power, p2, 0, 'p1'), p2, power });
  return result({ n, p1, p2: solveProportion((x) => powerAt(n, p1, x) - power, p1, 1, 'p2'), power });
}

/**
 * Both proportions 0 (or both 1): every respondent in both groups answers alike, the difference and its variance are
 * both 0 and the power is 0/0 — R's power.prop.test returns NaN (R trial 31), a question with no answer: refused in words.
 */
function refuseNoVariance(p1: number, p2: number): void {
  if (p1 === p2 && (p1 === 0 || p1 === 1)) {
    throw new AnalysisError(FN, `p1 and p2 are both ${p1}: the two groups never differ (every respondent in both answers ${p1 === 0 ? 'no' : 'yes'}), so the test has no variance and no power (R's power.prop.test returns NaN); give proportions that differ, or another p1 and p2 in (0, 1)`);
  }
}

/**
 * The proportion between `from` (the other group's, power alpha/sides there) and `to` (0 for p1, 1 for p2, as R's
 * uniroot intervals c(0, p2) and c(p1, 1)) where the power reaches its target, by bisection on the distance from `from`.
 */
function solveProportion(gap: (x: number) => number, from: number, to: number, what: string): number {
  const span = Math.abs(to - from);
  const at = (distance: number): number => gap(from + Math.sign(to - from) * distance);
  if (!(span > 0) || at(span) < 0) {
    throw new AnalysisError(FN, `no ${what} in [${Math.min(from, to)}, ${Math.max(from, to)}] reaches the target power (R's uniroot leaves that interval and returns a ${what} outside it)`);
  }
  return from + Math.sign(to - from) * solveIncreasing(FN, at, [0, span], [0, span], what);
}

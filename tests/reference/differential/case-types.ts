// The shapes of the differential test's cases (see differential.test.ts for what the test does with them).
import type { PAdjustMethodName, PowerAlternative, PowerType, SeType } from '../../../analysis/index.ts';
import type { Column } from './random-data.ts';

/** A data set: generated columns, or a file of the reference folder (tests/reference/cases). */
export type DataSet = { id: string; columns: Column[] } | { id: string; file: string };

/**
 * Which part of the engine a case exercises. `random` are the seeded random designs; the others are the
 * classes of issue 11 (correctness list and formula syntax), so a failure says which class broke.
 */
export type CaseGroup =
  | 'random'
  | 'cr2-df'
  | 'weighted-cr2-far-from-zero'
  | 'model-matrix-coding'
  | 'aliasing'
  | 'one-level-factor'
  | 'level-order'
  | 'formula-syntax'
  | 'na-outside-levels'
  | 'logical-outcome'
  | 'dim'
  | 'p-adjust'
  | 'power'
  // The fourth trial's classes (trial4-designs.ts).
  | 'many-levels-cr2'
  | 'weighted-aliased-cr2'
  | 'leverage-near-one'
  | 'extreme-scale'
  | 'cluster-level-treatment'
  | 'formula-comparisons'
  | 'alpha-extremes'
  | 'text-labels'
  | 'dim-block-shapes'
  | 'p-adjust-random'
  | 'power-random'
  | 'rake-margins'
  // The sixth trial's classes (trial6-designs.ts).
  | 'dim-weighted'
  | 'weights-clusters-interactions'
  | 'missing-design-columns'
  | 'one-cluster-edges'
  // The seventh trial's classes (trial7-designs.ts).
  | 'dim-multi-arm'
  | 'numeric-interactions'
  | 'weights-zeros-se-types'
  | 'mixed-scale'
  | 'degenerate-columns'
  | 'formula-edges'
  | 'rake-zero-base'
  // The eighth trial's classes (trial8-designs.ts).
  | 'text-level-order'
  | 'dim-text-treatment'
  | 'numeric-factor-order'
  | 'cluster-label-types'
  | 'equal-weights'
  | 'huge-few-clusters'
  | 'se-type-clusters'
  | 'factor-empty-cells'
  | 'dot-formulas'
  | 'intercept-only'
  | 'r-spellings'
  | 'random-formulas'
  | 'ordered-factors'
  | 'cluster-fixed-effects'
  // The ninth trial's class (trial9-designs.ts).
  | 'analyst-functions'
  // The tenth trial's classes (trial10-designs.ts).
  | 'dim-constant-outcome'
  | 'dim-design-grid'
  | 'dim-clusters-across-blocks'
  | 'odd-level-names'
  | 'tiny-samples'
  | 'fe-weights-clusters'
  | 'missing-everywhere'
  | 'trial10-random'
  | 'p-adjust-missing'
  // R's functions of task rfun10 (rfun10-designs.ts).
  | 'r-functions'
  // The twelfth trial's classes (trial12-designs.ts).
  | 'formula-spellings-12'
  | 'text-variants'
  | 'singleton-clusters'
  | 'dim-singletons-zero-weights'
  | 'p-adjust-12'
  | 'power-12'
  | 'rake-12'
  // The thirteenth trial's classes (trial13-designs.ts).
  | 'huge-outcome-lm'
  | 'missing-roles'
  | 'wild-scales'
  | 'one-row-level'
  | 'zero-weight-clusters'
  | 'empty-cell-ordered'
  | 'p-adjust-13'
  | 'power-13'
  | 'rake-13'
  // The fourteenth trial's classes (trial14-designs.ts).
  | 'tiny-weight-14'
  | 'cr2-weights-singletons-14'
  | 'rare-binary-14'
  | 'empty-cell-cr2-14'
  | 'dim-blocks-clusters-14'
  | 'tiny-outcome-14'
  | 'number-names-14'
  | 'leverage-near-one-14'
  | 'p-adjust-14'
  | 'rake-14'
  // The fifteenth trial's classes (trial15-designs.ts).
  | 'analyst-formulas-15'
  | 'analyst-dim-15'
  | 'p-adjust-15'
  | 'power-15'
  // The sixteenth trial's classes (trial16-designs.ts).
  | 'fixed-effects-16'
  | 'fe-clusters-16'
  | 'p-adjust-names-16'
  | 'power-sides-16'
  | 'untried-combinations-16'
  // The seventeenth trial's classes (trial17-designs.ts).
  | 'fe-edges-17'
  | 'fe-participants-17'
  | 'fe-random-17'
  | 'analyst-arms-17'
  // The eighteenth trial's classes (trial18-designs.ts).
  | 'fe-transformed-18'
  | 'fe-singletons-18'
  | 'extreme-factors-18'
  | 'factor-na-numeric-18'
  | 'analyst-terms-18'
  | 'dim-four-arms-18'
  | 'p-adjust-18'
  | 'power-18'
  // The nineteenth trial's classes (trial19-designs.ts).
  | 'p-adjust-n-19'
  // The twentieth trial's classes (trial20-designs.ts).
  | 'weights-zero-tiny-cr2-20'
  | 'factor-by-transform-20'
  | 'no-intercept-factors-20'
  | 'dim-arms-blocks-20'
  | 'rake-20'
  | 'trial20-random'
  | 'three-way-22'
  | 'fe-weights-clusters-22'
  | 'one-level-after-na-22'
  | 'coding-22'
  | 'singleton-clusters-22'
  | 'rake-22'
  | 'whole-column-terms-22'
  | 'power-unequal-22'
  | 'trial22-random'
  // R trial 22's leftovers: rank() and the base functions analysts type, with missing values (trial23-designs.ts).
  | 'rank-23'
  | 'analyst-functions-na-23'
  | 'trial23-random'
  // The twenty-fourth trial's classes (trial24-designs.ts).
  | 'whole-column-24'
  | 'number-like-levels-24'
  | 'cluster-constant-24'
  | 'huge-integer-outcome-24'
  | 'analyst-math-24'
  | 'analyst-text-24'
  | 'rake-case-24'
  // The twenty-fifth trial's classes (trial25-designs.ts).
  | 'moderation-25'
  | 'dim-blocks-clusters-25'
  | 'alpha-25'
  | 'gamma-row-25'
  // The twenty-seventh trial's classes (trial27-designs.ts).
  | 'unused-levels-27'
  | 'outcome-transforms-27'
  | 'cluster-na-27'
  | 'fe-two-27'
  | 'p-adjust-27'
  | 'trial27-random'
  // The twenty-eighth trial's classes (trial28-designs.ts).
  | 'far-tails-28'
  | 'fe-weights-clusters-28'
  | 'rake-28'
  | 'p-adjust-28'
  | 'power-28'
  | 'formula-corners-28'
  | 'subset-28'
  // The twenty-ninth trial's classes (trial29-designs.ts).
  | 'fe-singletons-29'
  | 'factor-numeric-29'
  | 'transform-interactions-29'
  | 'alpha-df-29'
  | 'dim-29'
  | 'rake-29'
  | 'p-adjust-29'
  | 'power-29'
  | 'as-numeric-text-29'
  | 'cregg-empty-clusters-29'
  // The thirtieth trial's classes (trial30-designs.ts).
  | 'power-prop-30'
  | 'dim-unbalanced-30'
  | 'scales-30'
  | 'collinear-weights-30'
  | 'fe-nesting-30'
  | 'cr2-weights-singletons-30'
  | 'alpha-extremes-30'
  | 'formula-algebra-30'
  | 'p-adjust-30'
  | 'rake-30'
  | 'trial30-random'
  // The thirty-first trial's classes (trial31-designs.ts).
  | 'weights-spread-31'
  | 'dim-small-blocks-31'
  | 'cr2-one-huge-cluster-31'
  | 'empty-cells-31'
  | 'number-like-levels-31'
  | 'logical-outcomes-31'
  | 'long-formulas-31'
  | 'p-adjust-31'
  | 'power-31'
  | 'power-prop-equal-31'
  | 'rake-many-31'
  | 'trial31-random'
  // The thirty-second trial's classes (trial32-designs.ts).
  | 'near-collinear-32'
  | 'huge-offset-32'
  | 'unbalanced-32'
  | 'fe-moderation-32'
  | 'unused-levels-32'
  | 'zero-weight-levels-32'
  | 'poly-high-32'
  | 'cregg-moderation-32'
  | 'p-adjust-32'
  | 'power-32'
  | 'trial32-random'
  // The thirty-third trial's classes (trial33-designs.ts).
  | 'dim-design-33'
  | 'moderation-centring-33'
  | 'level-case-33'
  | 'missing-roles-33'
  | 'fe-se-33'
  | 'rake-moderation-33'
  | 'weighted-cr2-near-33'
  | 'p-adjust-33'
  | 'trial33-random'
  // The thirty-fourth trial's classes (trial34-designs.ts).
  | 'rake-cregg-34'
  | 'fe-transform-34'
  | 'weights-zero-cr2-34'
  | 'cr2-few-34'
  | 'dim-multi-arm-34'
  | 'p-adjust-34'
  | 'power-34'
  | 'power-prop-34'
  | 'power-h-34'
  | 'trial34-random'
  // The thirty-fifth trial's classes (trial35-designs.ts).
  | 'ordered-fe-35'
  | 'rake-fe-35'
  | 'cluster-rows-35'
  | 'tiny-n-35'
  | 'equal-weights-fe-35'
  | 'missing-all-35'
  | 'fe-together-35'
  | 'dim-35'
  | 'p-adjust-35'
  | 'trial35-random'
  // The thirty-sixth trial's classes (trial36-designs.ts).
  | 'zero-weights-clusters-36'
  | 'mixed-clusters-cr2-36'
  | 'factor-numeric-fe-cr2-36'
  | 'subset-empty-level-36'
  | 'character-outcome-36'
  | 'weights-scaled-36'
  | 'rake-absent-36'
  | 'dim-tiny-arm-36'
  | 'p-adjust-36'
  | 'power-edges-36'
  | 'fe-two-together-36'
  | 'trial36-random'
  // The thirty-seventh trial's classes (trial37-designs.ts).
  | 'all-roles-37'
  | 'empty-cell-terms-37'
  | 'unicode-levels-37'
  | 'dim-all-roles-37'
  | 'rake-many-levels-37'
  | 'p-adjust-37'
  | 'power-37'
  | 'trial37-random'
  // The thirty-eighth trial's classes (trial38-designs.ts).
  | 'na-roles-38'
  | 'collinear-38'
  | 'declared-levels-38'
  | 'stata-singleton-38'
  | 'dim-blocks-38'
  | 'p-adjust-38'
  | 'power-38'
  | 'trial38-random'
  // The thirty-ninth trial's classes (trial39-designs.ts).
  | 'weights-1e18-39'
  | 'clusters-in-fe-39'
  | 'constant-arm-39'
  | 'scales-fe-39'
  | 'dim-arms-39'
  | 'p-adjust-39'
  | 'rake-39'
  | 'trial39-random'
  // The fortieth trial's classes (trial40-designs.ts).
  | 'factorial-40'
  | 'factorial-moderators-40'
  | 'few-clusters-40'
  | 'frequency-weights-40'
  | 'likert-outcome-40'
  | 'analyst-idioms-40'
  | 'dim-factorial-40'
  | 'power-40'
  | 'trial40-random'
  // The forty-first trial's classes (trial41-designs.ts).
  | 'weights-zero-clusters-41'
  | 'fe-singleton-clusters-41'
  | 'factor-numeric-cells-41'
  | 'analyst-formulas-41'
  | 'dim-blocks-clusters-41'
  | 'p-adjust-41'
  | 'power-41'
  | 'trial41-random'
  | 'weights-fe-clusters-42'
  | 'alpha-42'
  | 'trial42-random'
  // The forty-third trial's classes (trial43-designs.ts).
  | 'factor-numeric-na-43'
  | 'subset-weights-clusters-43'
  | 'cr2-mixed-sizes-43'
  | 'hc3-near-leverage-43'
  | 'dim-blocks-clusters-43'
  | 'p-adjust-43'
  | 'power-43'
  | 'rake-43'
  | 'trial43-random';

interface CaseBase {
  id: string;
  group: CaseGroup;
  /** What R does that is worth knowing when the case fails. */
  note?: string;
  /**
   * Where R returns a number that means nothing (a variance that is 0 by construction: one cluster, one cluster per
   * arm; its SE is roundoff or NA) and vlab refuses in words: the words vlab's error must contain. The test checks
   * that R's SEs are indeed NA or roundoff.
   */
  refusal?: string;
  /**
   * Where R returns numbers vlab judges wrong or decided by a rounding vlab does not reproduce (estimatr's df and SEs
   * with nested fixed effects; which of two levels collinear with the fixed effects together its pivot leaves out) and
   * vlab refuses in words: the words of vlab's error. `note` says why.
   */
  declined?: string;
}

export interface FitCase extends CaseBase {
  kind: 'fit';
  /**
   * Terms fitted within single clusters (R trial 38: a level found in one cluster only), whose clustered SE is 0 by
   * construction: R prints NaN or rounding noise, vlab NA (and df NA under CR2) with a warning. The test compares their
   * estimates and checks R's SE is NaN or noise; the other terms as usual.
   */
  zero_by_construction?: string[];
  data: string;
  formula: string;
  se_type: SeType;
  clusters?: string;
  weights?: string;
  levels?: Record<string, string[]>;
  alpha: number;
  /** estimatr's fixed_effects (`~ g`, `~ g1 + g2`): lmRobust's fixedEffects. */
  fixed_effects?: string;
  /** estimatr's subset (an R condition over the columns), R's `subset = …` in the call: lmRobust's subset. */
  subset?: string;
  /**
   * R fits the outcome less this value (`I(y - 1e9) ~ …`, exact for an outcome near it) and adds it back to the
   * intercept's estimate and interval (its t and p from those): estimatr's fit of y itself loses digits there, and
   * vlab's (which fits y less its first value) keeps them. Only with an intercept.
   */
  outcome_shift?: number;
  /**
   * Nearly collinear columns, where estimatr's SEs (not its estimates) lose digits: R's reference is the fit on the
   * orthonormal Q of X = QR mapped back (q-reference.R), and the test compares vlab with it. `note` says why.
   */
  q_reference?: true;
  /**
   * Weights raked to these margins (shares per level) first, from `weights` as base weights or from 1, then the fit with
   * them (R trial 33): R's survey::rake then lm_robust(weights = the raked weights); vlab's rake() then lmRobust.
   */
  rake_margins?: Record<string, Record<string, number>>;
  /**
   * Fixed effects under HC2, HC3 or CR2 (R trial 33): besides estimatr, an independent reference with the fixed effects
   * as dummies, sandwich::vcovHC or clubSandwich::coef_test on lm (fe-reference.R); vlab must agree with both.
   */
  fe_reference?: true;
}

export interface DimCase extends CaseBase {
  kind: 'dim';
  data: string;
  outcome: string;
  treatment: string;
  blocks?: string;
  clusters?: string;
  weights?: string;
  levels?: Record<string, string[]>;
  /** estimatr's condition1 (control) and condition2 (treatment): the two values of a multi-arm treatment compared. */
  condition1?: string;
  condition2?: string;
  /**
   * R keeps only the rows of condition1 and condition2 before difference_in_means (what the two arguments mean):
   * estimatr 1.0.0 stops on blocks and clusters with a third arm in the data (its check_clusters_blocks:
   * `missing value where TRUE/FALSE needed`), and gives the subset's numbers with the third arm left out.
   */
  subset_conditions?: true;
  /** estimatr's subset (an R condition over the columns), R's `subset = …` in the call: differenceInMeans's subset. */
  subset?: string;
  /**
   * R computes on the outcome less this value (exact for an outcome near it: 1e9 or 1e12 plus a unit-scale noise), which
   * moves neither a difference nor its SE: on the outcome itself estimatr's weighted means lose digits (R trial 32).
   */
  outcome_shift?: number;
  alpha: number;
}

export interface PAdjustCase extends CaseBase {
  kind: 'p_adjust';
  p: (number | null)[];
  /** A method or an abbreviation R's match.arg reads ("bonf"), or one it refuses ("B"). */
  method: PAdjustMethodName;
  /** R's n: the size of the family adjusted for (at least the number of p-values present); R's default when absent. */
  n?: number;
}

/**
 * power.t.test with exactly one of effect, n and power left out (`solve`); with `n2`, pwr::pwr.t2n.test of two arms of
 * n and n2 (d = effect / sd; `n2: 'solve'` and `solve: 'n2'` solve the second arm for a given first).
 */
export interface PowerCase extends CaseBase {
  kind: 'power';
  solve: 'power' | 'n' | 'n2' | 'effect';
  effect?: number;
  sd: number;
  n?: number;
  n2?: number | 'solve';
  power?: number;
  alpha: number;
  /** power.t.test's strict; left out, R's default (FALSE), or with n2 pwr.t2n.test's both regions (R trial 29). */
  strict?: boolean;
  /** power.t.test's type and alternative (default two.sample, two.sided). */
  type?: PowerType;
  alternative?: PowerAlternative;
}

/**
 * stats::power.prop.test (vlab's powerPropTest) with exactly one of n, p1, p2 and power left out (`solve`); R is called
 * with tol = 1e-12 (its default uniroot tolerance, 1.2e-4, is far above the reference tolerance).
 */
export interface PowerPropCase extends CaseBase {
  kind: 'power_prop';
  solve: 'power' | 'n' | 'p1' | 'p2';
  n?: number;
  p1?: number;
  p2?: number;
  power?: number;
  alpha: number;
  /** power.prop.test's strict and alternative (R's defaults FALSE and two.sided when left out). */
  strict?: boolean;
  alternative?: PowerAlternative;
}

/**
 * pwr::pwr.2p.test (equal groups) or pwr.2p2n.test (`n2`), vlab's powerCohenH (R trial 34), with exactly one of h, n (or
 * n2: 'solve') and power left out (`solve`); a solved quantity refined by uniroot(tol = 1e-13) on pwr's own power.
 */
export interface PowerHCase extends CaseBase {
  kind: 'power_h';
  solve: 'power' | 'n' | 'n2' | 'h';
  h?: number;
  n?: number;
  n2?: number | 'solve';
  power?: number;
  alpha: number;
  /** pwr's alternative (default two.sided). */
  alternative?: 'two.sided' | 'less' | 'greater';
}

/** survey::rake on the data's columns; margins as shares or counts per level, optional base weights. */
export interface RakeCase extends CaseBase {
  kind: 'rake';
  data: string;
  margins: Record<string, Record<string, number>>;
  base_weights?: string;
  /**
   * Margins no weights can meet, where survey::rake returns weights anyway (they meet the last margin and miss an
   * earlier one: its convergence test compares one pass with the next): vlab refuses, and the test checks that R's
   * weights do miss a margin.
   */
  unreachable?: true;
}

export type Case = FitCase | DimCase | PAdjustCase | PowerCase | PowerPropCase | PowerHCase | RakeCase;

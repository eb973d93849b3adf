import { AnalysisError } from '../errors.ts';
import { checkAlpha } from '../helpers/alpha.ts';
import type { Levels, Row } from '../helpers/data.ts';
import type { DataTable } from '../helpers/data-table.ts';
import { resolveSeType, type SeType } from '../helpers/se-type.ts';
import type { TidyRow } from '../helpers/tidy.ts';
import { amceDesign, keptInOrder, type AmceDesign, type FeaturePairs } from './amce-design.ts';
import { fitColumns } from './fit.ts';
import { conjointFormula } from './formula.ts';
import { asTable, profileData, subsetProfiles, type Profiles } from './profiles.ts';
import { fromTidy, referenceRow, withBy, type ConjointEstimate, type ConjointResult } from './result.ts';
import { ConjointWarnings, type ConjointLabels } from './warnings.ts';
import { refuseUnknownOptions, type OptionNames } from '../helpers/option-names.ts';

export interface ConjointOptions {
  /** `outcome ~ a + b * c + …`: features are factors; `a * b` marks a two-way design constraint (cregg's syntax). */
  formula: string;
  /** Profile rows (one per respondent × task × profile), as records or a table. */
  rows: readonly Row[] | DataTable;
  /** Respondent column: standard errors are clustered by it. Required (cregg's default ~0, every row its own cluster, is a column of row numbers). */
  id: string;
  /** Weight column (non-negative). */
  weights?: string;
  /** Level orders, first = reference; otherwise code-point order of the values. */
  levels?: Levels;
  /** Intervals are 1 − alpha (default 0.05), two-sided. */
  alpha?: number;
  /** Labels of features and levels, and of the `by` column's groups, for the warnings' words (codes otherwise); the estimates keep the codes. */
  labels?: ConjointLabels;
}

export interface AmceOptions extends ConjointOptions {
  /** CR2 (default, t tests with Bell–McCaffrey df), or cregg (survey::svyglm's, z tests), CR0, stata. */
  seType?: SeType;
  /**
   * AMCEs within each group of this column (cregg's `cj(..., estimate = "amce", by = ~col)`), rows carrying `BY`:
   * a respondent subgroup, or `task` / the profile's side for the carryover and profile-order diagnostics.
   */
  by?: string;
}

const FN = 'amce';

const AMCE_OPTIONS = { formula: true, rows: true, id: true, weights: true, levels: true, alpha: true, labels: true, seType: true, by: true } satisfies OptionNames<AmceOptions>;

/**
 * Average marginal component effects (Hainmueller, Hopkins & Yamamoto 2014) as `cregg::amce` estimates them: one
 * regression of the outcome on every feature, clustered by respondent. For a constraint `a * b` the model holds
 * the a × b interaction and the AMCE of level i of a is β_ai + (1/m)·Σ_j β_ai:bj over the pairs R can estimate
 * (m = 1 + their number: the reference level of b counts through β_ai alone), with the same for b over a; its
 * standard error and df come from refitting with the pair columns shifted so that this average is one coefficient
 * (x_pair − x_ai/m), which gives w'Vw and, for CR2, the df of that contrast.
 * With `seType: 'cregg'` estimates, standard errors, z and p equal cregg's to 1e-6; intervals are two-sided
 * 1 − alpha on every row (cregg's constrained rows use qnorm(1 − alpha): docs/analysis.md).
 *
 * @example
 * amce({ formula: 'chosen ~ regime + behaviour * troops', rows, id: 'respondent' }).estimates
 * // like amce(d, chosen ~ regime + behaviour * troops, id = ~respondent), with CR2 standard errors
 */
export function amce(options: AmceOptions): ConjointResult {
  refuseUnknownOptions(FN, options, AMCE_OPTIONS);
  const alpha = checkAlpha(FN, options.alpha);
  const seType = resolveSeType(FN, options.seType, true);
  const table = asTable(options.rows);
  const formula = conjointFormula(FN, options.formula, table.names);
  const profiles = profileData(FN, table, { outcome: formula.outcome, features: formula.features, id: options.id, weights: options.weights, by: options.by, levels: options.levels });
  for (const factor of profiles.features) {
    if (factor.levels.length < 2) throw new AnalysisError(FN, `feature "${factor.name}" shows one level ("${factor.levels[0]}") among the complete rows; an AMCE needs two`);
  }
  const index = (name: string): number => formula.features.indexOf(name);
  const constraints = formula.constraints.map(([a, b]) => [index(a), index(b)] as const);
  const estimates: ConjointEstimate[] = [];
  const warnings = new ConjointWarnings(FN, options.labels, options.by);
  warnings.addUnseen(profiles.features, options.levels);
  if (!profiles.by) estimates.push(...amceRows(profiles, constraints, formula.outcome, undefined, seType, alpha, warnings));
  profiles.by?.levels.forEach((group, g) => {
    const rows = Int32Array.from(Array.from(profiles.by!.codes).flatMap((code, i) => (code === g ? [i] : [])));
    const subset = subsetProfiles(profiles, rows, profiles.designRespondentsByGroup?.get(group));
    for (const factor of subset.features) {
      if (factor.levels.length < 2) throw new AnalysisError(FN, `feature "${factor.name}" shows one level ("${factor.levels[0]}") in group "${group}" of "${options.by}"; an AMCE needs two`);
    }
    estimates.push(...amceRows(subset, constraints, formula.outcome, group, seType, alpha, warnings));
  });
  return { estimates, nobs: profiles.n, nDropped: profiles.nDropped, nRespondents: profiles.nRespondents, seType, warnings: warnings.list() };
}

/** The AMCE rows of one sample (all profiles, or one group of `by`). */
function amceRows(
  profiles: Profiles,
  constraints: FeaturePairs,
  outcome: string,
  by: string | undefined,
  seType: SeType,
  alpha: number,
  warnings: ConjointWarnings,
): ConjointEstimate[] {
  const design = amceDesign(profiles, constraints);
  const kept = keptInOrder(design, profiles);
  if (!kept[0]) throw new AnalysisError(FN, `no row${by === undefined ? '' : ` of group "${by}"`} has a positive weight`);

  // Fit 1 makes every first feature of a constraint an average coefficient, fit 2 every second one; unconstrained
  // features come from fit 1, where their columns are untouched.
  const sides = [0, 1].slice(0, constraints.length > 0 ? 2 : 1).map((side) => {
    const averages = new Map<number, Map<number, number>>();
    constraints.forEach((pair, c) => {
      const [f, other] = [pair[side], pair[1 - side]];
      for (let level = 1; level < profiles.features[f].levels.length; level++) {
        const pairs: number[] = [];
        for (let o = 1; o < profiles.features[other].levels.length; o++) {
          const column = side === 0 ? design.pair(c, level, o) : design.pair(c, o, level);
          if (kept[column]) pairs.push(column);
        }
        averages.set(design.main(f, level), new Map(pairs.map((column) => [column, 1 / (pairs.length + 1)])));
      }
    });
    const fitted = fitAveraged(profiles, design, kept, averages, seType, alpha);
    warnings.addFit(fitted.warnings, by);
    return fitted.rows;
  });

  const estimates: ConjointEstimate[] = [];
  profiles.features.forEach((factor, f) => {
    const constraint = constraints.findIndex((pair) => pair.includes(f));
    const fitted = constraint < 0 ? sides[0] : sides[constraints[constraint].indexOf(f)];
    factor.levels.forEach((level, k) => {
      const head = withBy(by, { outcome, statistic: 'amce', feature: factor.name, level });
      const row = k === 0 ? referenceRow(head) : fromTidy(head, fitted.get(design.main(f, k)) ?? aliased);
      warnings.addMissing(row, 'its indicator is aliased (the profiles never show it apart from other levels), as R leaves its coefficient NA');
      estimates.push(row);
    });
  });
  return estimates;
}

const aliased: TidyRow = { term: '', estimate: null, std_error: null, statistic: null, p_value: null, conf_low: null, conf_high: null, df: null, outcome: '' };

/**
 * Fits the kept columns, each column in `averages`' inner maps shifted by −weight × its main column, and returns
 * the tidy row of every kept column by its design index.
 */
function fitAveraged(
  profiles: Profiles,
  design: AmceDesign,
  kept: boolean[],
  averages: Map<number, Map<number, number>>,
  seType: SeType,
  alpha: number,
): { rows: Map<number, TidyRow>; warnings: string[] } {
  const used = kept.flatMap((keep, j) => (keep && j > 0 ? [j] : []));
  const position = new Map(used.map((j, k) => [j, k]));
  const columns = used.map(() => new Float64Array(profiles.n));
  for (let row = 0; row < profiles.n; row++) {
    for (const j of design.active(row)) {
      const k = position.get(j);
      if (k !== undefined) columns[k][row] = 1;
    }
  }
  for (const [main, pairs] of averages) {
    const k = position.get(main);
    // A main column R leaves aliased has no coefficient to average into: its row is NA.
    if (k === undefined) continue;
    const source = columns[k];
    for (const [column, weight] of pairs) {
      const target = columns[position.get(column)!];
      for (let row = 0; row < profiles.n; row++) target[row] -= weight * source[row];
    }
  }
  const fit = fitColumns(profiles, { columns, intercept: true, seType, alpha });
  // estimates[0] is the intercept; x1 … are `used` in order.
  return { rows: new Map(used.map((j, k) => [j, fit.estimates[k + 1]])), warnings: fit.warnings };
}


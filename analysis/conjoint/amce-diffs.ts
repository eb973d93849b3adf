import { AnalysisError } from '../errors.ts';
import { checkAlpha } from '../helpers/alpha.ts';
import { completeRows } from '../helpers/data-table.ts';
import { normalQuantile, normalTwoSidedP } from '../helpers/distributions.ts';
import { resolveSeType, type SeType } from '../helpers/se-type.ts';
import { lmRobust } from '../lm-robust.ts';
import type { ConjointOptions } from './amce.ts';
import { conjointFormula } from './formula.ts';
import { asTable, profileData } from './profiles.ts';
import { fromTidy, type ConjointEstimate, type ConjointResult } from './result.ts';
import { ConjointWarnings } from './warnings.ts';
import { refuseUnknownOptions, type OptionNames } from '../helpers/option-names.ts';

export interface AmceDiffsOptions extends ConjointOptions {
  /** Subgroup column; each later group's AMCEs minus the first's (levels order, else sorted). */
  by: string;
  /** CR2 (default: t tests, Bell–McCaffrey df), or cregg (sandwich::vcovCL on a glm, z tests: cregg's), CR0, stata. */
  seType?: SeType;
}

const FN = 'amce_diffs';

const AMCE_DIFFS_OPTIONS = { formula: true, rows: true, id: true, weights: true, levels: true, alpha: true, labels: true, by: true, seType: true } satisfies OptionNames<AmceDiffsOptions>;

/**
 * Differences in AMCEs between subgroups, as `cregg::amce_diffs`: one model `outcome ~ (features) * by`,
 * clustered by respondent; the difference for level l of feature f and group g is the interaction coefficient
 * f_l:by_g (the group's AMCE minus the first group's, relative to f's reference level, not a difference in
 * preferences: see mmDiffs). Rows carry `BY` = "group - first". Like cregg, unconstrained designs only.
 * With `seType: 'cregg'` the numbers are cregg's (its vcovCL on a glm is G/(G − 1)·CR0, with z tests); `stata`
 * also gets z tests here. cregg ignores `id` when given weights (svydesign(ids = ~0)); we always cluster.
 *
 * @example amceDiffs({ formula: 'chosen ~ regime + troops', rows, id: 'respondent', by: 'party' }).estimates[0].BY // "rep - dem"
 */
export function amceDiffs(options: AmceDiffsOptions): ConjointResult {
  refuseUnknownOptions(FN, options, AMCE_DIFFS_OPTIONS);
  const alpha = checkAlpha(FN, options.alpha);
  const seType = resolveSeType(FN, options.seType, true);
  const table = asTable(options.rows);
  const formula = conjointFormula(FN, options.formula, table.names);
  if (formula.constraints.length > 0) throw new AnalysisError(FN, 'constrained designs ("a * b") are not supported, as in cregg: estimate within subsets of the constraint');
  if (typeof options.by !== 'string') throw new AnalysisError(FN, 'by (the subgroup column) is required');
  if (formula.features.includes(options.by)) throw new AnalysisError(FN, `"${options.by}" is both a feature and the subgroup column`);
  const profiles = profileData(FN, table, { outcome: formula.outcome, features: formula.features, id: options.id, weights: options.weights, by: options.by, levels: options.levels });
  const groups = profiles.by!.levels;
  if (groups.length < 2) throw new AnalysisError(FN, `"${options.by}" has one group (${groups[0]}) among the complete rows; differences need two`);
  const levels = Object.fromEntries([...profiles.features, profiles.by!].map((factor) => [factor.name, factor.levels]));
  // The complete rows only, as cregg::amce_diffs' glm and vcovCL see them: its G/(G − 1) counts the respondents left,
  // where lmRobust's cregg type (a survey design) would count one whose rows all went too (R trial 29).
  const used = [formula.outcome, ...formula.features, options.by, options.id, options.weights].filter((name): name is string => name !== undefined);
  const fit = lmRobust({
    formula: `${formula.outcome} ~ (${formula.features.join(' + ')}) * ${options.by}`,
    rows: completeRows(table, used),
    clusters: options.id,
    weights: options.weights,
    levels,
    seType,
    alpha,
  });
  const byTerm = new Map(fit.estimates.map((row) => [row.term, row]));
  const normal = seType === 'stata' || seType === 'cregg';
  const z = normalQuantile(1 - alpha / 2);
  const estimates: ConjointEstimate[] = [];
  for (const group of groups.slice(1)) {
    for (const factor of profiles.features) {
      for (const level of factor.levels.slice(1)) {
        const tidy = byTerm.get(`${factor.name}${level}:${options.by}${group}`);
        if (!tidy) throw new AnalysisError(FN, `no interaction term for ${factor.name} = "${level}" in group "${group}"`);
        const row = fromTidy({ BY: `${group} - ${groups[0]}`, outcome: formula.outcome, statistic: 'amce_difference', feature: factor.name, level }, tidy);
        if (normal && row.estimate !== null && row.std_error !== null) {
          Object.assign(row, { p: normalTwoSidedP(row.z!), lower: row.estimate - z * row.std_error, upper: row.estimate + z * row.std_error, df: null });
        }
        estimates.push(row);
      }
    }
  }
  // The fit's own warnings (an essentially perfect fit, level order), named for amce_diffs.
  const warnings = new ConjointWarnings(FN, options.labels);
  warnings.addUnseen(profiles.features, options.levels);
  warnings.addFit(fit.warnings);
  return { estimates, nobs: fit.nobs, nDropped: fit.nDropped, nRespondents: profiles.nRespondents, seType, warnings: warnings.list() };
}

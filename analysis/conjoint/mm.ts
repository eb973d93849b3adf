import { AnalysisError } from '../errors.ts';
import { checkAlpha } from '../helpers/alpha.ts';
import { normalTwoSidedP, studentTwoSidedP } from '../helpers/distributions.ts';
import { compareCodePoints, compareNumericLabels } from '../helpers/level-order.ts';
import { resolveSeType, type SeType } from '../helpers/se-type.ts';
import { tidyRow } from '../helpers/tidy.ts';
import { isPerfectFitWarning } from '../lm-robust.ts';
import type { ConjointOptions } from './amce.ts';
import { fitColumns } from './fit.ts';
import { exactMean } from './exact-mean.ts';
import { conjointFormula } from './formula.ts';
import { asTable, profileData, type Profiles } from './profiles.ts';
import { fromTidy, withBy, type ConjointEstimate, type ConjointResult } from './result.ts';
import { ConjointWarnings } from './warnings.ts';
import { refuseUnknownOptions, type OptionNames } from '../helpers/option-names.ts';

export interface MmOptions extends ConjointOptions {
  /** Respondent-level column: marginal means within each of its groups (cregg's `cj(..., by = ~col)`). */
  by?: string;
  /** Null value of the z tests (0.5 for a forced choice between two profiles); default 0, as cregg. */
  h0?: number;
  /** cregg (default: survey's linearization, z tests, as cregg::mm), or CR2, CR0, stata. */
  seType?: SeType;
}

const FN = 'mm';

const MM_OPTIONS = { formula: true, rows: true, id: true, weights: true, levels: true, alpha: true, labels: true, by: true, h0: true, seType: true } satisfies OptionNames<MmOptions>;

/**
 * Marginal means as `cregg::mm` computes them: for each feature, the mean outcome of the profiles showing each
 * level (`outcome ~ 0 + level`, clustered by respondent; survey::svymean's linearization with the `cregg` se
 * type). Each feature uses the rows where it, the outcome, id and weight are present, as cregg's long reshape
 * does. A constraint `a * b` in the formula changes nothing here (as in cregg). With `by`, the means are
 * estimated separately within each group (rows carry `BY`).
 *
 * @example
 * mm({ formula: 'chosen ~ regime + troops', rows, id: 'respondent', h0: 0.5 }).estimates
 * // like mm(d, chosen ~ regime + troops, id = ~respondent, h0 = 0.5)
 */
export function mm(options: MmOptions): ConjointResult {
  refuseUnknownOptions(FN, options, MM_OPTIONS);
  return marginalMeans(FN, options);
}

/** mm, and the groups' order and rows for mm_diffs. */
export function marginalMeans(fn: string, options: MmOptions): ConjointResult & { groups: string[] } {
  const alpha = checkAlpha(fn, options.alpha);
  const seType = resolveSeType(fn, options.seType ?? 'cregg', true);
  const h0 = options.h0 ?? 0;
  if (!Number.isFinite(h0)) throw new AnalysisError(fn, `h0 must be a number (got ${options.h0})`);
  const table = asTable(options.rows);
  const formula = conjointFormula(fn, options.formula, table.names);
  const estimates: ConjointEstimate[] = [];
  const warnings = new ConjointWarnings(fn, options.labels, options.by);
  let used: Profiles | undefined;
  let groups: string[] = [];
  const perFeature = formula.features.map((feature) => {
    const profiles = profileData(fn, table, { outcome: formula.outcome, features: [feature], id: options.id, weights: options.weights, by: options.by, levels: options.levels });
    if (!used || profiles.n > used.n) used = profiles;
    warnings.addUnseen(profiles.features, options.levels);
    return profiles;
  });
  if (options.by !== undefined) groups = [...new Set(perFeature.flatMap((p) => p.by!.levels))];
  const declaredBy = options.by === undefined ? undefined : options.levels?.[options.by];
  if (declaredBy) groups = declaredBy.filter((level) => groups.includes(level));
  else groups.sort(perFeature[0].by?.numeric ? compareNumericLabels : compareCodePoints);

  for (const group of options.by === undefined ? [undefined] : groups) {
    perFeature.forEach((profiles) => {
      const factor = profiles.features[0];
      let rows: Int32Array | undefined;
      if (group !== undefined) {
        const code = profiles.by!.levels.indexOf(group);
        rows = Int32Array.from(Array.from(profiles.by!.codes).flatMap((c, i) => (c === code ? [i] : [])));
        if (rows.length === 0) return;
      }
      const columns = factor.levels.map((_, k) => Float64Array.from(factor.codes, (c) => (c === k ? 1 : 0)));
      const designRespondents = group === undefined ? undefined : profiles.designRespondentsByGroup?.get(group);
      const fit = fitColumns(profiles, { columns, intercept: false, seType, alpha, rows, designRespondents });
      // A perfect fit of y ~ 0 + levels is every level's outcome alike: exactMean gives those means and their SE
      // of 0 exactly, so lmRobust's warning that the SEs are rounding noise does not apply to these rows.
      warnings.addFit(fit.warnings.filter((w) => !isPerfectFitWarning(w)), group);
      factor.levels.forEach((level, k) => {
        const fitted = fit.estimates[k];
        const constant = fitted.estimate === null ? undefined : exactMean(profiles, k, rows);
        const tidy = constant === undefined ? fitted : tidyRow(fitted.term, fitted.outcome, constant, 0, fitted.df, alpha);
        const row = fromTidy(withBy(group, { outcome: formula.outcome, statistic: 'mm', feature: factor.name, level }), tidy);
        if (h0 !== 0 && row.estimate !== null && row.std_error !== null) {
          row.z = (row.estimate - h0) / row.std_error;
          row.p = row.df === null ? normalTwoSidedP(row.z) : studentTwoSidedP(row.z, row.df);
        }
        warnings.addMissing(row, 'no profile with a positive weight shows it there, as R leaves its coefficient NA');
        estimates.push(row);
      });
    });
  }
  const all = used!;
  return { estimates, nobs: all.n, nDropped: all.nDropped, nRespondents: all.nRespondents, seType, groups, warnings: warnings.list() };
}

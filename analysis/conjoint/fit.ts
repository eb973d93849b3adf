import type { DataTable } from '../helpers/data-table.ts';
import type { SeType } from '../helpers/se-type.ts';
import { lmRobust, type LmRobustResult } from '../lm-robust.ts';
import type { Profiles } from './profiles.ts';

export interface ColumnsFit {
  /** Design columns (indicators of levels and level pairs), each of length n. */
  columns: readonly Float64Array[];
  intercept: boolean;
  seType: SeType;
  alpha: number;
  /** Rows of `profiles` to use (a subgroup), or all. */
  rows?: Int32Array;
  /** cregg's design respondents of those rows' group (profiles.designRespondentsByGroup); all rows: the profiles'. */
  designRespondents?: number;
}

/**
 * lm_robust of the outcome on ready-made design columns, clustered by respondent: the one place the conjoint
 * estimators fit. Columns go in as numeric variables `x1 … xp` (so level labels never meet formula syntax); the
 * result's terms are those names, in order.
 */
export function fitColumns(profiles: Profiles, fit: ColumnsFit): LmRobustResult {
  const { rows } = fit;
  // cregg's design counts respondents without a complete profile among its clusters (svyglm drops their rows from
  // the design, keeping the clusters: R trial 39): each gets one row with a missing outcome, which lmRobust's cregg
  // type counts in P/(P − 1) and the fit leaves out, as svyglm does.
  const design = fit.designRespondents ?? (rows ? undefined : profiles.designRespondents);
  const present = rows ? new Set(Array.from(rows, (i) => profiles.respondent[i])).size : profiles.nRespondents;
  const absent = fit.seType === 'cregg' && design !== undefined ? design - present : 0;
  const pick = (values: Float64Array, fill = 0): Float64Array => {
    const picked = rows ? Float64Array.from(rows, (i) => values[i]) : values;
    if (absent === 0) return picked;
    const out = new Float64Array(picked.length + absent).fill(fill);
    out.set(picked);
    return out;
  };
  const named = new Map<string, Float64Array>();
  named.set('y', pick(profiles.outcome, NaN));
  const respondent = pick(Float64Array.from(profiles.respondent));
  const used = rows ? rows.length : profiles.n;
  // Codes no respondent has (a group's profiles keep the whole data's codes, which may exceed its count).
  for (let k = 0; k < absent; k++) respondent[used + k] = -1 - k;
  named.set('respondent', respondent);
  if (profiles.weights) named.set('w', pick(profiles.weights, 1));
  const terms = fit.columns.map((values, k) => {
    named.set(`x${k + 1}`, pick(values));
    return `x${k + 1}`;
  });
  const table: DataTable = {
    length: used + absent,
    names: [...named.keys()],
    column: (name) => {
      const values = named.get(name);
      return values && { type: 'numeric', values };
    },
  };
  return lmRobust({
    formula: `y ~ ${fit.intercept ? '' : '0 + '}${terms.join(' + ')}`,
    rows: table,
    clusters: 'respondent',
    weights: profiles.weights ? 'w' : undefined,
    seType: fit.seType,
    alpha: fit.alpha,
  });
}

// The small builders the generated designs (class-designs, trial4-designs, trial6-designs) write their data sets
// and cases with, kept once here so that every trial describes a column and a case the same way.
import type { SeType } from '../../../analysis/index.ts';
import type { CaseGroup, DimCase, FitCase } from './case-types.ts';
import type { Column, Draw } from './random-data.ts';

export const numbers = (name: string, values: (number | null)[], decimals: number): Column => ({ name, kind: 'number', decimals, values });
export const strings = (name: string, values: (string | null)[]): Column => ({ name, kind: 'string', values });

/** An lm_robust case at alpha 0.05. */
export const fit = (group: CaseGroup, id: string, data: string, formula: string, seType: SeType, extra: Partial<FitCase> = {}): FitCase => ({
  kind: 'fit', id, group, data, formula, se_type: seType, alpha: 0.05, ...extra,
});

/** A trial's table of fits: [name, formula, se type, extra options]. */
export type FitRow = [string, string, SeType, Partial<FitCase>?];

/** The fits of a table on one data set, each id `${prefix}-${name}` (R trials 33 and 34). */
export const fitRows = (group: CaseGroup, prefix: string, data: string, list: readonly FitRow[]): FitCase[] =>
  list.map(([name, formula, se, extra]) => fit(group, `${prefix}-${name}`, data, formula, se, extra));

/** A difference_in_means case of y on z at alpha 0.05. */
export const dim = (group: CaseGroup, id: string, data: string, extra: Partial<DimCase> = {}): DimCase => ({
  kind: 'dim', id, group, data, outcome: 'y', treatment: 'z', alpha: 0.05, ...extra,
});

/**
 * `count` drawn fixed-effects fits (R trials 17 and 18): an se type, weights on some (never under CR2, which estimatr
 * refuses with fixed effects), a fixed-effects formula and a formula picked in that order, clusters `cl` where the se
 * type clusters.
 */
export function drawnFixedEffectCases(draw: Draw, group: CaseGroup, prefix: string, data: string, count: number, formulas: string[], fixed: string[]): FitCase[] {
  const types: SeType[] = ['classical', 'HC0', 'HC1', 'HC2', 'HC3', 'CR0', 'stata', 'CR2'];
  return Array.from({ length: count }, (_, k) => {
    const se = draw.pick(types);
    const clustered = se.startsWith('CR') || se === 'stata';
    const weighted = se !== 'CR2' && draw.chance(0.4);
    const extra: Partial<FitCase> = { fixed_effects: draw.pick(fixed), ...(clustered ? { clusters: 'cl' } : {}), ...(weighted ? { weights: 'w' } : {}) };
    return fit(group, `${prefix}-${k}`, data, draw.pick(formulas), se, extra);
  });
}

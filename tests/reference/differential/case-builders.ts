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

/** What a trial's drawn fits pick from (R trials 35 and 36): the same draws in the same order, other columns. */
export interface DrawnFitPools {
  outcomes: readonly string[];
  terms: readonly string[];
  weights: readonly (string | undefined)[];
  types: readonly SeType[];
  clusterings: readonly string[];
  fixedEffects: readonly string[];
  subsets: readonly string[];
}

/**
 * `count` drawn fits: an outcome, two to four terms, weights, an se type with clusters where it clusters, fixed effects
 * on some (never with weighted CR2, which estimatr refuses, nor with cregg), a subset on some (never with cregg). `id`
 * names fit k, `extra` adds to it (a declined fit's words).
 */
export function drawnFits(draw: Draw, count: number, group: CaseGroup, id: (k: number) => string, data: string, pools: DrawnFitPools, extra: (k: number) => Partial<FitCase> = () => ({})): FitCase[] {
  return Array.from({ length: count }, (_, k) => {
    const outcome = draw.pick(pools.outcomes);
    const rhs = draw.shuffle(pools.terms).slice(0, 2 + draw.int(3)).join(' + ');
    const se = draw.pick(pools.types);
    const w = draw.pick(pools.weights);
    const clustered = se.startsWith('CR') || se === 'stata' || se === 'cregg';
    const clusters = draw.pick(pools.clusterings);
    const fe = se !== 'cregg' && !(se === 'CR2' && w) && draw.chance(0.3) ? draw.pick(pools.fixedEffects) : undefined;
    const subset = se !== 'cregg' && draw.chance(0.3) ? draw.pick(pools.subsets) : undefined;
    const options: Partial<FitCase> = { ...(w ? { weights: w } : {}), ...(clustered ? { clusters } : {}), ...(fe ? { fixed_effects: fe } : {}), ...(subset ? { subset } : {}) };
    return fit(group, id(k), data, `${outcome} ~ ${rhs}`, se, { ...options, ...extra(k) });
  });
}

/** What drawn fits of terms collinear with the fixed effects only together pick from (R trials 35 and 36). */
export interface TogetherPools {
  pairs: readonly string[];
  others: readonly string[];
  types: readonly SeType[];
  fixedEffects: readonly string[];
  weights: readonly (string | undefined)[];
  clusterings: readonly string[];
}

/**
 * `count` drawn fits of y on a pair collinear with the fixed effects only together and zero to two other terms, fixed
 * effects, an se type, weights on some (never with CR2, which estimatr refuses with fixed effects), clusters where the
 * se type clusters.
 */
export function drawnTogetherFits(draw: Draw, count: number, group: CaseGroup, id: (k: number) => string, data: string, pools: TogetherPools, extra: (k: number) => Partial<FitCase> = () => ({})): FitCase[] {
  return Array.from({ length: count }, (_, k) => {
    const pair = draw.pick(pools.pairs);
    const rest = draw.shuffle(pools.others).slice(0, draw.int(3));
    const se = draw.pick(pools.types);
    const fe = draw.pick(pools.fixedEffects);
    const w = se === 'CR2' ? undefined : draw.pick(pools.weights);
    const clustered = se.startsWith('CR') || se === 'stata';
    const options: Partial<FitCase> = { fixed_effects: fe, ...(w ? { weights: w } : {}), ...(clustered ? { clusters: draw.pick(pools.clusterings) } : {}) };
    return fit(group, id(k), data, `y ~ ${[pair, ...rest].join(' + ')}`, se, { ...options, ...extra(k) });
  });
}

import { AnalysisError } from '../errors.ts';
import { chiSquareUpperTail } from '../helpers/chi-square.ts';
import { unknownColumn, type Levels, type Row } from '../helpers/data.ts';
import type { Column, DataTable } from '../helpers/data-table.ts';
import { compareCodePoints, compareNumericLabels } from '../helpers/level-order.ts';
import { formatRNumber } from '../helpers/r-number.ts';
import { designChiSquare } from './freqs-design-test.ts';
import { formulaFeatures } from './probability-columns.ts';
import { asTable } from './profiles.ts';
import { refuseUnknownOptions, type OptionNames } from '../helpers/option-names.ts';

export interface FreqsOptions {
  /** `~ a + b` (an outcome on the left, if any, is ignored; `a * b` counts as a and b). */
  formula: string;
  rows: readonly Row[] | DataTable;
  /**
   * Weight column: weighted counts (cregg::cj_freqs' `weights`, survey's `svytable`), tested by survey's
   * design-based `svygofchisq`, not by Pearson's test, which would take the weights for sample sizes.
   */
  weights?: string;
  /** Respondent column: the design-based test's clusters (`svydesign(ids = ~id)`); each row its own without it. */
  id?: string;
  /** Level order: these, else the order of `probabilities`, else code-point; a declared level nobody saw counts 0. */
  levels?: Levels;
  /** Design probability of each level, per feature: `{ "regime": { "democracy": 0.5, "autocracy": 0.5 } }`. Default: uniform. */
  probabilities?: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** One level's displayed count against its design probability, with its feature's chi-square test. */
export interface LevelFrequency {
  feature: string;
  level: string;
  count: number;
  proportion: number;
  probability: number;
  expected: number;
  /**
   * Pearson's goodness-of-fit statistic of the feature, its df (levels − 1) and p; the same on its every row. With
   * weights or an id, X² of the weighted counts with svygofchisq's Satterthwaite df and scale: p = P(χ²_df > X²/scale).
   */
  chisq: number;
  df: number;
  p: number;
  /** 1 for Pearson's test; the design-based test's scale otherwise. */
  scale: number;
}

const FN = 'freqs';

const FREQS_OPTIONS = { formula: true, rows: true, weights: true, id: true, levels: true, probabilities: true } satisfies OptionNames<FreqsOptions>;

/**
 * Displayed level frequencies (as `cregg::cj_freqs` counts them: one per profile row showing the level) against
 * the design's probabilities, with Pearson's chi-square goodness-of-fit test per feature
 * (`chisq.test(counts, p = probabilities)`): a randomization check. Rows missing the feature are not counted.
 * Restrictions change the marginal probabilities, so pass the design's (the export stores them per profile).
 *
 * @example freqs({ formula: '~ regime', rows }).find((r) => r.level === 'democracy')?.p
 */
export function freqs(options: FreqsOptions): LevelFrequency[] {
  refuseUnknownOptions(FN, options, FREQS_OPTIONS);
  const table = asTable(options.rows);
  if (table.length === 0) throw new AnalysisError(FN, 'no rows of data');
  const features = formulaFeatures(options.formula);
  const weights = options.weights === undefined ? undefined : table.column(options.weights);
  if (options.weights !== undefined && weights?.type !== 'numeric') throw new AnalysisError(FN, `weights column "${options.weights}" is missing or not numeric`);
  const ids = options.id === undefined ? undefined : table.column(options.id);
  if (options.id !== undefined && !ids) throw unknownColumn(FN, 'id', options.id, table.names);
  const designBased = options.weights !== undefined || options.id !== undefined;
  const out: LevelFrequency[] = [];
  for (const quoted of features) {
    const feature = quoted.replace(/^`|`$/g, '');
    const column = table.column(feature);
    if (!column) throw unknownColumn(FN, 'formula', feature, table.names);
    const counts = new Map<string, number>();
    const given = ownEntry(options.probabilities, feature);
    for (const level of ownEntry(options.levels, feature) ?? []) counts.set(level, 0);
    for (const level of Object.keys(given ?? {})) counts.set(level, counts.get(level) ?? 0);
    const declared = counts.size > 0;
    // The design's rows: level (null where the feature is missing), weight and cluster (the row itself without an id).
    // A row missing the feature stays in the design-based test's design as outside the domain (R trial 39: survey's
    // subset(des, !is.na(feature)) keeps its row or cluster in n/(n − 1)); it is not counted.
    const counted: DesignRow[] = [];
    for (let i = 0; i < table.length; i++) {
      const label = labelOf(column, i);
      const w = weights?.type === 'numeric' ? weights.values[i] : 1;
      const cluster = ids ? labelOf(ids, i) : i;
      if (Number.isNaN(w) || cluster === null) continue;
      if (label !== null) {
        if (declared && !counts.has(label)) throw new AnalysisError(FN, `"${feature}" has the value "${label}", which is not among its declared levels or probabilities`);
        counts.set(label, (counts.get(label) ?? 0) + w);
      }
      counted.push({ label, w, cluster });
    }
    const levels = declared ? [...counts.keys()] : [...counts.keys()].sort(column.type === 'numeric' ? compareNumericLabels : compareCodePoints);
    if (levels.length < 2) throw new AnalysisError(FN, `"${feature}" shows ${levels.length} level(s); a frequency test needs two`);
    const probabilities = designProbabilities(feature, levels, given);
    const total = levels.reduce((sum, level) => sum + counts.get(level)!, 0);
    if (!(total > 0)) throw new AnalysisError(FN, `"${feature}" has no rows to count`);
    const test = designBased ? designTest(feature, levels, counted, probabilities, options.id) : pearsonTest(levels.map((level) => counts.get(level)!), probabilities);
    levels.forEach((level, k) => {
      const count = counts.get(level)!;
      out.push({ feature, level, count, proportion: count / total, probability: probabilities[k], expected: total * probabilities[k], ...test });
    });
  }
  return out;
}

function labelOf(column: Column, i: number): string | null {
  if (column.type === 'character') return column.codes[i] < 0 ? null : column.labels[column.codes[i]];
  return Number.isNaN(column.values[i]) ? null : formatRNumber(column.values[i]);
}

/** A record's own entry: a feature or level may be named `constructor` or `toString` (Object.prototype's members). */
function ownEntry<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Pearson's chisq.test(counts, p = probabilities). */
function pearsonTest(counts: number[], probabilities: number[]): { chisq: number; df: number; p: number; scale: number } {
  const total = counts.reduce((a, b) => a + b, 0);
  let chisq = 0;
  counts.forEach((count, k) => (chisq += (count - total * probabilities[k]) ** 2 / (total * probabilities[k])));
  const df = counts.length - 1;
  return { chisq, df, p: chiSquareUpperTail(chisq, df), scale: 1 };
}

/** A row of the design-based test's design: its level (null: outside the domain), weight and cluster. */
interface DesignRow {
  label: string | null;
  w: number;
  cluster: string | number;
}

/** svygofchisq on the rows showing the feature as a domain: each cluster's weighted total per level (0 outside it). */
function designTest(feature: string, levels: string[], counted: DesignRow[], probabilities: number[], id: string | undefined) {
  const index = new Map(levels.map((level, k) => [level, k]));
  const clusters = new Map<string | number, Float64Array>();
  for (const { label, w, cluster } of counted) {
    let totals = clusters.get(cluster);
    if (!totals) clusters.set(cluster, (totals = new Float64Array(levels.length)));
    if (label !== null) totals[index.get(label)!] += w;
  }
  if (clusters.size < 2) {
    throw new AnalysisError(FN, `"${feature}": the design-based test needs two or more ${id === undefined ? 'rows' : `values of "${id}"`}; there is ${clusters.size}`);
  }
  return designChiSquare([...clusters.values()], probabilities);
}

function designProbabilities(feature: string, levels: string[], given: Readonly<Record<string, number>> | undefined): number[] {
  if (!given) return levels.map(() => 1 / levels.length);
  const entries = levels.map((level) => ownEntry(given, level));
  const bad = levels.find((level, k) => !(typeof entries[k] === 'number' && entries[k] > 0));
  if (bad !== undefined) throw new AnalysisError(FN, `probability of "${feature}" = "${bad}" must be a positive number (got ${JSON.stringify(ownEntry(given, bad))})`);
  const values = entries as number[];
  const sum = values.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > 1e-6) throw new AnalysisError(FN, `probabilities of "${feature}" sum to ${sum}, not 1`);
  return values;
}

import { AnalysisError } from '../errors.ts';
import { chiSquareUpperTail } from '../helpers/chi-square.ts';
import { unknownColumn, type Levels, type Row } from '../helpers/data.ts';
import type { DataTable } from '../helpers/data-table.ts';
import { compareCodePoints, compareNumericLabels } from '../helpers/level-order.ts';
import { formatRNumber } from '../helpers/r-number.ts';
import { formulaFeatures } from './probability-columns.ts';
import { asTable } from './profiles.ts';

export interface FreqsOptions {
  /** `~ a + b` (an outcome on the left, if any, is ignored; `a * b` counts as a and b). */
  formula: string;
  rows: readonly Row[] | DataTable;
  /** Weight column: weighted counts (cregg::cj_freqs' `weights`). */
  weights?: string;
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
  /** Pearson's goodness-of-fit statistic of the feature, its df (levels − 1) and p; the same on its every row. */
  chisq: number;
  df: number;
  p: number;
}

const FN = 'freqs';

/**
 * Displayed level frequencies (as `cregg::cj_freqs` counts them: one per profile row showing the level) against
 * the design's probabilities, with Pearson's chi-square goodness-of-fit test per feature
 * (`chisq.test(counts, p = probabilities)`): a randomization check. Rows missing the feature are not counted.
 * Restrictions change the marginal probabilities, so pass the design's (the export stores them per profile).
 *
 * @example freqs({ formula: '~ regime', rows }).find((r) => r.level === 'democracy')?.p
 */
export function freqs(options: FreqsOptions): LevelFrequency[] {
  const table = asTable(options.rows);
  if (table.length === 0) throw new AnalysisError(FN, 'no rows of data');
  const features = formulaFeatures(options.formula);
  const weights = options.weights === undefined ? undefined : table.column(options.weights);
  if (options.weights !== undefined && weights?.type !== 'numeric') throw new AnalysisError(FN, `weights column "${options.weights}" is missing or not numeric`);
  const out: LevelFrequency[] = [];
  for (const quoted of features) {
    const feature = quoted.replace(/^`|`$/g, '');
    const column = table.column(feature);
    if (!column) throw unknownColumn(FN, 'formula', feature, table.names);
    const counts = new Map<string, number>();
    for (const level of options.levels?.[feature] ?? []) counts.set(level, 0);
    for (const level of Object.keys(options.probabilities?.[feature] ?? {})) counts.set(level, counts.get(level) ?? 0);
    const declared = counts.size > 0;
    for (let i = 0; i < table.length; i++) {
      const label = column.type === 'character' ? (column.codes[i] < 0 ? null : column.labels[column.codes[i]]) : Number.isNaN(column.values[i]) ? null : formatRNumber(column.values[i]);
      const w = weights?.type === 'numeric' ? weights.values[i] : 1;
      if (label === null || Number.isNaN(w)) continue;
      if (declared && !counts.has(label)) throw new AnalysisError(FN, `"${feature}" has the value "${label}", which is not among its declared levels or probabilities`);
      counts.set(label, (counts.get(label) ?? 0) + w);
    }
    const levels = declared ? [...counts.keys()] : [...counts.keys()].sort(column.type === 'numeric' ? compareNumericLabels : compareCodePoints);
    if (levels.length < 2) throw new AnalysisError(FN, `"${feature}" shows ${levels.length} level(s); a frequency test needs two`);
    const probabilities = designProbabilities(feature, levels, options.probabilities?.[feature]);
    const total = levels.reduce((sum, level) => sum + counts.get(level)!, 0);
    if (!(total > 0)) throw new AnalysisError(FN, `"${feature}" has no rows to count`);
    let chisq = 0;
    for (const [k, level] of levels.entries()) chisq += (counts.get(level)! - total * probabilities[k]) ** 2 / (total * probabilities[k]);
    const df = levels.length - 1;
    const p = chiSquareUpperTail(chisq, df);
    levels.forEach((level, k) => {
      const count = counts.get(level)!;
      out.push({ feature, level, count, proportion: count / total, probability: probabilities[k], expected: total * probabilities[k], chisq, df, p });
    });
  }
  return out;
}

function designProbabilities(feature: string, levels: string[], given: Readonly<Record<string, number>> | undefined): number[] {
  if (!given) return levels.map(() => 1 / levels.length);
  const values = levels.map((level) => given[level]);
  const bad = levels.find((level, k) => !(typeof values[k] === 'number' && values[k] > 0));
  if (bad !== undefined) throw new AnalysisError(FN, `probability of "${feature}" = "${bad}" must be a positive number (got ${JSON.stringify(given[bad])})`);
  const sum = values.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > 1e-6) throw new AnalysisError(FN, `probabilities of "${feature}" sum to ${sum}, not 1`);
  return values;
}

// The plumbing of fixed effects fitted as dummies in lm_robust (lm-robust.ts): which design columns are the absorbed
// ones, what estimatr leaves out of the demeaned columns, the refusals where estimatr's answer is rounding's choice or
// NA, and the output without the absorbed rows. The fit itself, with dummies or demeaned, stays in lm-robust.ts.
import { AnalysisError } from '../errors.ts';
import { groupCodes } from './data.ts';
import type { DataTable } from './data-table.ts';
import { keptAsDemeaned, type FixedEffectGroups } from './fixed-effects-aliasing.ts';
import type { Formula } from './formula.ts';
import { keptInOrderFromGram, withoutColumns } from './in-order-aliasing.ts';
import type { ModelFrame } from './model-frame.ts';
import { crossProducts, type SparseDesign } from './sparse-design.ts';
import type { LmRobustResult } from '../lm-robust.ts';

const FN = 'lmRobust';

/** Fixed effects fitted as dummies: the labels of their columns and the intercept, and the data columns they come from. */
export type Absorbed = { labels: ReadonlySet<string>; columns: readonly string[] };

/** The design columns of the absorbed fixed effects (each level of `factor(g)`) and the intercept. */
export function absorbedColumns(formula: Formula, frame: ModelFrame, names: readonly string[], absorbed: ReadonlySet<string>): Set<string> {
  const out = new Set<string>(names.filter((name) => name === '(Intercept)'));
  formula.variables.forEach((label, k) => {
    const variable = frame.variables[k];
    if (absorbed.has(label) && variable.kind === 'factor') for (const level of variable.levels) out.add(label + level);
  });
  return out;
}

/** The fit's output without the absorbed columns' rows (and their rows and columns of the variance), as estimatr's fixed_effects. */
export function withoutAbsorbed(result: LmRobustResult, hidden: ReadonlySet<string>): LmRobustResult {
  const keep = result.vcov.terms.map((term) => !hidden.has(term));
  const terms = result.vcov.terms.filter((_, i) => keep[i]);
  const matrix = result.vcov.matrix.filter((_, i) => keep[i]).map((row) => row.filter((_, j) => keep[j]));
  return { ...result, estimates: result.estimates.filter((row) => !hidden.has(row.term)), vcov: { terms, matrix } };
}

/**
 * The designs with the columns estimatr's fixed_effects leaves out set to 0. Only a design the Gram matrix finds
 * rank-deficient pays for the dense QR of the demeaned columns (a full-rank one keeps every column).
 */
export function aliasedAsDemeaned(
  absorbed: Absorbed,
  table: DataTable,
  index: Int32Array,
  rows: { unsorted: { design: SparseDesign; weights: Float64Array | undefined }; order: Int32Array | null; sw: Float64Array | undefined },
  design: SparseDesign,
  designFit: SparseDesign,
  yFit: Float64Array,
): [SparseDesign, SparseDesign] {
  const gram = crossProducts(designFit, yFit).xtx;
  const inOrder = keptInOrderFromGram(gram, design.p);
  if (inOrder.every(Boolean)) return [design, designFit];
  const leading = leadingAbsorbed(design.names, absorbed.labels);
  const redundant = inOrder.findIndex((keep, j) => !keep && j < leading);
  if (redundant >= 0) {
    // estimatr counts every level of every fixed effect in the df and its HC2/CR2 SEs then differ from the same model
    // with the redundant set left out (g beside gsub nested in it: df 221 for 226, an HC2 SE 0.6 % off; R trial 17).
    throw new AnalysisError(FN, `the fixed effects are collinear with each other (${design.names[redundant]} is in the span of the others' levels, e.g. one nested in another): estimatr counts every level in its df and its standard errors differ from the same model without the redundant one; leave out the fixed effect whose levels the others determine`);
  }
  const together = collinearTogether(gram, design.names, leading, inOrder);
  const { kept, dropped, closestCall } = keptAsDemeaned(rows.unsorted.design, leading, absorbedGroups(table, index, absorbed.columns), rows.unsorted.weights, rows.order, rows.sw);
  if (together && dropped !== together.left) throw collinearTogetherRefusal(together.aliased, SWEEP_RESIDUE);
  if (together && closestCall < CLEAR_PIVOT) throw collinearTogetherRefusal(together.aliased, TIED_NORMS);
  return kept ? [withoutColumns(design, kept), withoutColumns(designFit, kept)] : [design, designFit];
}

/**
 * How clearly a pivot of the demeaned columns' QR must win for vlab to follow it where terms are collinear with the
 * fixed effects only together: its norm at least this share above the runner-up's. Below it the norms tie up to the
 * demeaning's rounding (x beside I(x - 5): the same column once demeaned) and estimatr's choice is rounding's.
 */
const CLEAR_PIVOT = 1e-6;

/** How many leading design columns are absorbed: the intercept and the fixed effects' dummies. */
export function leadingAbsorbed(names: readonly string[], labels: ReadonlySet<string>): number {
  const leading = names.findIndex((name) => !labels.has(name) && !isAbsorbedLevel(name, labels));
  return leading < 0 ? names.length : leading;
}

/** Each fixed effect's group per model-frame row. */
function absorbedGroups(table: DataTable, index: Int32Array, columns: readonly string[]): FixedEffectGroups {
  const grouped = columns.map((name) => groupCodes(table, index, name));
  return { codes: grouped.map((g) => g.codes), counts: grouped.map((g) => g.count) };
}

/**
 * A fixed-effect level with no positive weight: estimatr's demeaning divides by its total weight, 0, and returns NA for
 * every coefficient (R trial 17); the same model with those rows left out is what can be estimated.
 */
export function refuseUnweightedLevels(formula: Formula, frame: ModelFrame, absorbed: ReadonlySet<string>, weights: string): void {
  formula.variables.forEach((label, k) => {
    const variable = frame.variables[k];
    if (!absorbed.has(label) || variable.kind !== 'factor') return;
    const total = new Float64Array(variable.levels.length);
    variable.codes.forEach((code, i) => (total[code] += (frame.weights as Float64Array)[i]));
    const empty = total.findIndex((sum) => !(sum > 0));
    if (empty >= 0) throw new AnalysisError(FN, `fixed effect ${label}: level "${variable.levels[empty]}" has no positive weight in "${weights}" (estimatr's demeaning divides by its total weight and gives NA for every estimate); leave its rows out`);
  });
}

/**
 * Terms collinear with the fixed effects only together (f is "a" exactly where g is "r1": fb + fc is constant within g,
 * neither alone in the fixed effects' span, nor the two dependent without them): the columns the full design leaves
 * out outnumber those in the span of the absorbed columns each alone plus the formula's own dependencies. Returns the
 * first such column and how many the full design leaves out, or null. estimatr's pivoted QR of the demeaned columns
 * then leaves out the one it picks last: by their norms, which vlab follows (keptAsDemeaned; R trial 35: x beside
 * I(2 * x + 3) or scale(x), poly(x, 2) beside I(x^2)), or by rounding where the norms tie, which vlab does not reproduce
 * and refuses in words: x beside I(x - 5) or I(x - mean(x)), the same column once demeaned; the cells of `e:m` without
 * main effects, or fb and fc (`x + f` drops fc, `f + x` drops fb, R trial 17), which sum to the constant with
 * coefficients 1, so the last two the QR meets have equal norms. Refused too where that QR leaves out another number of
 * columns than the design's rank asks: with two or more fixed effects the sweeps stop at a change of 1e-8, and a
 * column can stay dependent only up to that residue (a term that is also a fixed effect, h in y ~ log1p(x) +
 * I(3 * log1p(x) + 2) + h with ~ g + h: estimatr keeps hq at an SE of 4.6e11). Since R trial 36 the columns are swept
 * together, as estimatr does, which keeps pairs such as poly(x, 2) beside I(x^2) with ~ fe + sex dependent up to
 * rounding; those R trial 35 declined are now fitted as estimatr fits them. Columns collinear by themselves (two interaction columns equal on a rare level's one
 * row) are left to keptAsDemeaned.
 */
function collinearTogether(gram: Float64Array, names: readonly string[], leading: number, inOrder: readonly boolean[]): { aliased: string; left: number } | null {
  const p = names.length;
  const eachAlone = keptInOrderFromGram(gram, p, leading);
  const rest: number[] = [];
  for (let j = leading; j < p; j++) if (eachAlone[j]) rest.push(j);
  const restGram = new Float64Array(rest.length * rest.length);
  rest.forEach((j, a) => rest.forEach((k, b) => (restGram[a * rest.length + b] = gram[j * p + k])));
  const ownDependencies = keptInOrderFromGram(restGram, rest.length).filter((keep) => !keep).length;
  const left = inOrder.filter((keep, j) => !keep && j >= leading).length;
  if (left <= p - leading - rest.length + ownDependencies) return null;
  return { aliased: names[inOrder.findIndex((keep, j) => !keep && j >= leading)], left };
}

/** Why rounding decides estimatr's choice: two demeaned norms tie, or the QR of the demeaned columns finds another rank. */
const TIED_NORMS = 'two of their demeaned norms tie, so rounding picks it';
const SWEEP_RESIDUE = 'here the demeaning\'s sweeps (which stop at a change of 1e-8) leave the columns dependent only up to a residue, so rounding decides which it leaves out, or whether it keeps them all';

const collinearTogetherRefusal = (aliased: string, why: string) =>
  new AnalysisError(FN, `the formula's terms are collinear with the fixed effects together (${aliased} is in the span of the other terms and the fixed effects' levels, neither alone): estimatr leaves out whichever term its pivoted QR of the demeaned columns picks last, and ${why}, which vlab does not reproduce; leave out one of the terms (a column beside a shift or rescaling of it such as x and I(x - 5) or scale(x): either one; a factor: one of its levels, by relevel() or by dropping the factor) or write the fixed effects into the formula as + factor(...)`);

/** `factor(g)b` of an absorbed `factor(g)` (the leading columns; a user's interaction `factor(g)b:x` comes later). */
const isAbsorbedLevel = (name: string, absorbed: ReadonlySet<string>): boolean => [...absorbed].some((label) => name.startsWith(label) && !name.includes(':', label.length));

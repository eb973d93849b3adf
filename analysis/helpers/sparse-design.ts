import { symmetrize } from './small-matrix.ts';

/**
 * A model matrix stored by rows, keeping only the entries a row can have: with treatment contrasts every formula
 * term puts at most one nonzero in a row (the column of the row's level combination, or none at a level the term
 * does not code), plus the intercept's 1. A conjoint design of 10⁶ rows and 24 columns holds 7 entries a row
 * instead of 24, and the passes over the rows (Gram matrix, residuals, leverages, meat) do O(slots²) work a row
 * instead of O(p²). Every row has one entry per term (`slots` in all); a term with no nonzero in a row holds a 0 at
 * one of the term's columns, so the passes need no branches and entries ascend in column within a row.
 */
export interface SparseDesign {
  n: number;
  p: number;
  /** R's column names, in model-matrix order. */
  names: string[];
  /** Entries per row: terms, plus one for the intercept. */
  slots: number;
  /** Column of entry a of row i at i · slots + a, ascending within a row. */
  columns: Int32Array;
  values: Float64Array;
}

/**
 * The design with row i multiplied by `factors[i]` (the √w scaling of weighted least squares).
 *
 * @example scaleRows(design, sqrtWeights).values // each row's entries times √w_i
 */
export function scaleRows(design: SparseDesign, factors: Float64Array): SparseDesign {
  const { n, slots } = design;
  const values = design.values.slice();
  for (let i = 0; i < n; i++) {
    const f = factors[i];
    for (let a = i * slots; a < (i + 1) * slots; a++) values[a] *= f;
  }
  return { ...design, values };
}

/**
 * The design with its rows in the given order (row i of the result is row order[i]).
 *
 * @example permuteRows(design, Int32Array.of(2, 0, 1)) // rows 2, 0, 1 of the design
 */
export function permuteRows(design: SparseDesign, order: Int32Array): SparseDesign {
  const { slots } = design;
  const columns = new Int32Array(design.columns.length);
  const values = new Float64Array(design.values.length);
  for (let i = 0; i < order.length; i++) {
    const from = order[i] * slots;
    for (let a = 0; a < slots; a++) {
      columns[i * slots + a] = design.columns[from + a];
      values[i * slots + a] = design.values[from + a];
    }
  }
  return { ...design, columns, values };
}

/**
 * The design as a dense column-major n × p matrix (column j is `x.subarray(j * n, (j + 1) * n)`), for the pivoted
 * QR and the clustered variances.
 *
 * @example denseColumns(design) // Float64Array of n · p, as R's model.matrix(...) read column by column
 */
export function denseColumns(design: SparseDesign): Float64Array {
  const { n, p, slots, columns, values } = design;
  const x = new Float64Array(n * p);
  for (let a = 0; a < slots; a++) {
    for (let i = 0; i < n; i++) x[columns[i * slots + a] * n + i] = values[i * slots + a];
  }
  return x;
}

/**
 * X'(y − Xβ), the gradient a step of iterative refinement needs, without storing the residuals.
 *
 * @example residualCrossProduct(design, y, beta) // zero up to rounding when β solves the normal equations
 */
export function residualCrossProduct(design: SparseDesign, y: Float64Array, beta: Float64Array): Float64Array {
  const { n, p, slots, columns, values } = design;
  const out = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const e = rowResidual(design, y, beta, i);
    for (let a = i * slots; a < (i + 1) * slots; a++) out[columns[a]] += values[a] * e;
  }
  return out;
}

/** y_i − x_i'β over row i's entries: the passes form each residual where they use it instead of storing n of them. */
export function rowResidual(design: SparseDesign, y: Float64Array, beta: Float64Array, i: number): number {
  const { slots, columns, values } = design;
  let e = y[i];
  for (let a = i * slots; a < (i + 1) * slots; a++) e -= values[a] * beta[columns[a]];
  return e;
}

/** Rows per partial sum of the Gram matrix: sums of ≤ GRAM_BLOCK + n / GRAM_BLOCK terms instead of n. */
const GRAM_BLOCK = 1024;

/**
 * X'X (p × p, row-major) and X'y, from each row's entries in one pass: O(slots²) a row. Rows are summed in blocks,
 * then the blocks, which keeps rounding of million-row sums near that of thousand-row ones.
 *
 * @example crossProducts(design, y) // { xtx: X'X, xty: X'y }
 */
export function crossProducts(design: SparseDesign, y: Float64Array): { xtx: Float64Array; xty: Float64Array } {
  const { n, p, slots, columns, values } = design;
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  const block = new Float64Array(p * p);
  const blockY = new Float64Array(p);
  for (let start = 0; start < n; start += GRAM_BLOCK) {
    const end = Math.min(n, start + GRAM_BLOCK);
    for (let i = start; i < end; i++) {
      const base = i * slots;
      const yi = y[i];
      // Columns ascend within a row, so (a, b ≤ a) lands in the lower triangle.
      for (let a = base; a < base + slots; a++) {
        const va = values[a];
        const column = columns[a];
        const row = column * p;
        for (let b = base; b <= a; b++) block[row + columns[b]] += va * values[b];
        blockY[column] += va * yi;
      }
    }
    for (let at = 0; at < p * p; at++) xtx[at] += block[at];
    for (let j = 0; j < p; j++) xty[j] += blockY[j];
    block.fill(0);
    blockY.fill(0);
  }
  symmetrize(xtx, p, true);
  return { xtx, xty };
}

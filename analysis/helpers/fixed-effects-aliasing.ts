import { AnalysisError } from '../errors.ts';
import { colPivHouseholderQr } from './col-piv-householder-qr.ts';
import { denseColumns, type SparseDesign } from './sparse-design.ts';

// estimatr's fixed_effects does not fit `+ factor(g)`: it demeans y and the formula's columns within the fixed
// effects (demean_fes, in the data's row order, weighted), then sorts the rows by cluster, scales them by √w and
// runs its pivoted QR (lm_solver) on the demeaned columns alone. In a full-rank design that gives the numbers of the
// fit with the dummies, which lmRobust computes; in a rank-deficient one the pivoted QR of the demeaned columns
// decides which column of a dependent set is left out (path trial seed 18: a rare gender level made two interaction
// columns collinear, and lm's in-order rule had left out the other one, giving other estimates and p-values).

/** estimatr's tolerance for its alternating demeaning (demean_fes: eps <- 1e-8, on the change's Euclidean norm). */
const DEMEAN_TOLERANCE = 1e-8;
/**
 * Where a sweep's change is rounding: below this share of the column's norm, times √m for the largest group's m rows.
 * On a column near 1e9 (an ulp is 1.2e-7) the group means of what one sweep leaves are rounding, so the change can
 * stay above 1e-8 for ever (R trial 30: an outcome near 1e9 with a fixed effect never returned); estimatr's loop has
 * no such stop, and returns only where its sums happen to settle. A mean of m rows summed in row order carries
 * rounding of ~√m ulps of the values (up to m where the rows are sorted), so a group of 300,000 rows left changes of
 * 1.6e-12 of the norm sweep after sweep (R trial 31: a covariate of 1e7 + a trend, 6,662 sweeps and 72 s, then a
 * refusal blaming long chains); √m makes that 5.5e-11, and further sweeps there move no estimate beyond it.
 */
const ROUNDING_SHARE = 1e-13;
/**
 * Row visits (sweeps × rows × fixed effects) at most, per column: a few seconds. Crossed fixed effects whose groups
 * link up only in a long chain (a = ⌊i/4⌋, b = ⌊(i+2)/4⌋) converge in about L² sweeps for L links — 10,000 to 30,000
 * at 200 rows (0.1 s), some 100,000 at 400 (0.4 s), millions at 5,000 (estimatr's loop has no limit either); and a
 * column whose group means stay rounding at a size the stop above misses would sweep for ever. Random designs with two
 * or three crossed fixed effects settle in tens of sweeps. Past this, the fit is refused in words, not left running.
 */
export const MAX_DEMEAN_WORK = 2e9;

export interface FixedEffectGroups {
  /** Per fixed effect, each row's group (0..count − 1), rows in the model frame's order. */
  codes: readonly Int32Array[];
  counts: readonly number[];
}

/**
 * The column-major n × k columns, each demeaned in place within every fixed effect's groups in turn (weighted
 * means, sums in row order), repeated until a sweep changes it by less than 1e-8 (estimatr's demeanMat2 of a one-column
 * matrix, as it demeans the outcome; a design's columns settle together, demeanTogether) or by rounding
 * only (1e-13·√m of the column's norm, m the largest group's rows, which a column near 1e9 or a group of 300,000 rows
 * may never get below 1e-8 by): with one fixed effect, the
 * group means, then a second sweep of rounding-sized means, as estimatr's demeanMat2 does it. Refused in words past
 * `maxWork` row visits a column (MAX_DEMEAN_WORK; at least 1,000 sweeps).
 *
 * @example demeanWithin(Float64Array.of(1, 3, 5), 3, 1, { codes: [Int32Array.of(0, 0, 1)], counts: [2] }) // [-1, 1, 0]
 */
export function demeanWithin(x: Float64Array, n: number, k: number, groups: FixedEffectGroups, weights?: Float64Array, maxWork = MAX_DEMEAN_WORK): Float64Array {
  for (let c = 0; c < k; c++) sweepUntilSettled(x.subarray(c * n, (c + 1) * n), n, 1, groups, weights, maxWork);
  return x;
}

/**
 * The n × k columns demeaned as estimatr 1.0.0's demeanMat2 demeans a design matrix: every sweep demeans every column,
 * until a sweep changes the whole matrix by less than 1e-8 (its Frobenius norm), so that every column gets the same
 * number of sweeps. Columns dependent with the fixed effects' levels then stay dependent up to rounding. Sweeping each
 * column to its own stop (demeanWithin) gives columns different numbers of sweeps and leaves a residue of up to 1e-8 in
 * their dependence: with two fixed effects vlab's pivoted QR of them kept every column where estimatr left one out (R
 * trial 36: y ~ I(x^2) + poly(x, 2) with ~ g + h; estimatr's demeaned columns equal these within 2e-15 and differ from
 * column-by-column sweeps by 2e-11).
 */
export function demeanTogether(x: Float64Array, n: number, k: number, groups: FixedEffectGroups, weights?: Float64Array, maxWork = MAX_DEMEAN_WORK): Float64Array {
  if (k > 0) sweepUntilSettled(x, n, k, groups, weights, maxWork);
  return x;
}

/** Sweeps the k columns of x (n rows each) within every fixed effect in turn until one sweep of them all settles. */
function sweepUntilSettled(x: Float64Array, n: number, k: number, groups: FixedEffectGroups, weights: Float64Array | undefined, maxWork: number): void {
  const maxSweeps = Math.max(1_000, Math.floor(maxWork / (Math.max(n, 1) * Math.max(groups.codes.length, 1))));
  const weightOf = (i: number) => (weights ? weights[i] : 1);
  const totals = groups.codes.map((codes, j) => {
    const total = new Float64Array(groups.counts[j]);
    for (let i = 0; i < n; i++) total[codes[i]] += weightOf(i);
    return total;
  });
  const roundingShare = ROUNDING_SHARE * Math.sqrt(largestGroup(groups, n));
  for (let change = Infinity, norm = 0, sweeps = 0; change >= DEMEAN_TOLERANCE && !(change <= roundingShare * norm); sweeps++) {
    if (sweeps === maxSweeps) throw notSettling(maxSweeps, change);
    const before = x.slice(0, n * k);
    for (let c = 0; c < k; c++) {
      const column = x.subarray(c * n, (c + 1) * n);
      groups.codes.forEach((codes, j) => {
        const means = new Float64Array(groups.counts[j]);
        for (let i = 0; i < n; i++) means[codes[i]] += weightOf(i) * column[i];
        for (let g = 0; g < means.length; g++) means[g] /= totals[j][g];
        for (let i = 0; i < n; i++) column[i] -= means[codes[i]];
      });
    }
    let squares = 0;
    let size = 0;
    for (let i = 0; i < n * k; i++) {
      squares += (before[i] - x[i]) ** 2;
      size += x[i] ** 2;
    }
    change = Math.sqrt(squares);
    norm = Math.sqrt(size);
  }
}

/** The rows of the largest group of any fixed effect (at least 1). */
function largestGroup(groups: FixedEffectGroups, n: number): number {
  let largest = 1;
  groups.codes.forEach((codes, j) => {
    const sizes = new Int32Array(groups.counts[j]);
    for (let i = 0; i < n; i++) largest = Math.max(largest, ++sizes[codes[i]]);
  });
  return largest;
}

/**
 * Which design columns to keep so that the fit with the fixed effects' dummies leaves out the columns estimatr
 * leaves out: the absorbed columns (the first `absorbed`: intercept and dummies) always, the others as the pivoted
 * QR of their demeaned, cluster-sorted, √w-scaled values keeps them (`kept`, null when it keeps them all), how many
 * it leaves out, and how clearly its pivots won (`closestCall`: the smallest pivot margin among the kept columns', near 0
 * where two columns' norms tied and rounding chose).
 *
 * @param design  the design in the model frame's row order (before any sort by cluster)
 * @param order   the rows' sort by cluster (estimatr's order(cluster)), or null
 * @param scale   √w per row in the sorted order (weights normalised to mean 1), or undefined
 */
export function keptAsDemeaned(
  design: SparseDesign,
  absorbed: number,
  groups: FixedEffectGroups,
  rawWeights: Float64Array | undefined,
  order: Int32Array | null,
  scale: Float64Array | undefined,
): DemeanedAliasing {
  const { n, p } = design;
  const k = p - absorbed;
  if (k <= 0) return { kept: null, dropped: 0, closestCall: Infinity };
  const demeaned = demeanTogether(denseColumns(design).slice(absorbed * n), n, k, groups, rawWeights);
  const x = new Float64Array(n * k);
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < n; i++) {
      const from = order ? order[i] : i;
      x[c * n + i] = demeaned[c * n + from] * (scale ? scale[i] : 1);
    }
  }
  const qr = colPivHouseholderQr(x, n, k);
  const closestCall = Math.min(...qr.pivotMargins.subarray(0, qr.rank));
  if (qr.rank === k) return { kept: null, dropped: 0, closestCall };
  const kept = Array.from({ length: p }, (_, j) => j < absorbed);
  for (let position = 0; position < qr.rank; position++) kept[absorbed + qr.perm[position]] = true;
  return { kept, dropped: k - qr.rank, closestCall };
}

/** What keptAsDemeaned found: the columns kept (null: all), how many it left out, its closest pivot decision. */
export interface DemeanedAliasing {
  kept: boolean[] | null;
  dropped: number;
  closestCall: number;
}

/** The refusal when demeaning would not settle (MAX_DEMEAN_WORK): what happened, and the fit that does the same. */
const notSettling = (sweeps: number, change: number) =>
  new AnalysisError(
    'lmRobust',
    `fixedEffects: demeaning within the fixed effects did not settle after ${sweeps.toLocaleString('en-US')} sweeps (the last changed a column by ${change.toPrecision(2)}; estimatr's rule stops below 1e-8): their groups link up only in long chains, which alternating demeaning crawls through`,
    { code: 'fixed_effects_not_settling', arguments: ['fixedEffects'], remedy: 'write the fixed effects into the formula as factor() terms (+ factor(a) + factor(b)), which gives the same coefficients' },
  );

import { AnalysisError } from './errors.ts';
import { cr2Variance } from './helpers/cr2.ts';
import { numericColumn, type Row } from './helpers/data.ts';
import { meanAsR } from './helpers/mean.ts';
import { leastSquares } from './helpers/qr.ts';

const FN = 'differenceInMeans';

/** One block's (or the whole sample's) estimate; `n` is the block's share: its rows, or its weight when weighted. */
export interface BlockEstimate {
  estimate: number;
  se: number;
  df: number;
  n: number;
}

/**
 * The weights of the rows `index` (a subset of the model frame `all`), refused as estimatr refuses them
 * (clean_model_data: "`weights` must not be negative", checked over every complete row, whatever its treatment
 * value), and where estimatr would print NaN: no positive weight at all (it divides by mean(w) = 0).
 */
export function readWeights(rows: readonly Row[], all: Int32Array, index: Int32Array, name: string): Float64Array {
  const every = numericColumn(FN, rows, all, name, 'weights');
  const negative = every.findIndex((w) => w < 0);
  if (negative >= 0) throw new AnalysisError(FN, `weights column "${name}" has a negative value (row ${all[negative] + 1}); weights must not be negative`);
  const w = numericColumn(FN, rows, index, name, 'weights');
  if (!w.some((value) => value > 0)) throw new AnalysisError(FN, `weights column "${name}" has no positive weight`);
  return w;
}

/**
 * estimatr's weighted arm without clusters (difference_in_means_internal): not Welch with weighted means but
 * lm_robust_fit(y ~ 1 + t, weights, se_type = "HC2"), whose df is N − 2 (every row counts, zero weights too).
 * For that saturated two-group model the HC2 variance has a closed form: with W_g the weight of arm g, m_g its
 * weighted mean and leverage h_i = w_i / W_g, V = Σ_g Σ_{i∈g} w_i² (y_i − m_g)² / (W_g (W_g − w_i)).
 * Where estimatr has no standard error (an arm without weight: NaN; an arm whose weight is all on one row: leverage
 * 1, 0/0, printed as NaN or rounding noise) this is an error instead.
 */
export function weightedHc2Estimate(outcome: Float64Array, t: Uint8Array, w: Float64Array, weights: string): BlockEstimate {
  const y = lessFirstValue(outcome);
  const arms = [0, 1].map((arm) => {
    let total = 0;
    let weighted = 0;
    let positive = 0;
    for (let i = 0; i < y.length; i++) {
      if (t[i] !== arm) continue;
      total += w[i];
      weighted += w[i] * y[i];
      if (w[i] > 0) positive++;
    }
    if (positive < 2) {
      throw new AnalysisError(FN, `weights column "${weights}": each arm needs at least two units with a positive weight (in every block) for a standard error (estimatr gives NaN, or at leverage 1 rounding noise)`);
    }
    const mean = weighted / total;
    let variance = 0;
    for (let i = 0; i < y.length; i++) {
      if (t[i] === arm && w[i] > 0) variance += (w[i] * (y[i] - mean)) ** 2 / (total * (total - w[i]));
    }
    return { mean, variance, total };
  });
  const n = y.length;
  return { estimate: arms[1].mean - arms[0].mean, se: Math.sqrt(arms[0].variance + arms[1].variance), df: n - 2, n: arms[0].total + arms[1].total };
}

/**
 * The coefficient of t in y ~ 1 + t with CR2 variance and Bell–McCaffrey df (estimatr's clustered arm,
 * lm_robust_fit(se_type = "CR2")), weighted when `w` is given: the weights are divided by their mean in this
 * arm's rows, as estimatr's prep_data does, and each row keeps its own weight (clusters whose rows differ in
 * weight are accepted, as estimatr accepts them). `n` is the rows, or the weight, of the block.
 */
export function clusteredEstimate(outcome: Float64Array, t: Uint8Array, cluster: Int32Array, w: Float64Array | undefined, weights?: string): BlockEstimate {
  const y = lessFirstValue(outcome);
  const n = y.length;
  const x = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    x[i] = 1;
    x[n + i] = t[i];
  }
  let normalized: Float64Array | undefined;
  let xFit = x;
  let yFit = y;
  if (w) {
    for (const arm of [0, 1]) {
      if (!w.some((value, i) => t[i] === arm && value > 0)) {
        throw new AnalysisError(FN, `weights column "${weights}": each arm needs a positive weight (in every block); estimatr gives NaN`);
      }
    }
    const mean = meanAsR(w);
    normalized = w.map((value) => value / mean);
    const root = normalized.map(Math.sqrt);
    xFit = x.map((value, k) => value * root[k % n]);
    yFit = y.map((value, i) => value * root[i]);
  }
  const fit = leastSquares(xFit, n, 2, yFit);
  const resid = y.map((v, i) => v - fit.coef[0] - fit.coef[1] * t[i]);
  const { codes, count } = regroup(cluster);
  const { vcov, df } = cr2Variance({ x, n, r: 2, b: fit.b, resid, clusters: codes, groups: count, weights: normalized });
  return { estimate: fit.coef[1], se: Math.sqrt(vcov[3]), df: df[1], n: w ? w.reduce((s, v) => s + v, 0) : n };
}

/**
 * The outcome less its first value. The difference and its SE do not change in exact arithmetic, but an outcome
 * near 1e9 varying in the fourth decimal keeps its digits: each arm's mean of y − y₁ is accurate where the mean of y
 * is one of the units of 1.2e-7 (1e9's last place) off, 1e-3 of the difference; y − y₁ is exact there (Sterbenz).
 * estimatr's regression loses them (tests/analysis/difference-in-means-huge-outcome.test.ts).
 */
function lessFirstValue(y: Float64Array): Float64Array {
  const first = y[0];
  return y.map((value) => value - first);
}

function regroup(cluster: Int32Array): { codes: Int32Array; count: number } {
  const lookup = new Map<number, number>();
  const codes = cluster.map((c) => {
    let code = lookup.get(c);
    if (code === undefined) lookup.set(c, (code = lookup.size));
    return code;
  });
  return { codes, count: lookup.size };
}

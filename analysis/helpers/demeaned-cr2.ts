import { sandwich, symmetrize } from './small-matrix.ts';
import { PSEUDO_INVERSE_TOLERANCE, symmetricEigenInPlace } from './symmetric-eigen.ts';

// CR2 of the fit with one fixed effect's dummies, from the demeaned columns (demeaned-fit.ts), where the fixed
// effect's groups are nested in the clusters (clusters = respondents with a fixed effect per respondent, or coarser).
// Unweighted only: estimatr refuses fixed effects with weighted CR2, and so does lmRobust.
//
// With H = P_D + H̃ (P_D the groups' projection, block-diagonal: 1/n_g within a group; H̃ = X̃ M̃ X̃' of the demeaned
// columns, M̃ = (X̃'X̃)⁻¹), the full design's [I − H]_ss is I − P_D,ss − X̃_s M̃ X̃_s', an n_s × n_s matrix; A_s is its
// pseudo-inverse square root (eigenvalues ≤ 1e-12 to 0: a group's constant vector is in its null space). The β rows of
// (X'X)⁻¹X' are M̃ X̃' (Frisch–Waugh–Lovell), so V = M̃ Σ_s X̃_s'A_s e_s e_s'A_s X̃_s M̃ and, for coefficient j,
// v_s = A_s X̃_s M̃ e_j. Bell–McCaffrey's df = (tr P)²/‖P‖²_F with P_ss = v_s'[I − H]_ss v_s and, for s ≠ t (no group
// spans two clusters, so P_D,st = 0), P_st = −v_s'X̃_s M̃ X̃_t'v_t. All of it in the coordinates Z = X̃B (M̃ = BB', Z
// orthonormal), as cr2.ts does for the same reason: X̃_s M̃ loses κ²ε where a covariate far from zero meets a factor
// (x ≈ 1e6 in a * x: an SE off by 1e-3 when formed that way). There X̃_s M̃ = Z_s B', H̃_ss = Z_s Z_s',
// v_s = A_s Z_s B'e_j, P_st = −α_s'α_t with α_s = Z_s'v_s, so Σ_{s≠t} P_st² = ‖S‖²_F − Σ_s (α_s'α_s)² with
// S = Σ_s α_s α_s', and V = B (Σ_s Z_s'A_s e_s e_s'A_s Z_s) B'. Cost O(Σ n_s³ + n k²) instead of the dummies' O(n (G + k)²).

/** Σ n_s³ (the clusters' eigen-decompositions) above which the fit with dummies is left to do it. */
const CUBIC_BUDGET = 2e9;

export interface DemeanedCr2Input {
  /** Demeaned columns, column-major n × k (unweighted). */
  x: Float64Array;
  n: number;
  k: number;
  /** B (k × k, row-major) with (X̃'X̃)⁻¹ = B Bᵀ (the QR's). */
  b: Float64Array;
  /** Residuals of the fit (the same for the demeaned fit and the fit with dummies). */
  resid: Float64Array;
  groups: Int32Array;
  groupCount: number;
  clusters: Int32Array;
  clusterCount: number;
}

/**
 * CR2 variance and df of the demeaned coefficients, or null where a group spans two clusters or the clusters are too
 * large for their n_s × n_s eigen-decompositions (the fit with dummies computes those).
 *
 * @example demeanedCr2({ x, n, k, b: fit.b, resid, groups, groupCount, clusters, clusterCount })?.df
 */
export function demeanedCr2(input: DemeanedCr2Input): { vcov: Float64Array; df: Float64Array } | null {
  const { n, k, b, resid, groups, groupCount, clusters, clusterCount } = input;
  const clusterOf = new Int32Array(groupCount).fill(-1);
  const groupSize = new Float64Array(groupCount);
  for (let i = 0; i < n; i++) {
    const g = groups[i];
    if (clusterOf[g] >= 0 && clusterOf[g] !== clusters[i]) return null;
    clusterOf[g] = clusters[i];
    groupSize[g]++;
  }
  const members = rowsByCluster(clusters, clusterCount, n);
  let cubic = 0;
  for (const rows of members) cubic += rows.length ** 3;
  if (cubic > CUBIC_BUDGET) return null;

  const meat = new Float64Array(k * k);
  const trace = new Float64Array(k);
  const diagonal = new Float64Array(k); // Σ_s P_ss² − (α_s'α_s)²
  const s = Array.from({ length: k }, () => new Float64Array(k * k)); // S_j = Σ_s α_s α_s'
  const z = coordinates(input.x, n, k, b);
  for (const rows of members) {
    const cluster = clusterBlock(rows, z, n, k, b, groups, groupSize);
    addCluster(cluster, rows, z, n, k, resid, meat, trace, diagonal, s);
  }
  symmetrize(meat, k, true);
  const vcov = sandwich(b, meat, k);
  const df = Float64Array.from({ length: k }, (_, j) => {
    let squares = 0;
    for (const value of s[j]) squares += value * value;
    return (trace[j] * trace[j]) / (squares + diagonal[j]);
  });
  return { vcov, df };
}

/** Each cluster's rows, in data order. */
function rowsByCluster(clusters: Int32Array, count: number, n: number): Int32Array[] {
  const sizes = new Int32Array(count);
  for (let i = 0; i < n; i++) sizes[clusters[i]]++;
  const out = Array.from(sizes, (size) => new Int32Array(size));
  const fill = new Int32Array(count);
  for (let i = 0; i < n; i++) out[clusters[i]][fill[clusters[i]]++] = i;
  return out;
}

/** Z = X̃ B, column-major n × k. */
function coordinates(x: Float64Array, n: number, k: number, b: Float64Array): Float64Array {
  const z = new Float64Array(n * k);
  for (let l = 0; l < k; l++) {
    for (let j = 0; j < k; j++) {
      const blj = b[l * k + j];
      if (blj === 0) continue;
      for (let i = 0; i < n; i++) z[j * n + i] += x[l * n + i] * blj;
    }
  }
  return z;
}

/** [I − H]_ss = I − P_D,ss − Z_s Z_s' (row-major n_s × n_s), its eigen-decomposition's A_s, and X̃_s M̃ = Z_s B'. */
function clusterBlock(rows: Int32Array, z: Float64Array, n: number, k: number, bMatrix: Float64Array, groups: Int32Array, groupSize: Float64Array) {
  const size = rows.length;
  const xm = new Float64Array(size * k); // Z_s B', row-major
  for (let a = 0; a < size; a++) {
    for (let j = 0; j < k; j++) {
      let sum = 0;
      for (let l = 0; l < k; l++) sum += z[l * n + rows[a]] * bMatrix[j * k + l];
      xm[a * k + j] = sum;
    }
  }
  const block = new Float64Array(size * size);
  for (let a = 0; a < size; a++) {
    for (let b = 0; b <= a; b++) {
      let h = groups[rows[a]] === groups[rows[b]] ? 1 / groupSize[groups[rows[a]]] : 0;
      for (let l = 0; l < k; l++) h += z[l * n + rows[a]] * z[l * n + rows[b]];
      block[a * size + b] = block[b * size + a] = (a === b ? 1 : 0) - h;
    }
  }
  const eigen = block.slice();
  const vectors = new Float64Array(size * size);
  symmetricEigenInPlace(eigen, size, vectors);
  const adjust = new Float64Array(size * size); // A_s = U f(Λ) U'
  for (let q = 0; q < size; q++) {
    const lambda = eigen[q * size + q];
    const f = lambda > PSEUDO_INVERSE_TOLERANCE ? 1 / Math.sqrt(lambda) : 0;
    if (f === 0) continue;
    for (let a = 0; a < size; a++) {
      const ua = vectors[a * size + q] * f;
      for (let b = 0; b < size; b++) adjust[a * size + b] += ua * vectors[b * size + q];
    }
  }
  return { size, xm, block, adjust };
}

/** The cluster's share of the meat, and of each coefficient's df sums. */
function addCluster(
  cluster: ReturnType<typeof clusterBlock>,
  rows: Int32Array,
  z: Float64Array,
  n: number,
  k: number,
  resid: Float64Array,
  meat: Float64Array,
  trace: Float64Array,
  diagonal: Float64Array,
  s: Float64Array[],
): void {
  const { size, xm, block, adjust } = cluster;
  // u = Z_s' A_s e_s
  const ae = new Float64Array(size);
  for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) ae[a] += adjust[a * size + b] * resid[rows[b]];
  const u = new Float64Array(k);
  for (let l = 0; l < k; l++) for (let a = 0; a < size; a++) u[l] += z[l * n + rows[a]] * ae[a];
  for (let a = 0; a < k; a++) for (let b = 0; b <= a; b++) meat[a * k + b] += u[a] * u[b];

  const v = new Float64Array(size);
  const ev = new Float64Array(size);
  const av = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    // v = A_s X̃_s M̃ e_j = A_s Z_s B'e_j
    v.fill(0);
    for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) v[a] += adjust[a * size + b] * xm[b * k + j];
    ev.fill(0);
    for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) ev[a] += block[a * size + b] * v[b];
    let pss = 0;
    for (let a = 0; a < size; a++) pss += v[a] * ev[a];
    av.fill(0); // α = Z_s'v
    for (let l = 0; l < k; l++) for (let a = 0; a < size; a++) av[l] += z[l * n + rows[a]] * v[a];
    let ama = 0;
    for (let a = 0; a < k; a++) ama += av[a] * av[a];
    trace[j] += pss;
    diagonal[j] += pss * pss - ama * ama;
    const sj = s[j];
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) sj[a * k + b] += av[a] * av[b];
  }
}

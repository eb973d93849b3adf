// Work arrays reused between calls: CR2 calls this once per cluster, 10⁵ times at scale.
let work = new Float64Array(0);

/**
 * Inverse symmetric square root of a small symmetric matrix through its eigen-decomposition (cyclic Jacobi,
 * Golub & Van Loan §8.5): eigenvalues above 1e-12 map to λ^(−1/2), the rest to 0, which is the
 * pseudo-inverse square root estimatr and clubSandwich use for the CR2 adjustment (I − H_ss)^(−1/2).
 * Cluster blocks are small (a respondent's profiles), so O(m³) per sweep is cheap. The result goes to `into`
 * (its leading m × m) when given.
 *
 * @example inverseSqrtSymmetric(Float64Array.of(4, 0, 0, 0), 2) // [0.5, 0, 0, 0]: the zero eigenvalue maps to 0
 */
export function inverseSqrtSymmetric(a: Float64Array, m: number, into?: Float64Array): Float64Array {
  const out = into ?? new Float64Array(m * m);
  if (m === 1) {
    out[0] = a[0] > 1e-12 ? 1 / Math.sqrt(a[0]) : 0;
    return out;
  }
  if (work.length < 2 * m * m + m) work = new Float64Array(2 * (2 * m * m + m));
  const w = work.subarray(0, m * m);
  const v = work.subarray(m * m, 2 * m * m);
  w.set(a.subarray(0, m * m));
  v.fill(0);
  for (let i = 0; i < m; i++) v[i * m + i] = 1;

  let norm = 0;
  for (let i = 0; i < m * m; i++) norm += a[i] * a[i];
  const floor = 1e-17 * Math.sqrt(norm);
  // Cyclic sweeps until a whole sweep finds every off-diagonal element negligible against its diagonal pair.
  for (let sweep = 0; sweep < 100; sweep++) {
    let rotations = 0;
    for (let p = 0; p < m - 1; p++) {
      for (let q = p + 1; q < m; q++) {
        const apq = w[p * m + q];
        if (Math.abs(apq) <= floor || Math.abs(apq) <= 1e-18 * (Math.abs(w[p * m + p]) + Math.abs(w[q * m + q]))) {
          w[p * m + q] = w[q * m + p] = 0;
          continue;
        }
        rotations++;
        const theta = (w[q * m + q] - w[p * m + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < m; k++) {
          const wkp = w[k * m + p];
          const wkq = w[k * m + q];
          w[k * m + p] = c * wkp - s * wkq;
          w[k * m + q] = s * wkp + c * wkq;
        }
        for (let k = 0; k < m; k++) {
          const wpk = w[p * m + k];
          const wqk = w[q * m + k];
          w[p * m + k] = c * wpk - s * wqk;
          w[q * m + k] = s * wpk + c * wqk;
        }
        for (let k = 0; k < m; k++) {
          const vkp = v[k * m + p];
          const vkq = v[k * m + q];
          v[k * m + p] = c * vkp - s * vkq;
          v[k * m + q] = s * vkp + c * vkq;
        }
        w[p * m + q] = w[q * m + p] = 0;
      }
    }
    if (rotations === 0) break;
  }

  const f = work.subarray(2 * m * m, 2 * m * m + m);
  for (let i = 0; i < m; i++) f[i] = w[i * m + i] > 1e-12 ? 1 / Math.sqrt(w[i * m + i]) : 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += v[i * m + k] * f[k] * v[j * m + k];
      out[i * m + j] = out[j * m + i] = s;
    }
  }
  return out;
}

/**
 * Eigenvalues at or below this map to 0 in the CR2 adjustment: the pseudo-inverse square root estimatr
 * (`lm_variance_cr2`) and clubSandwich use for (I − H_ss)^(−1/2) when a cluster's block is singular, e.g. when a
 * cluster holds all the rows of a level.
 */
export const PSEUDO_INVERSE_TOLERANCE = 1e-12;

/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations (Golub & Van Loan §8.5), accurate to
 * rounding in every eigenvalue relative to the matrix norm. `a` (leading m × m, row-major) is overwritten: its
 * diagonal ends up holding the eigenvalues; `vectors` (m × m, row-major) gets the eigenvectors as columns.
 *
 * @example const v = new Float64Array(4); symmetricEigenInPlace(Float64Array.of(2, 1, 1, 2), 2, v) // diagonal 1 and 3
 */
export function symmetricEigenInPlace(a: Float64Array, m: number, vectors: Float64Array): void {
  vectors.fill(0, 0, m * m);
  for (let i = 0; i < m; i++) vectors[i * m + i] = 1;
  let norm = 0;
  for (let i = 0; i < m * m; i++) norm += a[i] * a[i];
  const floor = 1e-17 * Math.sqrt(norm);
  // Cyclic sweeps until a whole sweep finds every off-diagonal element negligible against its diagonal pair.
  for (let sweep = 0; sweep < 100; sweep++) {
    let rotations = 0;
    for (let p = 0; p < m - 1; p++) {
      for (let q = p + 1; q < m; q++) {
        const apq = a[p * m + q];
        if (Math.abs(apq) <= floor || Math.abs(apq) <= 1e-18 * (Math.abs(a[p * m + p]) + Math.abs(a[q * m + q]))) {
          a[p * m + q] = a[q * m + p] = 0;
          continue;
        }
        rotations++;
        const theta = (a[q * m + q] - a[p * m + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < m; k++) {
          const akp = a[k * m + p];
          const akq = a[k * m + q];
          a[k * m + p] = c * akp - s * akq;
          a[k * m + q] = s * akp + c * akq;
        }
        for (let k = 0; k < m; k++) {
          const apk = a[p * m + k];
          const aqk = a[q * m + k];
          a[p * m + k] = c * apk - s * aqk;
          a[q * m + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < m; k++) {
          const vkp = vectors[k * m + p];
          const vkq = vectors[k * m + q];
          vectors[k * m + p] = c * vkp - s * vkq;
          vectors[k * m + q] = s * vkp + c * vkq;
        }
        a[p * m + q] = a[q * m + p] = 0;
      }
    }
    if (rotations === 0) break;
  }
}

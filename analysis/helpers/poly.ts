/**
 * R's `poly(x, degree)`: the orthogonal polynomials of x, evaluated at x. R takes the pivot-free QR of the centred
 * powers [1, x − x̄, …, (x − x̄)^d] and returns Q_j R_jj scaled to unit length for j = 1..d, which is the part of
 * (x − x̄)^j orthogonal to the lower powers, normalised: the same columns this computes by Gram–Schmidt, each pass
 * run twice so that the columns stay orthogonal to rounding ("twice is enough"; Giraud et al. 2005). `raw`:
 * plain powers x, x², …, as `poly(x, degree, raw = TRUE)`.
 * Callers check for missing values and `degree < distinct values` first, as R does.
 *
 * @example polynomialColumns(Float64Array.of(1, 2, 3), 2, false) // [[-0.7071, 0, 0.7071], [0.4082, -0.8165, 0.4082]]
 */
export function polynomialColumns(x: Float64Array, degree: number, raw: boolean): Float64Array[] {
  const n = x.length;
  if (raw) return Array.from({ length: degree }, (_, j) => x.map((v) => v ** (j + 1)));
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  const centred = x.map((v) => v - mean);
  const basis: Float64Array[] = [new Float64Array(n).fill(1 / Math.sqrt(n))];
  let power = new Float64Array(n).fill(1);
  for (let j = 1; j <= degree; j++) {
    power = power.map((v, i) => v * centred[i]);
    const z = power.slice();
    for (let pass = 0; pass < 2; pass++) {
      for (const q of basis) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += q[i] * z[i];
        for (let i = 0; i < n; i++) z[i] -= dot * q[i];
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += z[i] * z[i];
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) z[i] /= norm;
    basis.push(z);
  }
  return basis.slice(1);
}

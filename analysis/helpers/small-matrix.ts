/** Dense algebra on small row-major matrices (r × r bread and meat): plain loops, no library. */

/** (rows × inner) · (inner × cols). */
function multiply(a: Float64Array, rows: number, inner: number, b: Float64Array, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < inner; k++) {
      const aik = a[i * inner + k];
      if (aik === 0) continue;
      for (let j = 0; j < cols; j++) out[i * cols + j] += aik * b[k * cols + j];
    }
  }
  return out;
}

/**
 * A Bᵀ for A and B of shape r × c, known to be symmetric (e.g. B Bᵀ, or (M S) Mᵀ with M, S symmetric).
 *
 * @example symmetricProductWithTranspose(b, b, r, r) // B Bᵀ = (X'X)⁻¹ from the QR
 */
export function symmetricProductWithTranspose(a: Float64Array, b: Float64Array, r: number, c: number): Float64Array {
  const out = new Float64Array(r * r);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < c; k++) s += a[i * c + k] * b[j * c + k];
      out[i * r + j] = out[j * r + i] = s;
    }
  }
  return out;
}

/**
 * M · S · M for symmetric r × r matrices: the sandwich of a bread M and a meat S.
 *
 * @example sandwich(xtxInv, meat, r) // (X'X)⁻¹ · meat · (X'X)⁻¹
 */
export function sandwich(m: Float64Array, meat: Float64Array, r: number): Float64Array {
  return symmetricProductWithTranspose(multiply(m, r, r, meat, r), m, r, r);
}

/**
 * Makes a square matrix exactly symmetric: averages the halves, or copies the lower half up (`fromLower`).
 *
 * @example symmetrize(meat, r, true) // copies the accumulated lower triangle up
 */
export function symmetrize(a: Float64Array, m: number, fromLower = false): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < i; j++) {
      const value = fromLower ? a[i * m + j] : 0.5 * (a[i * m + j] + a[j * m + i]);
      a[i * m + j] = a[j * m + i] = value;
    }
  }
}

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
 * R⁻¹ of an upper triangular size × size matrix R held with any layout: R_ik = a[i · rowStride + k · colStride]
 * (row-major: rowStride = size, colStride = 1; the R of a column-major QR with n rows: 1, n). Returned upper
 * triangular, row-major. Back substitution column by column, as LAPACK's dtrtri (unblocked, dtrti2).
 *
 * @example upperTriangularInverse(Float64Array.of(2, 1, 0, 4), 2, 2, 1) // Float64Array [0.5, -0.125, 0, 0.25]
 */
export function upperTriangularInverse(a: Float64Array, size: number, rowStride: number, colStride: number): Float64Array {
  const inverse = new Float64Array(size * size);
  for (let j = size - 1; j >= 0; j--) {
    inverse[j * size + j] = 1 / a[j * rowStride + j * colStride];
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let k = i + 1; k <= j; k++) s += a[i * rowStride + k * colStride] * inverse[k * size + j];
      inverse[i * size + j] = -s / a[i * rowStride + i * colStride];
    }
  }
  return inverse;
}

/**
 * M · S · Mᵀ for any r × r M and symmetric S: the sandwich of a bread M and a meat S. The bread is (X'X)⁻¹
 * (symmetric, so M · S · M), or B with (X'X)⁻¹ = B Bᵀ when the meat is held in the coordinates of Q = X B (see
 * sandwich.ts for why).
 *
 * @example sandwich(xtxInv, meat, r) // (X'X)⁻¹ · meat · (X'X)⁻¹
 * @example sandwich(fit.b, meatQ, r) // (X'X)⁻¹ X'ΩX (X'X)⁻¹ from Q'ΩQ
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

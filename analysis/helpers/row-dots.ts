/** Rows of a matrix held in a Float64Array: `at` + row · `stride` is where row 0's element 0 starts. */
export interface Rows {
  data: Float64Array;
  at: number;
  stride: number;
  /** Rows to take. */
  count: number;
  /** First column of each row that takes part (the terms before it are left out), e.g. a triangle's zeros. */
  from: (row: number) => number;
  /**
   * The order to take b's rows in (a permutation of 0..count−1), e.g. by `from`, so that the four rows taken together
   * start near each other; the output is indexed by the row itself either way.
   */
  order?: Int32Array;
}

/**
 * out[p · outStride + j] = Σ_l a_p[l] · b_j[l] over l from max(a.from(p), b.from(j)) to len − 1, for every row p of
 * `a` and j of `b` (A Bᵀ over a column range). Two rows of a and four of b at a time: eight products for six loads,
 * where dot products one by one load twice per product — the CR2 factors' products (cr2-adjustment.ts, cr2-df.ts)
 * spent most of their time loading. Every sum runs over l in increasing order, term by term, exactly as a plain
 * loop `s = 0; for (l …) s += a[l] · b[l]` would, so the result is the same to the last bit.
 *
 * @example rowDots({ data: ru, at: 0, stride: zr, count: k, from: (p) => p }, { data: c, at: 0, stride: r, count: r, from: () => 0 }, r, rc, r) // R1 C, C symmetric
 */
export function rowDots(a: Rows, b: Rows, len: number, out: Float64Array, outStride: number): void {
  let p = 0;
  for (; p + 1 < a.count; p += 2) {
    let j = 0;
    for (; j + 3 < b.count; j += 4) twoByFour(a, p, b, j, len, out, outStride);
    for (; j < b.count; j++) {
      const bj = b.order ? b.order[j] : j;
      out[p * outStride + bj] = dotFrom(a, p, b, bj, len);
      out[(p + 1) * outStride + bj] = dotFrom(a, p + 1, b, bj, len);
    }
  }
  for (; p < a.count; p++) for (let j = 0; j < b.count; j++) out[p * outStride + j] = dotFrom(a, p, b, j, len);
}

function dotFrom(a: Rows, p: number, b: Rows, j: number, len: number): number {
  const ad = a.data;
  const bd = b.data;
  const ap = a.at + p * a.stride;
  const bj = b.at + j * b.stride;
  let s = 0;
  for (let l = Math.max(a.from(p), b.from(j)); l < len; l++) s += ad[ap + l] * bd[bj + l];
  return s;
}

/** Sums from `from` up to (not including) `to`, then the caller goes on from `to`: the first terms of one dot product. */
function head(ad: Float64Array, ap: number, bd: Float64Array, bj: number, from: number, to: number): number {
  let s = 0;
  for (let l = from; l < to; l++) s += ad[ap + l] * bd[bj + l];
  return s;
}

/** Rows p, p + 1 of a with the rows at positions j … j + 3 of b's order. */
function twoByFour(a: Rows, p: number, b: Rows, j: number, len: number, out: Float64Array, outStride: number): void {
  const ad = a.data;
  const bd = b.data;
  const j0 = b.order ? b.order[j] : j;
  const j1 = b.order ? b.order[j + 1] : j + 1;
  const j2 = b.order ? b.order[j + 2] : j + 2;
  const j3 = b.order ? b.order[j + 3] : j + 3;
  const a0 = a.at + p * a.stride;
  const a1 = a0 + a.stride;
  const b0 = b.at + j0 * b.stride;
  const b1 = b.at + j1 * b.stride;
  const b2 = b.at + j2 * b.stride;
  const b3 = b.at + j3 * b.stride;
  const fa0 = a.from(p);
  const fa1 = a.from(p + 1);
  const fb0 = b.from(j0);
  const fb1 = b.from(j1);
  const fb2 = b.from(j2);
  const fb3 = b.from(j3);
  // Each product's own first terms, up to where all eight take part; then all eight together, in the same order.
  const start = Math.min(len, Math.max(fa0, fa1, fb0, fb1, fb2, fb3));
  let s00 = head(ad, a0, bd, b0, Math.max(fa0, fb0), start);
  let s01 = head(ad, a0, bd, b1, Math.max(fa0, fb1), start);
  let s02 = head(ad, a0, bd, b2, Math.max(fa0, fb2), start);
  let s03 = head(ad, a0, bd, b3, Math.max(fa0, fb3), start);
  let s10 = head(ad, a1, bd, b0, Math.max(fa1, fb0), start);
  let s11 = head(ad, a1, bd, b1, Math.max(fa1, fb1), start);
  let s12 = head(ad, a1, bd, b2, Math.max(fa1, fb2), start);
  let s13 = head(ad, a1, bd, b3, Math.max(fa1, fb3), start);
  for (let l = start; l < len; l++) {
    const x0 = ad[a0 + l];
    const x1 = ad[a1 + l];
    const y0 = bd[b0 + l];
    const y1 = bd[b1 + l];
    const y2 = bd[b2 + l];
    const y3 = bd[b3 + l];
    s00 += x0 * y0;
    s01 += x0 * y1;
    s02 += x0 * y2;
    s03 += x0 * y3;
    s10 += x1 * y0;
    s11 += x1 * y1;
    s12 += x1 * y2;
    s13 += x1 * y3;
  }
  const o0 = p * outStride;
  const o1 = o0 + outStride;
  out[o0 + j0] = s00;
  out[o0 + j1] = s01;
  out[o0 + j2] = s02;
  out[o0 + j3] = s03;
  out[o1 + j0] = s10;
  out[o1 + j1] = s11;
  out[o1 + j2] = s12;
  out[o1 + j3] = s13;
}

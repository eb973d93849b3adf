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
  const sums = SUMS;
  sums[0] = head(ad, a0, bd, b0, Math.max(fa0, fb0), start);
  sums[1] = head(ad, a0, bd, b1, Math.max(fa0, fb1), start);
  sums[2] = head(ad, a0, bd, b2, Math.max(fa0, fb2), start);
  sums[3] = head(ad, a0, bd, b3, Math.max(fa0, fb3), start);
  sums[4] = head(ad, a1, bd, b0, Math.max(fa1, fb0), start);
  sums[5] = head(ad, a1, bd, b1, Math.max(fa1, fb1), start);
  sums[6] = head(ad, a1, bd, b2, Math.max(fa1, fb2), start);
  sums[7] = head(ad, a1, bd, b3, Math.max(fa1, fb3), start);
  dotsTwoByFour(ad, a0, a1, bd, b0, b1, b2, b3, start, len, sums);
  const o0 = p * outStride;
  const o1 = o0 + outStride;
  out[o0 + j0] = sums[0];
  out[o0 + j1] = sums[1];
  out[o0 + j2] = sums[2];
  out[o0 + j3] = sums[3];
  out[o1 + j0] = sums[4];
  out[o1 + j1] = sums[5];
  out[o1 + j2] = sums[6];
  out[o1 + j3] = sums[7];
}

/** rowDots' eight running sums (one module-wide buffer: the functions here never call each other re-entrantly). */
const SUMS = new Float64Array(8);

/**
 * The kernel of rowDots and of the CR2 df's pairs of clusters (cr2-df-pairs.ts): adds a_x[l] · b_y[l] for l in
 * [from, to) to sums[4x + y], for the two rows of `a` at a0, a1 and the four of `b` at b0 … b3 — eight products
 * for six loads, each sum in registers and taken term by term in order, so its result is the plain loop's.
 */
export function dotsTwoByFour(a: Float64Array, a0: number, a1: number, b: Float64Array, b0: number, b1: number, b2: number, b3: number, from: number, to: number, sums: Float64Array): void {
  let s00 = sums[0];
  let s01 = sums[1];
  let s02 = sums[2];
  let s03 = sums[3];
  let s10 = sums[4];
  let s11 = sums[5];
  let s12 = sums[6];
  let s13 = sums[7];
  for (let l = from; l < to; l++) {
    const x0 = a[a0 + l];
    const x1 = a[a1 + l];
    const y0 = b[b0 + l];
    const y1 = b[b1 + l];
    const y2 = b[b2 + l];
    const y3 = b[b3 + l];
    s00 += x0 * y0;
    s01 += x0 * y1;
    s02 += x0 * y2;
    s03 += x0 * y3;
    s10 += x1 * y0;
    s11 += x1 * y1;
    s12 += x1 * y2;
    s13 += x1 * y3;
  }
  sums[0] = s00;
  sums[1] = s01;
  sums[2] = s02;
  sums[3] = s03;
  sums[4] = s10;
  sums[5] = s11;
  sums[6] = s12;
  sums[7] = s13;
}

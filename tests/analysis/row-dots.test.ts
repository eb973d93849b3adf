// rowDots (analysis/helpers/row-dots.ts) takes the CR2 factors' products two rows by four at a time; it must give
// every entry exactly as the plain loop `s = 0; for (l from max(a.from(p), b.from(j)) …) s += a·b` did before it
// (the CR2 SEs and df stay the same to the last bit). Seeded shapes (seeds 1–40): odd and even row counts, rows
// starting anywhere up to past the end, an order of b's rows, offsets and strides wider than the length.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rowDots, type Rows } from '../../analysis/helpers/row-dots.ts';
import { seededRandom } from './support.ts';

function plain(a: Rows, b: Rows, len: number, out: Float64Array, outStride: number): void {
  for (let p = 0; p < a.count; p++) {
    for (let j = 0; j < b.count; j++) {
      let s = 0;
      for (let l = Math.max(a.from(p), b.from(j)); l < len; l++) s += a.data[a.at + p * a.stride + l] * b.data[b.at + j * b.stride + l];
      out[p * outStride + j] = s;
    }
  }
}

function rows(next: () => number, count: number, len: number, startsAnywhere: boolean): Rows {
  const at = Math.floor(next() * 5);
  const stride = len + Math.floor(next() * 4);
  const data = Float64Array.from({ length: at + count * stride }, () => (next() - 0.5) * 10 ** Math.floor(next() * 6 - 3));
  const starts = Int32Array.from({ length: count }, () => (startsAnywhere ? Math.floor(next() * (len + 3)) : 0));
  return { data, at, stride, count, from: (row) => starts[row] };
}

test('rowDots equals the plain loop bit for bit, with and without an order of b’s rows', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const next = seededRandom(seed);
    const len = 1 + Math.floor(next() * 30);
    const a = rows(next, 1 + Math.floor(next() * 7), len, seed % 2 === 0);
    const b = rows(next, 1 + Math.floor(next() * 11), len, seed % 3 !== 0);
    if (seed % 4 === 0) b.order = Int32Array.from(b.data.subarray(0, b.count).keys()).sort((i, j) => b.from(i) - b.from(j) || i - j);
    const outStride = b.count + (seed % 5);
    const expected = new Float64Array(a.count * outStride).fill(NaN);
    const got = expected.slice();
    plain(a, b, len, expected, outStride);
    rowDots(a, b, len, got, outStride);
    for (let i = 0; i < expected.length; i++) {
      assert.ok(Object.is(got[i], expected[i]), `seed ${seed}: entry ${i} is ${got[i]}, the plain loop gives ${expected[i]}`);
    }
  }
});

test('rowDots leaves the entries of a row that starts past the end at 0', () => {
  const a: Rows = { data: Float64Array.of(1, 2, 3, 4, 5, 6), at: 0, stride: 3, count: 2, from: (p) => (p === 1 ? 5 : 0) };
  const b: Rows = { data: Float64Array.of(1, 1, 1), at: 0, stride: 3, count: 1, from: () => 0 };
  const out = new Float64Array(2).fill(NaN);
  rowDots(a, b, 3, out, 1);
  assert.deepEqual([...out], [6, 0]);
});

// The CR2 df never forms the n × n matrix (I − H)(I − H)'; this test does, on small random designs, and checks
// that the per-cluster / r × r reduction in analysis/helpers/cr2.ts gives the same variance and df, weighted
// and unweighted, with singleton and larger clusters.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cr2Variance } from '../../analysis/helpers/cr2.ts';
import { PSEUDO_INVERSE_TOLERANCE, symmetricEigenInPlace } from '../../analysis/helpers/symmetric-eigen.ts';
import { seededRandom } from './support.ts';

type Matrix = number[][];
const mul = (a: Matrix, b: Matrix): Matrix => a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
const transpose = (a: Matrix): Matrix => a[0].map((_, j) => a.map((row) => row[j]));
function invert(a: Matrix): Matrix {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    const pivot = m.slice(c).reduce((best, row, i) => (Math.abs(row[c]) > Math.abs(m[best][c]) ? i + c : best), c);
    [m[c], m[pivot]] = [m[pivot], m[c]];
    const d = m[c][c];
    m[c] = m[c].map((v) => v / d);
    for (let i = 0; i < n; i++) if (i !== c) m[i] = m[i].map((v, j) => v - m[i][c] * m[c][j]);
  }
  return m.map((row) => row.slice(n));
}

/** L (row-major) with L Lᵀ = A: a B with (X'WX)⁻¹ = B Bᵀ, as cr2Variance takes it. */
function choleskyFactor(a: Matrix): Float64Array {
  const r = a.length;
  const l = new Float64Array(r * r);
  for (let j = 0; j < r; j++) {
    let d = a[j][j];
    for (let k = 0; k < j; k++) d -= l[j * r + k] ** 2;
    l[j * r + j] = Math.sqrt(d);
    for (let i = j + 1; i < r; i++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= l[i * r + k] * l[j * r + k];
      l[i * r + j] = s / l[j * r + j];
    }
  }
  return l;
}

/** (A)^(+−1/2) of a symmetric m × m block: eigenvalues at or below the tolerance map to 0, as estimatr. */
function inverseSqrtSymmetric(a: Float64Array, m: number): Float64Array {
  const values = a.slice();
  const vectors = new Float64Array(m * m);
  symmetricEigenInPlace(values, m, vectors);
  const f = Array.from({ length: m }, (_, k) => (values[k * m + k] > PSEUDO_INVERSE_TOLERANCE ? 1 / Math.sqrt(values[k * m + k]) : 0));
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) for (let k = 0; k < m; k++) out[i * m + j] += vectors[i * m + k] * f[k] * vectors[j * m + k];
  return out;
}

function bruteForce(x: Matrix, resid: number[], clusters: number[], w: number[]) {
  const n = x.length;
  const r = x[0].length;
  const W = (v: Matrix) => v.map((row, i) => row.map((value) => value * w[i]));
  const M = invert(mul(transpose(x), W(x)));
  const H = mul(mul(x, M), transpose(W(x))); // X M X'W
  const IH = H.map((row, i) => row.map((v, j) => (i === j ? 1 : 0) - v));
  const big = mul(IH, transpose(IH));
  const groups = [...new Set(clusters)];
  const members = groups.map((g) => clusters.flatMap((c, i) => (c === g ? [i] : [])));
  const A = members.map((rows) => {
    const block = Float64Array.from(rows.flatMap((i) => rows.map((j) => big[i][j])));
    const inv = inverseSqrtSymmetric(block, rows.length);
    return rows.map((_, a) => rows.map((__, b) => inv[a * rows.length + b]));
  });
  // V = M Σ X_s'W_s A_s e_s e_s' A_s W_s X_s M; v_s(j) = A_s W_s X_s M e_j
  const meat: Matrix = Array.from({ length: r }, () => new Array(r).fill(0));
  const vOf = members.map((rows, s) => mul(A[s], rows.map((i) => x[i].map((v) => v * w[i]))));
  members.forEach((rows, s) => {
    const u = transpose(vOf[s]).map((col) => col.reduce((acc, v, a) => acc + v * resid[rows[a]], 0));
    for (let j = 0; j < r; j++) for (let k = 0; k < r; k++) meat[j][k] += u[j] * u[k];
  });
  const vcov = mul(mul(M, meat), M);
  const df = Array.from({ length: r }, (_, j) => {
    const v = members.map((_, s) => mul(vOf[s], M).map((row) => row[j]));
    const P = members.map((rs, s) => members.map((rt, t) => rs.reduce((acc, i, a) => acc + v[s][a] * rt.reduce((b, k, c) => b + big[i][k] * v[t][c], 0), 0)));
    const tr = P.reduce((s, row, i) => s + row[i], 0);
    const frob = P.reduce((s, row) => s + row.reduce((t, value) => t + value * value, 0), 0);
    return (tr * tr) / frob;
  });
  return { vcov, df, M };
}

// Seeds 1–4: clusters of 1–6 rows (the adjustment in n_s × n_s space when n_s ≤ r, or 2r weighted); seeds 5–6: three
// clusters of 30 rows and a dummy for cluster 0 (the K × K path, with eigenvalues of H_ss equal to 1: pseudo-inverse).
for (const [seed, weighted, large] of [[1, false, false], [2, true, false], [3, false, false], [4, true, false], [5, false, true], [6, true, true]] as const) {
  test(`CR2 variance and df equal the n × n computation (seed ${seed}, ${weighted ? 'weighted' : 'unweighted'}${large ? ', large clusters' : ''})`, () => {
    const random = seededRandom(seed);
    const n = large ? 90 : 36;
    const clusters: number[] = [];
    for (let g = 0; clusters.length < n; g++) {
      const size = large ? 30 : 1 + Math.floor(random() * 6);
      for (let k = 0; k < size && clusters.length < n; k++) clusters.push(g);
    }
    const x: Matrix = clusters.map((g) => [1, random() < 0.5 ? 1 : 0, random() * 3 - 1, ...(large ? [g === 0 ? 1 : 0] : [])]);
    const rawW = Array.from({ length: n }, () => (weighted ? 0.3 + 2 * random() : 1));
    const meanW = rawW.reduce((s, v) => s + v, 0) / n;
    const w = rawW.map((v) => v / meanW);
    const resid = Array.from({ length: n }, () => random() * 2 - 1);
    const expected = bruteForce(x, resid, clusters, w);

    const r = x[0].length;
    const flat = new Float64Array(n * r);
    x.forEach((row, i) => row.forEach((v, j) => (flat[j * n + i] = v)));
    const codes = Int32Array.from(clusters);
    const got = cr2Variance({
      x: flat,
      n,
      r,
      b: choleskyFactor(expected.M),
      resid: Float64Array.from(resid),
      clusters: codes,
      groups: new Set(clusters).size,
      weights: weighted ? Float64Array.from(w) : undefined,
    });
    for (let j = 0; j < r; j++) {
      assert.ok(Math.abs(got.df[j] / expected.df[j] - 1) < 1e-9, `df[${j}]: ${got.df[j]} vs ${expected.df[j]}`);
      for (let k = 0; k < r; k++) {
        assert.ok(Math.abs(got.vcov[j * r + k] - expected.vcov[j][k]) <= 1e-9 * Math.abs(expected.vcov[j][j]), `vcov[${j}][${k}]`);
      }
    }
  });
}

// The CR2 df never forms the n × n matrix (I − H)(I − H)'; R does, in tests/analysis/r/cr2-identity.R, on small
// random designs, with its own eigen-decomposition (LAPACK) for the blocks' pseudo-inverse square roots. This test
// checks that the per-cluster / r × r reduction in analysis/helpers/cr2.ts (with its own Jacobi solver) gives the
// same variance and df, weighted and unweighted, with singleton and larger clusters (they agree to ~3e-15;
// the test allows 1e-9).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { cr2Variance } from '../../analysis/helpers/cr2.ts';

interface IdentityCase {
  case: number;
  weighted: boolean;
  large: boolean;
  n: number;
  r: number;
  /** Column-major n × r. */
  x: number[];
  resid: number[];
  /** 0-based, contiguous. */
  clusters: number[];
  weights: number[];
  /** R's V, row-major r × r. */
  vcov: number[];
  df: number[];
}

const cases = JSON.parse(readFileSync(new URL('fixtures/cr2_identity.json', import.meta.url), 'utf8')) as IdentityCase[];

/** (X'WX)⁻¹ by Gauss–Jordan with partial pivoting (row-major r × r). */
function inverseCrossProduct(x: number[], n: number, r: number, w: number[]): number[][] {
  const m = Array.from({ length: r }, (_, j) =>
    Array.from({ length: 2 * r }, (__, k) => (k < r ? x.slice(j * n, (j + 1) * n).reduce((s, v, i) => s + v * w[i]! * x[k * n + i]!, 0) : k - r === j ? 1 : 0)),
  );
  for (let c = 0; c < r; c++) {
    const pivot = m.slice(c).reduce((best, row, i) => (Math.abs(row[c]!) > Math.abs(m[best]![c]!) ? i + c : best), c);
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    const d = m[c]![c]!;
    m[c] = m[c]!.map((v) => v / d);
    for (let i = 0; i < r; i++) if (i !== c) m[i] = m[i]!.map((v, j) => v - m[i]![c]! * m[c]![j]!);
  }
  return m.map((row) => row.slice(r));
}

/** L (row-major) with L Lᵀ = A: a B with (X'WX)⁻¹ = B Bᵀ, as cr2Variance takes it. */
function choleskyFactor(a: number[][]): Float64Array {
  const r = a.length;
  const l = new Float64Array(r * r);
  for (let j = 0; j < r; j++) {
    let d = a[j]![j]!;
    for (let k = 0; k < j; k++) d -= l[j * r + k]! ** 2;
    l[j * r + j] = Math.sqrt(d);
    for (let i = j + 1; i < r; i++) {
      let s = a[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i * r + k]! * l[j * r + k]!;
      l[i * r + j] = s / l[j * r + j]!;
    }
  }
  return l;
}

test('the R fixture holds the six designs: four of small clusters, two of three large ones (the pseudo-inverse case)', () => {
  assert.deepEqual(cases.map((c) => [c.case, c.weighted, c.large]), [[1, false, false], [2, true, false], [3, false, false], [4, true, false], [5, false, true], [6, true, true]]);
});

// Both df passes (running sums and pairs of clusters, see cr2-df-pass.test.ts) against R.
for (const [c, pass] of cases.flatMap((c) => (['running-sums', 'pairs'] as const).map((pass) => [c, pass] as const))) {
  test(`CR2 variance and df equal R's n × n computation (case ${c.case}, ${c.weighted ? 'weighted' : 'unweighted'}${c.large ? ', large clusters' : ''}; ${pass})`, () => {
    const { n, r } = c;
    const got = cr2Variance({
      x: Float64Array.from(c.x),
      n,
      r,
      b: choleskyFactor(inverseCrossProduct(c.x, n, r, c.weights)),
      resid: Float64Array.from(c.resid),
      clusters: Int32Array.from(c.clusters),
      groups: new Set(c.clusters).size,
      weights: c.weighted ? Float64Array.from(c.weights) : undefined,
    }, pass);
    for (let j = 0; j < r; j++) {
      assert.ok(Math.abs(got.df[j]! / c.df[j]! - 1) < 1e-9, `df[${j}]: ${got.df[j]} vs R ${c.df[j]}`);
      for (let k = 0; k < r; k++) {
        const expected = c.vcov[j * r + k]!;
        assert.ok(Math.abs(got.vcov[j * r + k]! - expected) <= 1e-9 * Math.abs(c.vcov[j * r + j]!), `vcov[${j}][${k}]: ${got.vcov[j * r + k]} vs R ${expected}`);
      }
    }
  });
}

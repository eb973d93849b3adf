// The CR2 Bell–McCaffrey df has two passes over the pairs of clusters (analysis/helpers/cr2.ts chooses by cost):
// running sums of z_t z_t' (cr2-df.ts, O(G · zr²) a coefficient: many clusters) and every P_st formed directly in
// the clusters' space (cr2-df-pairs.ts, O(G² · zr): few clusters, many columns, e.g. 400 dummies and 200 clusters).
// Both compute the same sums, so their df agree to rounding, and the variance does not depend on the pass. Seeded
// designs (seeds stated below): dummies of a factor with many levels, a numeric covariate, weights (with zeros and
// with a stiff singleton of weight 100), singleton clusters, clusters of one level, a cluster larger than zr.
// The passes against R: tests/analysis/cr2-identity.test.ts (both passes), and every CR2 reference case.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cr2Variance, type Cr2Input, type DfPass } from '../../analysis/helpers/cr2.ts';
import { leastSquares } from '../../analysis/helpers/qr.ts';
import { seededRandom } from './support.ts';

interface Design {
  seed: number;
  n: number;
  levels: number;
  groups: number;
  weights: 'none' | 'uniform' | 'zeros' | 'stiff';
  /** Whether cluster g holds only level g mod levels (a cluster-level factor), else levels are drawn per row. */
  clusterLevel?: boolean;
  /** Rows of the first cluster (the others share the rest): a singleton, or one larger than zr. */
  first?: number;
}

/** The CR2 input of y ~ f + x (treatment coding of f) with the design's clusters and weights, B from the pivoted QR. */
function input(d: Design): Cr2Input {
  const next = seededRandom(d.seed);
  const { n, levels, groups } = d;
  const r = levels + 1;
  const clusters = Int32Array.from({ length: n }, (_, i) => {
    const first = d.first ?? Math.floor(n / groups);
    return i < first ? 0 : Math.min(groups - 1, 1 + Math.floor(((i - first) * (groups - 1)) / (n - first)));
  });
  const x = new Float64Array(n * r);
  const y = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const level = d.clusterLevel ? clusters[i] % levels : Math.floor(next() * levels);
    x[i] = 1;
    if (level > 0) x[level * n + i] = 1;
    x[levels * n + i] = 3 + next();
    y[i] = 0.1 * level + x[levels * n + i] + next() - 0.5;
    w[i] = d.weights === 'zeros' && next() < 0.1 ? 0 : d.weights === 'stiff' && i === 0 ? 100 : 0.5 + next();
  }
  const weighted = d.weights !== 'none';
  const mean = w.reduce((s, v) => s + v, 0) / n;
  const weights = weighted ? w.map((v) => v / mean) : undefined;
  const root = (i: number) => (weights ? Math.sqrt(weights[i]) : 1);
  const fit = leastSquares(x.map((v, k) => v * root(k % n)), n, r, y.map((v, i) => v * root(i)));
  assert.equal(fit.rank, r, `seed ${d.seed}: full rank`);
  const resid = y.map((v, i) => {
    let s = v;
    for (let j = 0; j < r; j++) s -= x[j * n + i] * fit.coef[j];
    return s;
  });
  return { x, n, r, b: fit.b, resid, clusters, groups, weights };
}

const DESIGNS: Design[] = [
  { seed: 1, n: 600, levels: 40, groups: 12, weights: 'none' },
  { seed: 2, n: 600, levels: 40, groups: 12, weights: 'uniform' },
  { seed: 3, n: 900, levels: 60, groups: 30, weights: 'zeros' },
  { seed: 4, n: 300, levels: 25, groups: 20, weights: 'stiff', first: 1 },
  { seed: 5, n: 400, levels: 8, groups: 40, weights: 'none', clusterLevel: true },
  { seed: 6, n: 500, levels: 10, groups: 5, weights: 'uniform', first: 200 },
  { seed: 7, n: 240, levels: 30, groups: 60, weights: 'none', first: 1 },
  { seed: 8, n: 1200, levels: 80, groups: 3, weights: 'zeros' },
];

const run = (d: Design, pass: DfPass) => cr2Variance(input(d), pass);
const describe = (d: Design) => `seed ${d.seed}: N ${d.n}, ${d.levels} levels, ${d.groups} clusters, weights ${d.weights}`;

for (const d of DESIGNS) {
  test(`the pairwise and running-sums df passes agree (${describe(d)})`, () => {
    const pairs = run(d, 'pairs');
    const sums = run(d, 'running-sums');
    assert.deepEqual(pairs.vcov, sums.vcov, 'the variance does not depend on the df pass');
    pairs.df.forEach((df, j) => {
      assert.ok(df > 0, `df[${j}] = ${df}`);
      assert.ok(Math.abs(df / sums.df[j] - 1) < 1e-10, `df[${j}]: pairs ${df}, running sums ${sums.df[j]}`);
    });
  });
}

test('the cost decides the pass: pairs with few clusters and many columns, running sums with many clusters', () => {
  const few: Design = { seed: 9, n: 800, levels: 100, groups: 20, weights: 'uniform' };
  const many: Design = { seed: 10, n: 800, levels: 3, groups: 400, weights: 'none' };
  assert.deepEqual(run(few, 'auto').df, run(few, 'pairs').df);
  assert.deepEqual(run(many, 'auto').df, run(many, 'running-sums').df);
});

// difference_in_means inputs the tenth R trial found (tests/reference/differential/trial10-designs.ts): an outcome
// that is one value in each arm under estimatr's regression routes, cluster labels reused across blocks, and the
// same value named as both conditions. R's calls are beside each test.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { differenceInMeans } from '../../analysis/index.ts';

// 24 rows, two blocks, clusters of two rows (k1…k12), the treatment by cluster, weights 1…2.33.
const rows = Array.from({ length: 24 }, (_, i) => ({
  y: 0.7,
  z: Math.floor(i / 2) % 2,
  b: i < 12 ? 'a' : 'b',
  c: `k${1 + Math.floor(i / 2)}`,
  w: 1 + (i % 5) / 3,
}));

const refused = (pattern: RegExp) => (error: Error) => error.name === 'AnalysisError' && pattern.test(error.message);

test('a constant outcome under the weighted or clustered route is refused: its SE is 0 by construction, R prints roundoff', () => {
  // R: d <- data.frame(y = 0.7, z = rep(c(0, 0, 1, 1), 6), b = rep(c("a", "b"), each = 12), c = paste0("k", rep(1:12, each = 2)),
  //   w = 1 + (0:23 %% 5) / 3); tidy(difference_in_means(y ~ z, data = d, weights = w))
  // gives estimate -2.96e-16, SE 1.10e-16, t -2.69, p 0.013 (clusters = c: t 2.67, p 0.024): "significant" noise.
  for (const extra of [{ weights: 'w' }, { clusters: 'c' }, { clusters: 'c', weights: 'w' }, { blocks: 'b', weights: 'w' }, { blocks: 'b', clusters: 'c' }]) {
    assert.throws(() => differenceInMeans({ rows, outcome: 'y', treatment: 'z', ...extra }), refused(/outcome "y" takes one value in each arm/), JSON.stringify(extra));
  }
  // One value per arm (0.7 and 3.2): the same.
  const step = rows.map((row) => ({ ...row, y: row.z ? 3.2 : 0.7 }));
  assert.throws(() => differenceInMeans({ rows: step, outcome: 'y', treatment: 'z', clusters: 'c' }), refused(/standard error is 0 by construction/));
});

test("a constant outcome under Welch's route is R's exact answer: SE 0, t, p, df NaN", () => {
  // R: tidy(difference_in_means(y ~ z, data = d)): estimate 0, SE 0, statistic, p, conf.low, conf.high, df NaN.
  const [row] = differenceInMeans({ rows, outcome: 'y', treatment: 'z' }).estimates;
  assert.equal(row.estimate, 0);
  assert.equal(row.std_error, 0);
  assert.ok([row.statistic, row.p_value, row.conf_low, row.conf_high, row.df].every(Number.isNaN));
});

test('a cluster label in two blocks is refused as estimatr refuses it, in words', () => {
  // R: difference_in_means(y ~ z, blocks = b, clusters = cl, data = d) with cl "k1"…"k6" in both blocks:
  //   "All `clusters` must be contained within `blocks`" (or, after subsetting, "missing value where TRUE/FALSE needed").
  const reused = rows.map((row, i) => ({ ...row, y: i * 0.37 - (i % 3), c: `k${1 + (Math.floor(i / 2) % 6)}` }));
  assert.throws(
    () => differenceInMeans({ rows: reused, outcome: 'y', treatment: 'z', blocks: 'b', clusters: 'c' }),
    refused(/clusters must be nested within blocks: cluster "k1" of "c" is in blocks "a" and "b"/),
  );
});

test('condition1 equal to condition2 is refused in words (R compares an arm with itself: estimate 0)', () => {
  // R: difference_in_means(y ~ z, data = d, condition1 = 1, condition2 = 1) returns estimate 0, SE 0.376, p 1.
  const varied = rows.map((row, i) => ({ ...row, y: i * 0.37 - (i % 3) }));
  assert.throws(
    () => differenceInMeans({ rows: varied, outcome: 'y', treatment: 'z', condition1: '1', condition2: 1 }),
    refused(/condition1 and condition2 are both "1": name two different values of treatment column "z"/),
  );
});

test('a constant outcome in matched pairs of clusters is not refused: the pairs give SE exactly 0, as in R', () => {
  // R: tidy(difference_in_means(y ~ z, blocks = p, clusters = c, data = d)) with blocks p of two clusters: SE 0, df 5.
  const pairs = rows.map((row, i) => ({ ...row, p: `p${Math.floor(i / 4)}` }));
  const result = differenceInMeans({ rows: pairs, outcome: 'y', treatment: 'z', blocks: 'p', clusters: 'c' });
  assert.equal(result.design, 'Matched-pair clustered');
  assert.equal(result.estimates[0].std_error, 0);
  assert.equal(result.estimates[0].df, 5);
});

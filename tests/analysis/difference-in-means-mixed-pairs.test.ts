// Blocks of two units (or clusters) beside larger blocks (R trial 41, seed 41100002's blocked, clustered design: 4
// blocks of 2–5 clusters): estimatr then takes the matched-pair estimator for every block and warns that it does;
// vlab took the same estimator (its design line says "Matched-pair") without the warning, so an analyst with one
// block of two among blocks of twenty did not learn why the df were J − 1. R's values by
// tests/analysis/r/difference-in-means-mixed-pairs.R (R 4.2.2, estimatr 1.0.0); the data are written out, no draw.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { differenceInMeans } from '../../analysis/index.ts';

const Y = [1.2, 2.5, 0.8, 1.9, 2.2, 1.1, 3.0, 2.4];
const T = [0, 1, 0, 1, 0, 1, 0, 1];
const B = ['a', 'a', 'b', 'b', 'b', 'b', 'c', 'c'];
const rows = Y.map((y, i) => ({ y, t: T[i], b: B[i] }));
const clustered = [1.2, 2.5, 0.8, 1.9, 2.2, 1.1, 3.0, 2.4, 1.7, 2.6].map((y, i) => ({
  y, t: i % 2, b: i < 4 ? 'a' : 'b', k: [1, 2, 1, 2, 3, 4, 5, 4, 3, 6][i],
}));

function agrees(result: ReturnType<typeof differenceInMeans>, [estimate, se, df]: number[]): void {
  const [row] = result.estimates;
  assert.ok(Math.abs((row.estimate as number) - estimate) <= 1e-12, `estimate ${row.estimate} against ${estimate}`);
  assert.ok(Math.abs((row.std_error as number) - se) <= 1e-12 * se, `SE ${row.std_error} against ${se}`);
  assert.equal(row.df, df);
}

const MIXED = /some blocks have two (units|clusters) while others have more: the matched-pair estimator of the variance is used for every block, as estimatr does \(df J − 1\)/;

test('blocks of two units beside a block of four: the matched-pair estimator, with estimatr\'s warning', () => {
  // R: tidy(difference_in_means(y ~ t, data = d, blocks = b)): 0.175, 0.562268470868973, df 2, and the warning
  // "Some `blocks` have two units/`clusters` while other blocks have more units/`clusters`. …"
  const result = differenceInMeans({ rows, outcome: 'y', treatment: 't', blocks: 'b' });
  agrees(result, [0.175, 0.562268470868973, 2]);
  assert.equal(result.design, 'Matched-pair');
  assert.ok(result.warnings.some((w) => MIXED.test(w)), result.warnings.join('\n'));
});

test('blocks of two clusters beside one of four: the same; blocks of two only are matched pairs without a word', () => {
  // R: tidy(difference_in_means(y ~ t, data = e, blocks = b, clusters = k)): 0.32, 0.64, df 1, and the warning.
  const mixed = differenceInMeans({ rows: clustered, outcome: 'y', treatment: 't', blocks: 'b', clusters: 'k' });
  agrees(mixed, [0.32, 0.64, 1]);
  assert.ok(mixed.warnings.some((w) => /some blocks have two clusters/.test(w)), mixed.warnings.join('\n'));
  // R: tidy(difference_in_means(y ~ t, data = d[d$b != "b", ], blocks = b)): 0.35, 0.95, df 1, no warning.
  const pairs = differenceInMeans({ rows: rows.filter((row) => row.b !== 'b'), outcome: 'y', treatment: 't', blocks: 'b' });
  agrees(pairs, [0.35, 0.95, 1]);
  assert.deepEqual(pairs.warnings, []);
});

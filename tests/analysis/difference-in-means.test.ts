import assert from 'node:assert/strict';
import { test } from 'node:test';
import { differenceInMeans } from '../../analysis/index.ts';
import { assertMatchesR } from './support.ts';

const frame = (columns: Record<string, number[]>) =>
  columns[Object.keys(columns)[0]].map((_, i) => Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, v[i]])));

test('zero variance in both arms: se 0, statistic Inf, p and df NaN, as estimatr', () => {
  // R: tidy(difference_in_means(y ~ z, data = data.frame(y = c(1,1,1,2,2,2), z = c(0,0,0,1,1,1))))
  const [row] = differenceInMeans({ rows: frame({ y: [1, 1, 1, 2, 2, 2], z: [0, 0, 0, 1, 1, 1] }), outcome: 'y', treatment: 'z' }).estimates;
  assert.equal(row.estimate, 1);
  assert.equal(row.std_error, 0);
  assert.equal(row.statistic, Infinity);
  assert.ok(Number.isNaN(row.p_value) && Number.isNaN(row.df) && Number.isNaN(row.conf_low));
});

test('zero variance in one arm', () => {
  // R: tidy(difference_in_means(y ~ z, data = data.frame(y = c(1,1,1,2,3,5), z = c(0,0,0,1,1,1))))
  const result = differenceInMeans({ rows: frame({ y: [1, 1, 1, 2, 3, 5], z: [0, 0, 0, 1, 1, 1] }), outcome: 'y', treatment: 'z' });
  assertMatchesR(result.estimates, [['z', 2.3333333333333335, 0.88191710368819687, 2.6457513110645907, 0.11808289631180312, -1.4612497002634259, 6.1279163669300925, 2]], 'one arm constant');
});

test('matched pairs (blocks of two)', () => {
  const rows = frame({ y: [3.1, 4.2, 2.2, 2.9, 5.0, 6.1, 1.0, 1.7], z: [0, 1, 1, 0, 0, 1, 0, 1], b: [1, 1, 2, 2, 3, 3, 4, 4] });
  // R: tidy(difference_in_means(y ~ z, blocks = b, data = pairs))
  const result = differenceInMeans({ rows, outcome: 'y', treatment: 'z', blocks: 'b' });
  assert.equal(result.design, 'Matched-pair');
  assertMatchesR(result.estimates, [['z', 0.55000000000000004, 0.42720018726587644, 1.2874526191574367, 0.28826783651897758, -0.80954165758079655, 1.9095416575807966, 3]], 'pairs');
});

test('clustered: CR2 with Bell-McCaffrey df', () => {
  const rows = frame({
    y: [3.1, 4.2, 2.2, 2.9, 5.0, 6.1, 1.0, 1.7, 2.5, 3.3, 4.4, 2.0],
    z: [0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1],
    g: [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6],
  });
  // R: tidy(difference_in_means(y ~ z, clusters = g, data = cl))
  assertMatchesR(differenceInMeans({ rows, outcome: 'y', treatment: 'z', clusters: 'g' }).estimates, [
    ['z', -1.6666666666666694, 0.95684667296048853, -1.7418325357290465, 0.15650249251727213, -4.323298928232612, 0.98996559489927294, 3.9999999999999987],
  ], 'clustered');
});

test('block-clustered: df = clusters − 2 · blocks', () => {
  const rows = frame({
    y: [3.1, 4.2, 2.2, 2.9, 5.0, 6.1, 1.0, 1.7, 2.5, 3.3, 4.4, 2.0, 3.0, 2.2, 4.1, 5.5],
    z: [0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0],
    g: [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8],
    b: [1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2],
  });
  // R: tidy(difference_in_means(y ~ z, clusters = g, blocks = b, data = bc))
  const result = differenceInMeans({ rows, outcome: 'y', treatment: 'z', clusters: 'g', blocks: 'b' });
  assert.equal(result.design, 'Block-clustered');
  assertMatchesR(result.estimates, [['z', -1.799999999999998, 0.75083287088406003, -2.3973377695632951, 0.074571378978630573, -3.8846462491876532, 0.28464624918765713, 4]], 'block-clustered');
});

test('a single treated unit, a constant treatment or mixed treatment in a cluster is an error', () => {
  // R: difference_in_means(y ~ z, data = data.frame(y = 1:4, z = c(0,0,0,1))) stops: "... at least two treated and control units."
  assert.throws(() => differenceInMeans({ rows: frame({ y: [1, 2, 3, 4], z: [0, 0, 0, 1] }), outcome: 'y', treatment: 'z' }), /at least two units/);
  assert.throws(() => differenceInMeans({ rows: frame({ y: [1, 2, 3], z: [1, 1, 1] }), outcome: 'y', treatment: 'z' }), /exactly two values, found 1/);
  assert.throws(
    () => differenceInMeans({ rows: frame({ y: [1, 2, 3, 4], z: [0, 1, 0, 1], g: [1, 1, 2, 2] }), outcome: 'y', treatment: 'z', clusters: 'g' }),
    /same treatment condition/,
  );
  assert.throws(() => differenceInMeans({ rows: frame({ y: [1, 2], z: [0, 1] }), outcome: 'y', treatment: 'treat' }), {
    message: 'differenceInMeans: treatment references unknown column "treat" (the data\'s columns: "y", "z")',
  });
});

test('missing outcomes are dropped and counted', () => {
  const rows = [...frame({ y: [1, 2, 3, 4, 5, 6], z: [0, 0, 0, 1, 1, 1] }), { y: 'NA', z: 1 }, { y: 3, z: null }];
  const result = differenceInMeans({ rows, outcome: 'y', treatment: 'z' });
  assert.equal(result.nobs, 6);
  assert.equal(result.nDropped, 2);
  assert.equal(result.estimates[0].estimate, 3);
});

test('term names follow estimatr: the column for 0/1, column + treated value otherwise', () => {
  const y = [1, 2, 3, 4, 5, 7];
  // R: tidy(difference_in_means(y ~ z, data = data.frame(y, z = rep(c("a", "b"), each = 3))))$term == "zb"; u = 1/2 gives "u2"
  const letters = differenceInMeans({ rows: y.map((v, i) => ({ y: v, z: i < 3 ? 'a' : 'b' })), outcome: 'y', treatment: 'z' });
  assert.equal(letters.estimates[0].term, 'zb');
  assert.ok(Math.abs((letters.estimates[0].std_error as number) - 1.054093) < 1e-6);
  assert.equal(differenceInMeans({ rows: y.map((v, i) => ({ y: v, u: i < 3 ? 1 : 2 })), outcome: 'y', treatment: 'u' }).estimates[0].term, 'u2');
  assert.equal(differenceInMeans({ rows: y.map((v, i) => ({ y: v, t: i < 3 ? 0 : 1 })), outcome: 'y', treatment: 't' }).estimates[0].term, 't');
});

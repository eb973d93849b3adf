// Weighted difference in means against estimatr 1.0.0 (expected values and designs: tests/analysis/r/difference-in-means-weights.R):
// unblocked (weighted HC2, df N − 2), clustered and block-clustered (weighted CR2), blocked (blocks weighted by
// their total weight), zero and missing weights, and 48 random designs (seed 20261203), each to 1e-8 relative on
// estimate, SE, statistic, p, CI and df; estimatr's refusals refused with the same rule; where estimatr has no
// standard error (a block without weight: NaN; an arm whose weight is on one row: leverage 1, 0/0, which
// estimatr prints as NaN or rounding noise) a clear error instead.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { differenceInMeans, rowsFromCsv, type Row } from '../../analysis/index.ts';

const fixtures = new URL('./fixtures/', import.meta.url);
const read = (file: string) => rowsFromCsv(readFileSync(new URL(file, fixtures), 'utf8'));
const data = read('dim_weights.csv');
const expected = read('dim_weights.expected.csv');
const calls = read('dim_weights.calls.csv');
const COLUMNS = [
  ['estimate', 'estimate'],
  ['std_error', 'std.error'],
  ['statistic', 'statistic'],
  ['p_value', 'p.value'],
  ['conf_low', 'conf.low'],
  ['conf_high', 'conf.high'],
  ['df', 'df'],
] as const;

function fit(call: Row) {
  const rows = data.filter((row) => row.id === call.id);
  // R: tidy(difference_in_means(y ~ z, d, weights = w[, blocks = b][, clusters = g]))
  return differenceInMeans({
    rows,
    outcome: 'y',
    treatment: 'z',
    weights: 'w',
    blocks: call.blocks === 'TRUE' ? 'b' : undefined,
    clusters: call.clusters === 'TRUE' ? 'g' : undefined,
  });
}

function checkAgainstR(call: Row): void {
  const what = `case ${call.id} (${call.name})`;
  const result = fit(call);
  assert.equal(result.design, call.design, `${what}: design`);
  const want = expected.filter((row) => row.id === call.id);
  assert.equal(want.length, 1);
  const [row] = result.estimates;
  assert.equal(row.term, String(want[0].term), `${what}: term`);
  for (const [ours, r] of COLUMNS) {
    const got = row[ours] as number;
    const value = Number(want[0][r]);
    // 1e-8 relative; p-values below 1e-300 would need an absolute floor, none of these is.
    assert.ok(Math.abs(got - value) <= 1e-8 * Math.abs(value), `${what}: ${ours} got ${got}, expected ${value}`);
  }
}

const named = calls.filter((call) => !String(call.name).startsWith('random') && call.error === '' && !String(call.name).startsWith('no SE'));

test('weighted difference in means equals estimatr: unblocked, clustered, blocked, block-clustered', () => {
  for (const name of ['unblocked', 'clustered', 'blocked', 'block-clustered']) checkAgainstR(named.find((call) => call.name === name)!);
});

test('zero weights, a cluster whose rows differ in weight, a character treatment, a missing weight and constant weights equal estimatr', () => {
  const rest = named.filter((call) => !['unblocked', 'clustered', 'blocked', 'block-clustered'].includes(String(call.name)));
  assert.equal(rest.length, 8);
  for (const call of rest) checkAgainstR(call);
  const dropped = fit(named.find((call) => call.name === 'missing weight dropped')!);
  assert.equal(dropped.nDropped, 1);
});

test('48 random weighted designs (seed 20261203 in the R script) equal estimatr to 1e-8', () => {
  const random = calls.filter((call) => String(call.name).startsWith('random'));
  assert.equal(random.length, 48);
  for (const call of random) checkAgainstR(call);
});

test('refused as estimatr refuses: a negative weight, matched pairs (also some blocks of two, also clustered)', () => {
  const refused = calls.filter((call) => call.error !== '');
  assert.equal(refused.length, 4);
  for (const call of refused) {
    const rule = String(call.error).startsWith('`weights` must not be negative') ? /weights column "w" has a negative value \(row \d+\); weights must not be negative/ : /weights column "w" cannot be used with matched pairs/;
    assert.throws(() => fit(call), rule, `case ${call.id} (${call.name}): estimatr says "${call.error}"`);
  }
});

test('where estimatr has no standard error, a clear error: a block without weight, an arm whose weight is on one row', () => {
  const [empty, single] = calls.filter((call) => String(call.name).startsWith('no SE'));
  assert.equal(expected.find((row) => row.id === empty.id)!.estimate, 'NA', "estimatr's estimate with a block without weight is NaN");
  assert.throws(() => fit(empty), { message: 'differenceInMeans: weights column "w": each arm needs at least two units with a positive weight (in every block) for a standard error (estimatr gives NaN, or at leverage 1 rounding noise)' });
  assert.throws(() => fit(single), /weights column "w": each arm needs at least two units with a positive weight/);
});

test('weights: no positive weight, a non-numeric weight, an unknown column', () => {
  const rows = [0, 1, 0, 1, 0, 1].map((z, i) => ({ y: i, z, w: 0, v: i === 2 ? 'heavy' : 1 }));
  assert.throws(() => differenceInMeans({ rows, outcome: 'y', treatment: 'z', weights: 'w' }), { message: 'differenceInMeans: weights column "w" has no positive weight' });
  assert.throws(() => differenceInMeans({ rows, outcome: 'y', treatment: 'z', weights: 'v' }), /weights column "v" is not numeric \(row 3: "heavy"\)/);
  assert.throws(() => differenceInMeans({ rows, outcome: 'y', treatment: 'z', weights: 'wt' }), { message: 'differenceInMeans: weights references unknown column "wt" (did you mean "w"?)' });
});

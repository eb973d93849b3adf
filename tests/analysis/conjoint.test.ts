// The conjoint estimators on a small constrained design with weights and missing values (fixtures/conjoint_small.*,
// made by tests/analysis/r/conjoint.R: survey for cregg's computations, clubSandwich for CR2 and its df), and
// their edge cases: a one-level feature, bad input, a constraint that removes nothing; the chi-square tail.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { amce, amceDiffs, chiSquareUpperTail, freqs, lmRobust, mm, mmDiffs, rowsFromCsv, type ConjointEstimate, type Row } from '../../analysis/index.ts';
import { assertCloseToR } from './support.ts';

const fixtures = join(import.meta.dirname, 'fixtures');
const rows = rowsFromCsv(readFileSync(join(fixtures, 'conjoint_small.csv'), 'utf8'));
interface Expected { feature: string; level: string; estimate: number; std_error: number; z: number; p: number; lower: number; upper: number; df: number | null }
const expected = JSON.parse(readFileSync(join(fixtures, 'conjoint_small.expected.json'), 'utf8')) as Record<string, Expected[]> & {
  amce_by_party: Record<string, Expected[]>;
  freqs: Record<string, { chisq: number; p: number }>;
  nobs_amce: number;
};
const levels = { regime: ['democracy', 'autocracy', 'hybrid'], troops: ['none', 'stationed'], behaviour: ['cooperate', 'criticise', 'evict'], party: ['dem', 'rep'] };
const FORMULA = 'rating ~ regime + troops * behaviour';

function assertRows(got: ConjointEstimate[], want: Expected[], what: string): void {
  assert.deepEqual(got.map((r) => `${r.feature}/${r.level}`), want.map((r) => `${r.feature}/${r.level}`), what);
  got.forEach((row, k) => {
    const w = want[k];
    for (const column of ['estimate', 'std_error', 'z', 'p', 'lower', 'upper'] as const) {
      assertCloseToR(row[column], w[column], `${what} ${w.feature} ${w.level} ${column}`, column === 'p');
    }
    if (w.df === null) assert.equal(row.df, null);
    else assertCloseToR(row.df, w.df, `${what} ${w.feature} ${w.level} df`);
  });
}

const estimated = (result: { estimates: ConjointEstimate[] }): ConjointEstimate[] => result.estimates.filter((r) => r.std_error !== null);

test('weighted constrained amce equals survey::svyglm with cregg\'s averaging; rows with a missing value are dropped', () => {
  // R: svyglm(rating ~ regime + troops * behaviour, svydesign(ids = ~id, weights = ~w, data = complete rows))
  const result = amce({ formula: FORMULA, rows, id: 'id', weights: 'w', levels, seType: 'cregg' });
  assert.equal(result.nobs, expected.nobs_amce);
  assert.equal(result.nDropped, rows.length - expected.nobs_amce);
  assertRows(estimated(result), expected.amce_weighted, 'amce weighted');
  // References: estimate 0, NA elsewhere, first in each feature.
  const references = result.estimates.filter((r) => r.std_error === null);
  assert.deepEqual(references.map((r) => [r.level, r.estimate, r.z, r.p, r.lower, r.upper, r.df]), [
    ['democracy', 0, null, null, null, null, null],
    ['none', 0, null, null, null, null, null],
    ['cooperate', 0, null, null, null, null, null],
  ]);
});

test('amce defaults to CR2: the averaged rows have clubSandwich\'s CR2 standard error and Satterthwaite df', () => {
  // R: clubSandwich::linear_contrast(lm on the columns glm keeps, vcov = "CR2", cluster = id, test = "Satterthwaite")
  const result = amce({ formula: FORMULA, rows, id: 'id', levels });
  assert.equal(result.seType, 'CR2');
  assertRows(estimated(result), expected.amce_cr2, 'amce CR2');
  // An unconstrained feature's row is lm_robust's own coefficient.
  const fit = lmRobust({ formula: FORMULA, rows, clusters: 'id', levels });
  const autocracy = fit.estimates.find((r) => r.term === 'regimeautocracy')!;
  assertCloseToR(result.estimates[1].std_error, autocracy.std_error!, 'regime autocracy se vs lmRobust');
});

test('amce by a subgroup: each group\'s constrained AMCEs, rows carrying BY (cregg: cj(..., by = ~party))', () => {
  const result = amce({ formula: FORMULA, rows, id: 'id', levels, seType: 'cregg', by: 'party' });
  for (const group of ['dem', 'rep']) {
    assertRows(estimated(result).filter((r) => r.BY === group), expected.amce_by_party[group], `amce ${group}`);
  }
  assert.deepEqual([...new Set(result.estimates.map((r) => r.BY))], ['dem', 'rep']);
});

test('amceDiffs with se type cregg equals cregg::amce_diffs (glm, sandwich::vcovCL: G/(G − 1)·CR0 for a glm, z tests)', () => {
  const result = amceDiffs({ formula: 'rating ~ regime + troops + behaviour', rows, id: 'id', by: 'party', levels, seType: 'cregg' });
  assertRows(result.estimates, expected.amce_diffs, 'amce_diffs');
  assert.ok(result.estimates.every((r) => r.BY === 'rep - dem' && r.statistic === 'amce_difference'));
  assert.throws(() => amceDiffs({ formula: FORMULA, rows, id: 'id', by: 'party' }), /amce_diffs: constrained designs/);
  assert.equal(amceDiffs({ formula: 'rating ~ regime', rows, id: 'id', by: 'party', levels }).estimates[0].df !== null, true);
});

test('weighted mm per feature on its own complete rows, and mm_diffs by party, equal survey', () => {
  const means = mm({ formula: 'rating ~ regime + behaviour', rows, id: 'id', weights: 'w', levels });
  assertRows(means.estimates, expected.mm_weighted, 'mm weighted');
  const diffs = mmDiffs({ formula: 'rating ~ regime + behaviour', rows, id: 'id', weights: 'w', by: 'party', levels });
  assertRows(diffs.estimates, expected.mm_diffs_weighted, 'mm_diffs weighted');
  assert.ok(diffs.estimates.every((r) => r.BY === 'rep - dem' && r.statistic === 'mm_difference'));
});

test('mm: h0 moves z and p, not the estimate or interval; by gives a BY column per group', () => {
  const plain = mm({ formula: 'chosen ~ troops', rows, id: 'id', levels });
  const half = mm({ formula: 'chosen ~ troops', rows, id: 'id', levels, h0: 0.5 });
  const [a, b] = [plain.estimates[0], half.estimates[0]];
  assert.equal(a.estimate, b.estimate);
  assert.equal(a.lower, b.lower);
  assertCloseToR(b.z, (a.estimate! - 0.5) / a.std_error!, 'z against 0.5');
  const byParty = mm({ formula: 'chosen ~ troops', rows, id: 'id', levels, by: 'party' });
  assert.deepEqual(byParty.estimates.map((r) => `${r.BY} ${r.level}`), ['dem none', 'dem stationed', 'rep none', 'rep stationed']);
});

test('a feature with one level: amce refuses it by name; mm reports its mean', () => {
  const one: Row[] = rows.map((row) => ({ ...row, country: 'ally' }));
  assert.throws(() => amce({ formula: 'rating ~ country + troops', rows: one, id: 'id' }), /^AnalysisError: amce: feature "country" shows one level \("ally"\)/);
  const means = mm({ formula: 'chosen ~ country', rows: one, id: 'id' });
  assert.equal(means.estimates.length, 1);
  const mean = one.reduce((sum, row) => sum + Number(row.chosen), 0) / one.length;
  assertCloseToR(means.estimates[0].estimate, mean, 'mean of one level');
});

test('a constraint with every pair shown: the AMCE averages over all pairs', () => {
  // regime × troops is unrestricted: the AMCE of regime over troops is β + (β:stationed)/2, the effect at the
  // average of the two troops levels, which equals the additive model's only when the interaction is 0.
  const result = amce({ formula: 'rating ~ regime * troops', rows, id: 'id', levels, seType: 'cregg' });
  const fit = lmRobust({ formula: 'rating ~ regime * troops', rows, clusters: 'id', levels, seType: 'cregg' });
  const beta = (term: string): number => fit.estimates.find((r) => r.term === term)!.estimate!;
  assertCloseToR(result.estimates[1].estimate, beta('regimeautocracy') + beta('regimeautocracy:troopsstationed') / 2, 'regime autocracy');
});

test('bad input: clear messages naming the function and the problem', () => {
  const cases: [() => unknown, RegExp][] = [
    [() => amce({ formula: 'rating ~ regime + troops', rows, id: 'respondent' }), /amce: id references unknown column "respondent"/],
    [() => amce({ formula: 'rating ~ regim', rows, id: 'id' }), /amce: .*regim/],
    [() => amce({ formula: 'regime ~ troops', rows, id: 'id' }), /amce: outcome column "regime" is not numeric/],
    [() => amce({ formula: 'rating ~ regime * troops * behaviour', rows, id: 'id' }), /only two-way constraints/],
    [() => amce({ formula: 'rating ~ regime * troops + regime * behaviour', rows, id: 'id' }), /"regime" is in two constraints/],
    [() => amce({ formula: 'rating ~ regime:troops', rows, id: 'id' }), /write the constraint as "a \* b"/],
    [() => amce({ formula: 'rating ~ 0 + regime', rows, id: 'id' }), /drop "0 \+"/],
    [() => amce({ formula: FORMULA, rows, id: 'id', seType: 'HC2' }), /se type "HC2" cannot be used with clusters/],
    [() => amce({ formula: FORMULA, rows, id: 'id', alpha: 2 }), /amce: alpha must be between 0 and 1/],
    [() => amce({ formula: FORMULA, rows, id: 'id', levels: { regime: ['democracy', 'autocracy'] } }), /"regime" has the value "hybrid", which is not among its declared levels/],
    [() => amce({ formula: FORMULA, rows, id: 'id', weights: 'party' }), /weights column "party" is not numeric/],
    [() => mmDiffs({ formula: 'rating ~ regime', rows: rows.filter((r) => r.party === 'dem'), id: 'id', by: 'party' }), /mm_diffs: "party" has one group \(dem\)/],
  ];
  for (const [run, message] of cases) assert.throws(run, message);
});

test('freqs: displayed counts against design probabilities, chi-square equal to R\'s chisq.test', () => {
  // R: chisq.test(table(regime), p = c(0.4, 0.3, 0.3)); chisq.test(table(troops))
  const result = freqs({ formula: '~ regime + troops', rows, levels, probabilities: { regime: { democracy: 0.4, autocracy: 0.3, hybrid: 0.3 } } });
  const regime = result.filter((r) => r.feature === 'regime');
  assert.deepEqual(regime.map((r) => r.level), levels.regime);
  assert.equal(regime.reduce((sum, r) => sum + r.count, 0), rows.filter((r) => r.regime !== 'NA' && r.regime !== null && r.regime !== '').length);
  assertCloseToR(regime[0].chisq, expected.freqs.regime.chisq, 'regime chisq');
  assertCloseToR(regime[0].p, expected.freqs.regime.p, 'regime p', true);
  const troops = result.filter((r) => r.feature === 'troops');
  assertCloseToR(troops[0].chisq, expected.freqs.troops.chisq, 'troops chisq');
  assertCloseToR(troops[0].p, expected.freqs.troops.p, 'troops p', true);
  assert.deepEqual([troops[0].df, troops[0].probability], [1, 0.5]);
  assert.throws(() => freqs({ formula: '~ regime', rows, probabilities: { regime: { democracy: 0.5, autocracy: 0.3, hybrid: 0.3 } } }), /sum to 1.1, not 1/);
});

test('chiSquareUpperTail equals R\'s pchisq(x, df, lower.tail = FALSE), odd and even df, far tails', () => {
  // R: sprintf("%.17g", pchisq(x, df, lower.tail = FALSE))
  const cases: [number, number, number][] = [
    [3.84, 1, 0.050043521248705224],
    [0.5, 2, 0.77880078307140488],
    [10, 3, 0.018566135463043233],
    [7.3, 5, 0.19926778992124203],
    [100, 9, 1.5735176303753944e-17],
    [1, 10, 0.99982788437004411],
    [50, 11, 6.2594030603981246e-7],
    [1400, 12, 1.3908502554045541e-292],
  ];
  for (const [x, df, p] of cases) assert.ok(Math.abs(chiSquareUpperTail(x, df) - p) <= 1e-12 * p, `pchisq(${x}, ${df})`);
  assert.equal(chiSquareUpperTail(0, 3), 1);
  assert.throws(() => chiSquareUpperTail(1, 1.5), /whole number/);
});

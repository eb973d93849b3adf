// Conjoint estimates by group where a group lacks something the whole sample has (found by the 2026-12-03 trial
// against R): the first declared level of a feature never shown in a group, and a marginal mean with variance 0
// in one group. Expected values: Rscript tests/analysis/r/conjoint-groups.R (the R calls are there).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { amce, mmDiffs, rowsFromCsv } from '../../analysis/index.ts';
import { assertCloseToR } from './support.ts';

const here = dirname(fileURLToPath(import.meta.url));
const rows = rowsFromCsv(readFileSync(join(here, 'fixtures/conjoint_groups.csv'), 'utf8'));
const levels = { regime: ['democracy', 'autocracy', 'hybrid'], troops: ['none', 'stationed'], party: ['dem', 'rep'] };

test('amce by group: a level the group never saw is dropped there, and the reference is the first level present', () => {
  const result = amce({ formula: 'rating ~ regime + troops', rows, id: 'id', by: 'party', levels });
  const rep = result.estimates.filter((row) => row.BY === 'rep');
  assert.deepEqual(rep.map((row) => `${row.feature}=${row.level}`), ['regime=autocracy', 'regime=hybrid', 'troops=none', 'troops=stationed']);
  assert.equal(rep[0].estimate, 0);
  // R: tidy(lm_robust(rating ~ regime + troops, d[d$party == "rep", ], clusters = id, se_type = "CR2"))
  assertCloseToR(rep[1].estimate, -1.19109096735797, 'regimehybrid');
  assertCloseToR(rep[1].std_error, 0.176871564818004, 'regimehybrid SE');
  assertCloseToR(rep[1].df, 21.8010979645229, 'regimehybrid df');
  assertCloseToR(rep[3].estimate, 0.73423980222497, 'troopsstationed');
  assertCloseToR(rep[3].std_error, 0.16914573212554, 'troopsstationed SE');
  // dem saw all three levels: democracy stays its reference.
  assert.equal(result.estimates.find((row) => row.BY === 'dem' && row.feature === 'regime')?.level, 'democracy');
});

test('amce by group: a feature with one level in a group is an error naming the group', () => {
  const oneLevel = rows.filter((row) => !(row.party === 'dem' && row.troops === 'stationed'));
  assert.throws(() => amce({ formula: 'rating ~ regime + troops', rows: oneLevel, id: 'id', by: 'party', levels }), {
    message: 'amce: feature "troops" shows one level ("none") in group "dem" of "party"; an AMCE needs two',
  });
});

test('mm_diffs with CR2: a group whose mean has variance 0 leaves the other group\'s df (was NaN)', () => {
  // The trial's case: every rep respondent who saw 'hybrid "new"' rated it 5. R (conjoint-groups.R, part 3):
  // lm_robust(rating ~ 0 + regime, <group>, clusters = id, se_type = "CR2") gives dem 5.3333, SE 0.881917103688197,
  // df 2, and rep 5 with SE 0 and df NaN; Welch–Satterthwaite's limit as rep's variance goes to 0 is dem's df.
  const zero = rowsFromCsv(readFileSync(join(here, 'fixtures/conjoint_zero_variance.csv'), 'utf8'));
  const zeroLevels = { regime: ['democracy', 'autocracy', 'hybrid "new"'], party: ['dem', 'rep'] };
  const result = mmDiffs({ formula: 'rating ~ regime', rows: zero, id: 'id', by: 'party', levels: zeroLevels, seType: 'CR2' });
  const hybrid = result.estimates.find((row) => row.level === 'hybrid "new"');
  assert.ok(hybrid);
  assertCloseToR(hybrid.estimate, 5 - 5.33333333333333, 'difference');
  assertCloseToR(hybrid.std_error, 0.881917103688197, 'SE');
  assertCloseToR(hybrid.df, 2, 'df');
  assert.ok(Number.isFinite(hybrid.p) && Number.isFinite(hybrid.lower) && Number.isFinite(hybrid.upper));
});

// A conjoint feature coded as numbers (price 5, 10, 20) and a numeric subgroup (wave 5, 10) are factors whose levels
// sort numerically, as R's factor() sorts them (found by the third trial against R, 2026-12-03: vlab sorted them as
// text, "10" < "20" < "5", so the reference level, every AMCE and the sign of mm_diffs changed).
// Expected values: Rscript tests/analysis/r/conjoint-numeric-features.R (the R calls are there).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { amce, freqs, mm, mmDiffs, tableFromCsv } from '../../analysis/index.ts';
import { assertCloseToR } from './support.ts';

const here = dirname(fileURLToPath(import.meta.url));
const rows = tableFromCsv(readFileSync(join(here, 'fixtures/conjoint_numeric_features.csv')));
const expected = JSON.parse(readFileSync(join(here, 'fixtures/conjoint_numeric_features.expected.json'), 'utf8'));

test('amce: the numeric feature\'s reference is its smallest value, as factor() in R', () => {
  const result = amce({ formula: 'rating ~ price + brand', rows, id: 'id' });
  const estimated = result.estimates.filter((e) => e.std_error !== null);
  assert.deepEqual(result.estimates.filter((e) => e.feature === 'price').map((e) => e.level), ['5', '10', '20']);
  (expected.amce as [string, number, number, number][]).forEach(([term, estimate, se, df], k) => {
    assert.equal(`${estimated[k].feature}${estimated[k].level}`, term);
    assertCloseToR(estimated[k].estimate, estimate, `${term} estimate`);
    assertCloseToR(estimated[k].std_error, se, `${term} SE`);
    assertCloseToR(estimated[k].df, df, `${term} df`);
  });
});

test('mm and mm-diff: levels in numeric order, groups too (the first group is wave 5)', () => {
  const means = mm({ formula: 'rating ~ price', rows, id: 'id' }).estimates;
  const diffs = mmDiffs({ formula: 'rating ~ price', rows, id: 'id', by: 'wave' }).estimates;
  assert.equal(diffs[0].BY, '10 - 5');
  for (const [name, got, want] of [['mm', means, expected.mm], ['mm_diff', diffs, expected.mm_diff]] as const) {
    (want as [string, number, number][]).forEach(([level, estimate, se], k) => {
      assert.equal(got[k].level, level, `${name} level ${k + 1}`);
      assertCloseToR(got[k].estimate, estimate, `${name} ${level} estimate`);
      assertCloseToR(got[k].std_error, se, `${name} ${level} SE`);
    });
  }
  assert.deepEqual(freqs({ formula: '~ price', rows }).map((f) => f.level), ['5', '10', '20']);
});

test('respondent ids of 16 digits stay distinct (they are not factor labels, which R prints to 15 digits)', () => {
  // R: length(unique(1234567890123450 + 0:9)) is 10, and svydesign(ids = ~id) has 10 clusters.
  const records = Array.from({ length: 40 }, (_, i) => ({ id: 1234567890123450 + (i % 10), price: [5, 10, 20][i % 3], rating: (i * 7) % 5 }));
  assert.equal(mm({ formula: 'rating ~ price', rows: records, id: 'id' }).nRespondents, 10);
});

// cregg::amce and cregg::mm when a respondent has no complete profile (R trial 39): cregg builds its svydesign on all
// the data and svyglm drops the incomplete rows by subsetting the design, which keeps that respondent among the P
// clusters of survey's P/(P − 1). vlab dropped the rows first, so its SEs came out of the complete-case design, 0.4 %
// larger here (12 respondents: R0 never shows a, R11 answers nothing); lmRobust's se type cregg already kept them.
// Data and expected values: Rscript tests/analysis/r/conjoint-absent-respondent.R (seed 39200100; R calls there).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { amce, mm, rowsFromCsv } from '../../analysis/index.ts';
import { assertCloseToR } from './support.ts';

const here = dirname(fileURLToPath(import.meta.url));
const rows = rowsFromCsv(readFileSync(join(here, 'fixtures/conjoint_absent_respondent.csv'), 'utf8'));
const options = { formula: 'chosen ~ a + b', rows, id: 'respondent', weights: 'w' };

test('amce (se cregg) keeps a respondent without a complete profile among the design\'s clusters, as svyglm does', () => {
  const R: [string, number, number][] = [['y', -0.4705815149091739, 0.17141172247392], ['z', -0.381697703644465, 0.118632570013883], ['q', 0.0845424425911117, 0.146605452992303]];
  const got = amce({ ...options, seType: 'cregg' }).estimates.filter((row) => row.std_error !== null);
  assert.deepEqual(got.map((row) => row.level), R.map(([level]) => level));
  R.forEach(([level, estimate, se], k) => {
    assertCloseToR(got[k].estimate, estimate, `${level} estimate`);
    assertCloseToR(got[k].std_error, se, `${level} SE`);
  });
});

test('mm keeps a respondent without a profile showing the feature among the design\'s clusters, as cregg\'s svyby does', () => {
  const R: [string, number, number][] = [
    ['x', 0.941176470588235, 0.058666036413183], ['y', 0.454545454545455, 0.173833745445312], ['z', 0.555555555555556, 0.111043750625313],
    ['p', 0.547619047619048, 0.1333292314439785], ['q', 0.651162790697675, 0.0864480995956819],
  ];
  const got = mm(options).estimates;
  assert.deepEqual(got.map((row) => row.level), R.map(([level]) => level));
  R.forEach(([level, estimate, se], k) => {
    assertCloseToR(got[k].estimate, estimate, `${level} estimate`);
    assertCloseToR(got[k].std_error, se, `${level} SE`);
  });
});

// cregg::cj(..., by = ~g) splits the data and builds each group's design on all its rows: R0 (never shows a) stays in
// group "even", R11 (answers nothing) in "odd". R: the same script, svyglm on each group's rows.
const byRows = rows.map((row) => ({ ...row, g: Number(String(row.respondent).slice(1)) % 2 === 0 ? 'even' : 'odd' }));

test('mm and amce by group count each group\'s respondents without a complete profile, as cregg\'s split does', () => {
  const mmR: [string, string, number, number][] = [
    ['even', 'y', 0.666666666666667, 0.286887655274624], ['even', 'z', 0.75, 0.07319250547114],
    ['odd', 'x', 0.894736842105263, 0.103350460422037], ['odd', 'y', 0.2, 0.153188337241014], ['odd', 'z', 0.235294117647059, 0.159019035198285],
  ];
  const means = mm({ ...options, rows: byRows, by: 'g' }).estimates.filter((row) => row.feature === 'a');
  for (const [group, level, estimate, se] of mmR) {
    const row = means.find((r) => r.BY === group && r.level === level)!;
    assertCloseToR(row.estimate, estimate, `mm ${group} ${level} estimate`);
    assertCloseToR(row.std_error, se, `mm ${group} ${level} SE`);
  }
  const amceR: [string, string, number, number][] = [
    ['even', 'y', -0.3219881145326847, 0.2921734527804454], ['even', 'q', 0.0680713128038898, 0.1897140312129631],
    ['odd', 'z', -0.69485614646905, 0.13719586583067], ['odd', 'q', 0.381284510316768, 0.17609807421199],
  ];
  const effects = amce({ ...options, rows: byRows, by: 'g', seType: 'cregg' }).estimates;
  for (const [group, level, estimate, se] of amceR) {
    const row = effects.find((r) => r.BY === group && r.level === level)!;
    assertCloseToR(row.estimate, estimate, `amce ${group} ${level} estimate`);
    assertCloseToR(row.std_error, se, `amce ${group} ${level} SE`);
  }
});

// Walk-through 26: the estimand `vlab power --study` reports for a moderation term planted through a covariate
// (`interactions[].when: { regime, party }`) is what R's lm_robust recovers from a simulated wave. One wave of 3,000
// (seed "moderation-26", write-data.ts) is stored as moderation.csv and R's HC2 fit of `~ regime * party` beside it
// (moderation.R, R 4.2.2, estimatr 1.0.0): the plan's estimator reproduces R, and R's interaction estimate lies within
// 2.5 of its standard errors of the estimand (0.6 planted on the latent scale, attenuated by rounding to 1–5).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { rowsFromCsv } from '../../../analysis/index.ts';
import { executePlan } from '../../../server/domain/plan/execute-plan.ts';
import { estimandKey, planEstimands } from '../../../server/domain/simulation/estimands.ts';
import { assertCloseToR } from '../../analysis/support.ts';
import { MODERATION_TERM, moderatedAlliance } from './moderated-alliance.ts';
import { MODERATION_COLUMNS, moderationRows } from './write-data.ts';

const file = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
const stored = rowsFromCsv(file('moderation.csv'));
const expected = rowsFromCsv(file('moderation.expected.csv')) as { term: string; estimate: number; std_error: number; df: number }[];

test('moderation.csv is the wave the simulator fields (seed moderation-26, 3,000 completes)', () => {
  const fresh = moderationRows();
  assert.equal(stored.length, 3000);
  for (const [i, row] of fresh.entries()) for (const c of MODERATION_COLUMNS) assert.equal(String(stored[i]![c]), String(row[c]), `row ${i} ${c}`);
});

test('the plan fits R: lm_robust(economic_sanctions ~ regime * party, HC2) on the attentive respondents', () => {
  const { estimates } = executePlan({ definition: moderatedAlliance(), rows: stored });
  assert.deepEqual(estimates.map((e) => e.term), expected.map((r) => r.term));
  for (const [k, want] of expected.entries()) {
    assertCloseToR(estimates[k]!.estimate, want.estimate, `${want.term} estimate`);
    assertCloseToR(estimates[k]!.std_error, want.std_error, `${want.term} std_error`);
    assertCloseToR(estimates[k]!.df, want.df, `${want.term} df`);
  }
});

test("R's estimate of the moderation term is within 2.5 standard errors of the reported estimand", () => {
  const estimand = planEstimands(moderatedAlliance()).get(estimandKey('H_mod', 'economic_sanctions', MODERATION_TERM))!;
  const r = expected.find((row) => row.term === MODERATION_TERM)!;
  assert.ok(Math.abs(r.estimate - estimand) < 2.5 * r.std_error, `R ${r.estimate} (se ${r.std_error}) vs estimand ${estimand}`);
  assert.ok(estimand > 0.3 && r.estimate / r.std_error > 2, `the planted moderation is there: estimand ${estimand}, R ${r.estimate}`);
});

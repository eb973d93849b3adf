// The shipped repeated-vignette example pre-registers what its design is for: each bargaining strategy's effect,
// estimated on the respondent × vignette rows clustered by respondent. Until walk-through 33 its plan was
// "hypotheses": [] (shipped when repeated designs could not be fielded yet), so the one example of the design showed
// a newcomer no clustered estimate: vlab estimates, the dashboard, replicate.R and vlab power --study had nothing to
// do. Simulated wave: seed 'repeated-plan'.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lmRobust } from '../../../analysis/index.ts';
import { executePlan, PARTICIPANT_COLUMN } from '../../../server/domain/plan/execute-plan.ts';
import { simulateWave } from '../../../server/domain/simulation/simulated-wave.ts';
import { loadDefinitionFiles } from '../../../server/storage/definition-files.ts';
import { REPEATED_ID } from './repeated-support.ts';

const repeated = loadDefinitionFiles('survey-definitions').find((d) => d.id === REPEATED_ID)!;
const STRATEGIES = ['public_criticism', 'skip_exercises', 'delay_cooperation', 'evict_troops', 'threaten_withdrawal'];

test('the shipped repeated study\'s plan tests each strategy on the vignette rows, clustered by respondent (CR2)', () => {
  const ids = repeated.analysisPlan.hypotheses.map((h) => h.id);
  assert.ok(ids.length > 0, 'the plan pre-registers hypotheses');
  const rows = simulateWave(repeated, { target: 300, seed: 'repeated-plan' }).rows;
  assert.equal(new Set(rows.map((r) => r[PARTICIPANT_COLUMN])).size, 300);
  assert.equal(rows.length, 900, 'three vignette rows per respondent');
  const result = executePlan({ definition: repeated, rows });
  assert.deepEqual(result.problems, []);
  const h1 = repeated.analysisPlan.hypotheses[0]!;
  assert.ok(h1.estimator === 'lm_robust');
  const tested = result.estimates.filter((e) => e.hypothesis === h1.id && e.term.startsWith('strategy'));
  assert.deepEqual(tested.map((e) => e.term), STRATEGIES.map((s) => `strategy${s}`));
  // The same fit by hand: the plan's exclusion, its formula, clusters = participant, CR2 (estimatr's default with clusters).
  const kept = rows.filter((r) => r.attention_pass === 1);
  const levels = Object.fromEntries(repeated.factors.map((f) => [f.name, f.levels.map((l) => l.code)]));
  const direct = lmRobust({ formula: `${h1.outcomes[0]} ${h1.formula}`, rows: kept, levels, clusters: PARTICIPANT_COLUMN });
  for (const e of tested) {
    const want = direct.estimates.find((d) => d.term === e.term)!;
    assert.ok(Math.abs(e.estimate! - want.estimate!) < 1e-10 && Math.abs(e.std_error! - want.std_error!) < 1e-10, e.term);
  }
  // The planted strategies lower support for conceding (simulation.json): every one estimated below 0.
  assert.ok(tested.every((e) => e.estimate! < 0), tested.map((e) => `${e.term} ${e.estimate}`).join(', '));
});

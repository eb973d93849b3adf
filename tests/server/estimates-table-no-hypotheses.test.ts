// `vlab estimates`' table of a plan that pre-registers no hypotheses (the shipped protege-bargaining-repeated's:
// "hypotheses": []). Walk-through 29: its table was the headline and the verdicts' legend alone, a wave of 285
// completes read as if something had failed silently. Simulated wave: seed 'no-hypotheses'.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatEstimates } from '../../server/cli/commands/estimates-table.ts';
import { executePlan } from '../../server/domain/plan/execute-plan.ts';
import { simulateWave } from '../../server/domain/simulation/simulated-wave.ts';
import type { WaveEstimates } from '../../server/services/estimates-service.ts';
import { alliance, withPlan } from './plan-support.ts';

test('a plan without hypotheses says so in the table, with where to add them, and no verdicts\' legend', () => {
  const def = withPlan(alliance, { ...alliance.analysisPlan, hypotheses: [] });
  const rows = simulateWave(def, { target: 100, seed: 'no-hypotheses' }).rows;
  const estimates: WaveEstimates = { ...executePlan({ definition: def, rows }), wave: 'w1', study: def.id, studyVersion: def.version, recordedPlanHash: null, nComplete: rows.length, target: 100, precision: [] };
  const table = formatEstimates(estimates, def, 'table');
  assert.match(table, /\nnothing to estimate: the analysis plan \(analysis-plan\.json\) pre-registers no hypotheses\s\("hypotheses": \[\]\); vlab export has the data, and vlab fit fits a model of your own to it\n$/, table);
  assert.doesNotMatch(table, /verdicts at alpha/);
});

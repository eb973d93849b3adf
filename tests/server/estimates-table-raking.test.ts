// `vlab estimates`' table says when its estimates are raked to the population margins, and to which variables.
// Before the newcomer pass 14 a raked plan's table read like an unweighted one ("N complete, M excluded by the
// plan"): nothing told the reader the estimates were weighted. Simulated wave: seed 'raked-table'.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatEstimates } from '../../server/cli/commands/estimates-table.ts';
import { executePlan } from '../../server/domain/plan/execute-plan.ts';
import { simulateWave } from '../../server/domain/simulation/simulated-wave.ts';
import type { StudyDefinition } from '../../server/domain/study-definition.ts';
import type { WaveEstimates } from '../../server/services/estimates-service.ts';
import { alliance, withPlan } from './plan-support.ts';

function tableOf(def: StudyDefinition): string {
  const rows = simulateWave(def, { target: 400, seed: 'raked-table' }).rows;
  const result = executePlan({ definition: def, rows });
  const estimates: WaveEstimates = { ...result, wave: 'w1', study: def.id, studyVersion: def.version, recordedPlanHash: null, nComplete: rows.length, target: 400, precision: [] };
  return formatEstimates(estimates, def, 'table');
}

test('a raked plan\'s table says so in its head, naming the margins\' variables; an unweighted one does not', () => {
  const raked = withPlan(alliance, { ...alliance.analysisPlan, weights: 'raking' });
  const head = tableOf(raked).split('\n').slice(0, 3).join('\n');
  assert.match(head, /\nplan [0-9a-f]{12}, alpha 0\.05, raked to the population margins of age_group, gender, education and region\n/, head);
  assert.doesNotMatch(tableOf(alliance).split('\n').slice(0, 3).join('\n'), /raked/);
});

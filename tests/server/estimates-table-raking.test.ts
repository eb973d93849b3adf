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
import type { Row } from '../../analysis/index.ts';
import { alliance, withPlan } from './plan-support.ts';

function tableOf(def: StudyDefinition, edit: (rows: Row[]) => Row[] = (rows) => rows): string {
  const rows = edit(simulateWave(def, { target: 400, seed: 'raked-table' }).rows);
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

// Walk-through 22: a hypothesis whose fit left rows out (an answer it uses missing: an optional box) read "N 80"
// under a headline of 95 completes, and nothing said why.
test('an outcome whose fit left rows out says how many and why under its heading; one that left none out says nothing', () => {
  // H2's first outcome missing in the first 15 rows (the plan excludes some of them already, for the attention check).
  const h2 = alliance.analysisPlan.hypotheses[1]!;
  const outcome = h2.outcomes[0]!;
  const table = tableOf(alliance, (rows) => rows.map((r, i) => (i < 15 ? { ...r, [outcome]: null } : r)));
  const block = table.split('\n\n').find((b) => b.startsWith(`${h2.id} · ${outcome} · N `));
  assert.ok(block, table);
  const dropped = Number(/\n {2}(\d+) rows? left out, missing a value the model uses \(n_dropped in --format csv\)\n/.exec(block)?.[1]);
  assert.ok(dropped >= 1 && dropped <= 15, block);
  assert.doesNotMatch(tableOf(alliance), /left out/);
});

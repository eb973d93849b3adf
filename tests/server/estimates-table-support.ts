// Shared by the tests of `vlab estimates`' table: the table of a simulated wave of a definition.
import { estimatesTable } from '../../server/cli/commands/estimates-table.ts';
import { executePlan } from '../../server/domain/plan/execute-plan.ts';
import { simulateWave } from '../../server/domain/simulation/simulated-wave.ts';
import type { StudyDefinition } from '../../server/domain/study-definition.ts';

/** `vlab estimates`' table of a wave of `def` simulated with `target` completes' worth of respondents and `seed`. */
export function simulatedEstimatesTable(def: StudyDefinition, target: number, seed: string): string {
  const rows = simulateWave(def, { target, seed }).rows;
  const result = executePlan({ definition: def, rows });
  return estimatesTable({ ...result, wave: 'w1', study: def.id, studyVersion: def.version, recordedPlanHash: null, nComplete: rows.length, target, precision: [] }, def);
}

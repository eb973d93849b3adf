// A path-trial case as its replication package holds it: data.csv (the wave's export columns), estimates.csv
// (executePlan, as `vlab estimates`) and replicate.R (the package's script), and the hash that ties stored R
// output to these inputs.
import { createHash } from 'node:crypto';
import { csvFromRecords } from '../../../analysis/index.ts';
import { waveColumns } from '../../../server/domain/export/wave-columns.ts';
import { planEstimatesCsv } from '../../../server/domain/plan/estimates-csv.ts';
import { executePlan, type PlanResult } from '../../../server/domain/plan/execute-plan.ts';
import { replicationScript } from '../../../server/domain/plan/replication-script.ts';
import { pathCaseWave, type PathCase } from './random-plans.ts';

export interface PathPackage {
  result: PlanResult;
  files: { 'data.csv': string; 'estimates.csv': string; 'replicate.R': string };
  /** sha256 of the plan and data.csv: the stored R output belongs to these inputs. */
  inputHash: string;
}

export function pathPackage(c: PathCase): PathPackage {
  const { definition, rows } = pathCaseWave(c);
  const result = executePlan({ definition, rows });
  const data = csvFromRecords(rows, waveColumns(definition).map((column) => column.name));
  return {
    result,
    files: {
      'data.csv': data,
      'estimates.csv': planEstimatesCsv(result),
      'replicate.R': replicationScript(definition, { wave: `path-trial-${c.seed}`, planHash: result.planHash }),
    },
    inputHash: createHash('sha256').update(JSON.stringify(c.plan)).update(data).digest('hex'),
  };
}

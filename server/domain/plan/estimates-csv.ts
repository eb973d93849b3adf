import { csvFromRecords } from '../../../analysis/index.ts';
import { PLAN_ESTIMATE_COLUMNS, type PlanResult } from './execute-plan.ts';

/** The columns of every estimates CSV (`vlab estimates --format csv`, the API's download, the replication package). */
export const PLAN_ESTIMATES_CSV_COLUMNS = [...PLAN_ESTIMATE_COLUMNS, 'warnings'] as const;

/** Between two warnings of one fit in the `warnings` cell: a warning's own text may hold `;` and `,`. */
const WARNING_SEPARATOR = ' | ';

/**
 * The tidy table as CSV, each row with the warnings of the fit that made it (hypothesis × outcome; empty when it
 * gave none). The table and the dashboard show them beside the estimates; a file kept without the terminal's stderr
 * would otherwise lose that an SE rests on a row of leverage 1 or that a df is zero. replicate.R compares the
 * numeric columns by name, so the extra text column changes nothing there.
 */
export function planEstimatesCsv(result: Pick<PlanResult, 'estimates' | 'warnings'>): string {
  const byFit = new Map<string, string[]>();
  for (const w of result.warnings) {
    const key = JSON.stringify([w.hypothesis, w.outcome]);
    byFit.set(key, [...(byFit.get(key) ?? []), w.message]);
  }
  const rows = result.estimates.map((e) => ({ ...e, warnings: (byFit.get(JSON.stringify([e.hypothesis, e.outcome])) ?? []).join(WARNING_SEPARATOR) }));
  return csvFromRecords(rows as unknown as Record<string, unknown>[], PLAN_ESTIMATES_CSV_COLUMNS);
}

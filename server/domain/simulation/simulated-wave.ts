import type { Row } from '../../../analysis/index.ts';
import { derivedColumns } from '../answers.ts';
import { assertSimulatable } from '../design-support.ts';
import { repeatedWideRows } from '../export/repeated-rows.ts';
import { waveColumns, type ColumnSpec } from '../export/wave-columns.ts';
import { wideRow } from '../export/wide-row.ts';
import { defaultLocale } from '../localized-text.ts';
import type { Participant } from '../participant.ts';
import type { StudyDefinition } from '../study-definition.ts';
import { drawParticipantVignettes } from '../participant-vignettes.ts';
import { perRespondent } from '../repeated-vignettes.ts';
import { fieldingGate } from './fielding-gate.ts';
import { freeAnswers } from './free-answers.ts';
import { simulateRepeatedRespondent, simulateRespondent } from './respondent.ts';

/**
 * A whole wave fielded offline, as the server would field it: participant d gets the vignettes of draw d for
 * the wave seed (respondent-plan.ts: restrictions, weights, m per respondent), answers from the simulation
 * model (respondent seed = wave seed, index d; with m vignettes each one's outcomes with fresh noise and the
 * same respondent component), passes the study's quota step before the vignette, and the wave runs until
 * `target` completes. The completes come back as the export's rows (the same columns and values `vlab export`
 * writes: one per respondent, or per respondent × vignette), ready for executePlan.
 */
export interface SimulatedWave {
  /** The completes' rows: one per respondent, or one per respondent × vignette in a repeated design. */
  rows: Row[];
  /** Participants drawn (every start takes a draw, as on the server). */
  draws: number;
  screenedOut: number;
  overQuota: number;
  abandoned: number;
}

const EPOCH = '2026-01-01T00:00:00.000Z';

export function simulateWave(def: StudyDefinition, { target, seed, columns = waveColumns(def) }: { target: number; seed: string; columns?: ColumnSpec[] }): SimulatedWave {
  assertSimulatable(def);
  const m = perRespondent(def);
  const gate = fieldingGate(def, target);
  const out: SimulatedWave = { rows: [], draws: 0, screenedOut: 0, overQuota: 0, abandoned: 0 };
  // A run-away guard: a model whose quotas can never be met (e.g. a level nobody has) must not loop forever.
  const maxDraws = 100 * target + 1000;

  let completes = 0;
  while (completes < target) {
    const d = out.draws++;
    if (d >= maxDraws) throw new RangeError(`simulateWave: ${maxDraws} draws gave only ${completes} of ${target} completes`);
    const drawn = drawParticipantVignettes(def, seed, d);
    const r = m === 1 ? simulateRespondent(def, drawn.assignment, { seed, index: d }) : simulateRepeatedRespondent(def, drawn.vignettes.map((v) => v.assignment), { seed, index: d });
    const fate = gate(r);
    if (fate !== 'complete') {
      out[fate]++;
      continue;
    }
    const participant: Participant = {
      id: d + 1,
      code: `sim-${d}`,
      publicRef: `sim-${d}`,
      waveId: 'simulated',
      panelSource: null,
      panelId: null,
      panelParams: {},
      drawIndex: d,
      cellIndex: drawn.cellIndex,
      assignment: drawn.assignment,
      assignmentProbability: drawn.assignmentProbability,
      status: 'complete',
      screenoutReason: null,
      currentPage: 0,
      locale: defaultLocale(def),
      startedAt: EPOCH,
      updatedAt: EPOCH,
      completedAt: EPOCH,
    };
    completes++;
    // The optional boxes no model answers, filled by some as `vlab simulate` fills them: a plan may adjust for one.
    const answers = { ...freeAnswers(def, { seed, index: d, locale: participant.locale, vignettes: m }), ...r.answers };
    const input = { participant, answers, derived: derivedColumns(def, answers) };
    if (m === 1) out.rows.push(wideRow(columns, input) as Row);
    else out.rows.push(...(repeatedWideRows(columns, input, drawn.vignettes) as Row[]));
  }
  return out;
}

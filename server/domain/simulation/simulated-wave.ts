import type { Row } from '../../../analysis/index.ts';
import { derivedColumns } from '../answers.ts';
import { blockPermutation } from '../assignment.ts';
import { cellAssignment, designOf } from '../design.ts';
import { assertSimulatable } from '../design-support.ts';
import { waveColumns, wideRow, type ColumnSpec } from '../export/wave-columns.ts';
import { defaultLocale } from '../localized-text.ts';
import type { Participant } from '../participant.ts';
import { fullQuotaLevel, quotaCaps, quotaCellOf } from '../quota.ts';
import type { StudyDefinition } from '../study-definition.ts';
import { treatmentPageIndex } from '../wave-lifecycle.ts';
import { simulateRespondent } from './respondent.ts';

/**
 * A whole wave fielded offline, as the server would field it: participant d gets the permuted-block cell of
 * draw d for the wave seed, answers from the simulation model (respondent seed = wave seed, index d), passes
 * the study's quota step before the vignette, and the wave runs until `target` completes. The completes come
 * back as the export's wide rows (the same columns and values `vlab export` writes), ready for executePlan.
 */
export interface SimulatedWave {
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
  const design = designOf(def);
  const caps = quotaCaps(def, target);
  const filled = new Map<string, number>();
  const slot = (c: { variable: string; level: string }) => `${c.variable}\u0000${c.level}`;
  const treatmentPage = treatmentPageIndex(def);
  const out: SimulatedWave = { rows: [], draws: 0, screenedOut: 0, overQuota: 0, abandoned: 0 };
  let permutation: number[] = [];
  // A run-away guard: a model whose quotas can never be met (e.g. a level nobody has) must not loop forever.
  const maxDraws = 100 * target + 1000;

  while (out.rows.length < target) {
    const d = out.draws++;
    if (d >= maxDraws) throw new RangeError(`simulateWave: ${maxDraws} draws gave only ${out.rows.length} of ${target} completes`);
    if (d % design.nCells === 0) permutation = blockPermutation(seed, d / design.nCells, design.nCells);
    const cellIndex = permutation[d % design.nCells]!;
    const assignment = cellAssignment(design, cellIndex);
    const r = simulateRespondent(def, assignment, { seed, index: d });
    if (r.fate === 'declined') {
      out.screenedOut++;
      continue;
    }
    if (r.fate === 'abandoned' && r.leaveOnPage! < treatmentPage) {
      out.abandoned++;
      continue;
    }
    if (caps.length) {
      const cell = quotaCellOf(def, r.answers);
      if (fullQuotaLevel(caps, cell, (c) => filled.get(slot(c)) ?? 0)) {
        out.overQuota++;
        continue;
      }
      for (const c of cell) filled.set(slot(c), (filled.get(slot(c)) ?? 0) + 1);
    }
    if (r.fate === 'abandoned') {
      out.abandoned++;
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
      cellIndex,
      assignment,
      assignmentProbability: 1 / design.nCells,
      status: 'complete',
      screenoutReason: null,
      currentPage: 0,
      locale: defaultLocale(def),
      startedAt: EPOCH,
      updatedAt: EPOCH,
      completedAt: EPOCH,
    };
    out.rows.push(wideRow(columns, { participant, answers: r.answers, derived: derivedColumns(def, r.answers) }) as Row);
  }
  return out;
}

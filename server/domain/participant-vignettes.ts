import type { Assignment } from './design.ts';
import { respondentPlan } from './respondent-plan.ts';
import type { StudyDefinition } from './study-definition.ts';
import { vignetteSpace, type VignetteSpace } from './vignette-cells.ts';

/**
 * What the respondent path stores of a vignette design's draw (respondent-plan.ts): the participant's row keeps
 * the cell of their first vignette with P(a vignette shows that cell) = w / L, and, for m > 1 vignettes per
 * respondent, every vignette is stored with its reading position and inclusion probability m·w / L
 * (storage: participant_vignettes, migration 007). With one unweighted, unrestricted vignette the draw is the
 * original permuted-block sequence, so existing waves keep drawing the cells they drew.
 */
export interface StoredVignette {
  /** 1-based reading order. */
  position: number;
  cellIndex: number;
  assignment: Assignment;
  /** P(this respondent's vignettes include this cell) = m·w / L. */
  inclusionProbability: number;
}

export interface ParticipantDraw {
  /** The first vignette's cell, what the participant's own row stores. */
  cellIndex: number;
  assignment: Assignment;
  /** P(a single vignette shows the first vignette's cell) = w / L; with one vignette the assignment probability. */
  assignmentProbability: number;
  /** Every vignette in reading order (one with m = 1). */
  vignettes: StoredVignette[];
}

const multiplicities = new WeakMap<VignetteSpace, Map<number, number>>();

/** P(one vignette shows cell `index`) = w / L. */
function cellProbability(space: VignetteSpace, index: number): number {
  let byIndex = multiplicities.get(space);
  if (!byIndex) multiplicities.set(space, (byIndex = new Map(space.cells.map((c) => [c.index, c.multiplicity]))));
  return byIndex.get(index)! / space.total;
}

/** The draw of respondent `drawIndex` of a wave with `seed`, as the respondent path stores it. */
export function drawParticipantVignettes(def: StudyDefinition, seed: string, drawIndex: number): ParticipantDraw {
  const plan = respondentPlan(def, seed, drawIndex);
  if (plan.kind !== 'vignette') throw new RangeError(`drawParticipantVignettes: study "${def.id}" is not a vignette design`);
  const first = plan.vignettes[0]!;
  return {
    cellIndex: first.cellIndex,
    assignment: first.assignment,
    // m·w / L divided by m, computed as w / L so that a plain design stores exactly 1 / n as it always did.
    assignmentProbability: cellProbability(vignetteSpace(def), first.cellIndex),
    vignettes: plan.vignettes.map(({ position, cellIndex, assignment, inclusionProbability }) => ({ position, cellIndex, assignment, inclusionProbability })),
  };
}

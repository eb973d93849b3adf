import type { Assignment } from './design.ts';
import { respondentPlan } from './respondent-plan.ts';
import type { StudyDefinition } from './study-definition.ts';
import { studyDesign } from './study-design.ts';
import { vignetteSpace } from './vignette-cells.ts';

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

/** Vignettes each respondent of this study reads (1 for studies without a `design`). */
export function vignettesPerRespondent(def: StudyDefinition): number {
  const design = studyDesign(def);
  if (design.kind !== 'vignette') throw new RangeError(`vignettesPerRespondent: study "${def.id}" is not a vignette design`);
  return design.vignettesPerRespondent;
}

/** The draw of respondent `drawIndex` of a wave with `seed`, as the respondent path stores it. */
export function drawParticipantVignettes(def: StudyDefinition, seed: string, drawIndex: number): ParticipantDraw {
  const plan = respondentPlan(def, seed, drawIndex);
  if (plan.kind !== 'vignette') throw new RangeError(`drawParticipantVignettes: study "${def.id}" is not a vignette design`);
  const space = vignetteSpace(def);
  const first = plan.vignettes[0]!;
  const multiplicity = space.cells.find((c) => c.index === first.cellIndex)!.multiplicity;
  return {
    cellIndex: first.cellIndex,
    assignment: first.assignment,
    assignmentProbability: multiplicity / space.total,
    vignettes: plan.vignettes.map(({ position, cellIndex, assignment, inclusionProbability }) => ({ position, cellIndex, assignment, inclusionProbability })),
  };
}

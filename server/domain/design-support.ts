import { DomainError } from './errors.ts';
import type { StudyDefinition } from './study-definition.ts';
import { studyDesign } from './study-design.ts';

// Every design can be fielded: vignette designs of every kind (restrictions, weights, m vignettes per respondent)
// draw through respondent-plan.ts and store what they drew (participant_vignettes); conjoints store their profiles
// (conjoint_profiles). What remains design-specific is the offline simulation below.

/**
 * Whether the offline simulation of a wave (simulated-wave.ts, estimands.ts: `vlab simulate`, `vlab power
 * --study`) can run this study: it fields vignette designs of every kind as the server does; a conjoint is
 * simulated over HTTP instead (its respondents: simulation/conjoint-respondent.ts, its estimands:
 * simulation/conjoint-estimands.ts) and diagnosed offline by simulation/conjoint-diagnosis.ts, so this wave refuses it
 * rather than simulate it wrongly.
 */
export function assertSimulatable(def: StudyDefinition): void {
  if (studyDesign(def).kind === 'conjoint') {
    throw new DomainError('invalid_input', `study "${def.id}" is a conjoint: the offline wave of one row per respondent does not apply (vlab power --study draws its profile rows; vlab simulate fields it over HTTP)`);
  }
}

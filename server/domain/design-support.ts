import { DomainError } from './errors.ts';
import type { StudyDefinition } from './study-definition.ts';
import { studyDesign } from './study-design.ts';

/**
 * Whether waves of this study can be fielded yet. Vignette designs of every kind (restrictions, weights, m
 * vignettes per respondent) are: the respondent path draws them through respondent-plan.ts and stores what it
 * drew. A conjoint's respondent page, storage and export are still to come, so opening a wave of one is refused
 * with this reason.
 */
export function unfieldableReason(def: StudyDefinition): string | null {
  return studyDesign(def).kind === 'conjoint'
    ? `study "${def.id}" uses a conjoint design, which waves cannot field yet (the respondent page, storage and export for it are still to come)`
    : null;
}

/** Throws an `invalid_input` DomainError when the study cannot be fielded yet. */
export function assertFieldable(def: StudyDefinition): void {
  const reason = unfieldableReason(def);
  if (reason) throw new DomainError('invalid_input', reason);
}

/**
 * Whether the offline simulation of a wave (simulated-wave.ts, estimands.ts: `vlab power --study`) can run this
 * study: it fields vignette designs of every kind as the server does; a conjoint's simulated wave (profile
 * rows and the amce/mm plan) is still to come, so it is refused with this reason rather than simulated wrongly.
 */
export function unsimulatableReason(def: StudyDefinition): string | null {
  return studyDesign(def).kind === 'conjoint'
    ? `study "${def.id}" uses a conjoint design, which the simulated wave cannot field yet (its profile rows and plan are still to come)`
    : null;
}

/** Throws an `invalid_input` DomainError when the study cannot be simulated yet. */
export function assertSimulatable(def: StudyDefinition): void {
  const reason = unsimulatableReason(def);
  if (reason) throw new DomainError('invalid_input', reason);
}

import { DomainError } from './errors.ts';
import type { StudyDefinition } from './study-definition.ts';
import { studyDesign } from './study-design.ts';

/**
 * Whether waves of this study can be fielded yet. The randomization of every design is complete
 * (respondent-plan.ts) and conjoints are fielded, but the respondent page, storage, export and plan execution of
 * vignette designs still serve one vignette per respondent drawn uniformly from the full factorial; fielding any
 * other vignette design with them would show
 * restricted combinations and ignore weights. So until they follow, such studies load and validate, and
 * opening a wave of one (or simulating it offline) is refused with this reason.
 */
export function unfieldableReason(def: StudyDefinition): string | null {
  const design = studyDesign(def);
  // Conjoint waves are fielded: profiles stored at the draw, task pages, the profile-level export (issue 15).
  if (design.kind === 'conjoint') return null;
  const what =
    design.vignettesPerRespondent > 1
      ? `${design.vignettesPerRespondent} vignettes per respondent`
      : def.restrictions?.length
        ? 'restrictions'
        : def.factors.some((f) => f.levels.some((l) => (l.weight ?? 1) !== 1))
          ? 'weighted levels'
          : null;
  return what && `study "${def.id}" uses ${what}, which waves cannot field yet (the respondent page, storage and export for it are still to come)`;
}

/** Throws an `invalid_input` DomainError when the study cannot be fielded yet. */
export function assertFieldable(def: StudyDefinition): void {
  const reason = unfieldableReason(def);
  if (reason) throw new DomainError('invalid_input', reason);
}

/**
 * The offline simulation of a whole wave (simulated-wave.ts, estimands.ts: `vlab simulate`, `vlab power --study`)
 * draws one vignette per respondent; a conjoint wave is simulated over HTTP instead (its respondents:
 * simulation/conjoint-respondent.ts, its estimands: simulation/conjoint-estimands.ts).
 */
export function assertSimulatable(def: StudyDefinition): void {
  if (studyDesign(def).kind === 'conjoint') {
    throw new DomainError('invalid_input', `study "${def.id}" is a conjoint, which the offline wave simulation cannot run yet (its waves can be fielded and simulated over HTTP)`);
  }
  assertFieldable(def);
}

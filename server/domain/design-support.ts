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
 * Whether the offline simulation (simulated-wave.ts, estimands.ts: `vlab simulate`, `vlab power --study`) can
 * run this study: they draw one vignette per respondent from the full factorial, every cell equally likely, so
 * any other design is refused with this reason rather than simulated wrongly.
 */
export function unsimulatableReason(def: StudyDefinition): string | null {
  const design = studyDesign(def);
  const what =
    design.kind === 'conjoint'
      ? 'a conjoint design'
      : design.vignettesPerRespondent > 1
        ? `${design.vignettesPerRespondent} vignettes per respondent`
        : def.restrictions?.length
          ? 'restrictions'
          : def.factors.some((f) => f.levels.some((l) => (l.weight ?? 1) !== 1))
            ? 'weighted levels'
            : null;
  return what && `study "${def.id}" uses ${what}, which the simulation cannot draw yet (it draws one vignette from the full factorial)`;
}

/** Throws an `invalid_input` DomainError when the study cannot be simulated yet. */
export function assertSimulatable(def: StudyDefinition): void {
  const reason = unsimulatableReason(def);
  if (reason) throw new DomainError('invalid_input', reason);
}

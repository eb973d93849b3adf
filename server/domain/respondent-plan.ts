import { drawConjoint, type ConjointProfile } from './conjoint-draws.ts';
import { profileSpace } from './conjoint-profiles.ts';
import type { StudyDefinition } from './study-definition.ts';
import { studyDesign } from './study-design.ts';
import { vignetteSpace } from './vignette-cells.ts';
import { drawVignettes, type VignetteDraw } from './vignette-draws.ts';

/**
 * Everything randomized for one respondent, as a pure function of the definition, the wave's seed and the
 * respondent's draw index (0, 1, 2, … in order of arrival): the vignettes in reading order, or the conjoint
 * tasks with the attribute order, each with the exact probabilities the analysis needs. Drawing it again gives
 * the same plan, so a reload (or an auditor with the seed, docs/api.md) sees what the respondent saw.
 */
export type RespondentPlan =
  | { kind: 'vignette'; drawIndex: number; vignettes: VignetteDraw[] }
  | { kind: 'conjoint'; drawIndex: number; attributeOrder: string[]; tasks: ConjointProfile[][] };

export function respondentPlan(def: StudyDefinition, seed: string, drawIndex: number): RespondentPlan {
  const design = studyDesign(def);
  if (design.kind === 'conjoint') {
    return { kind: 'conjoint', drawIndex, ...drawConjoint(profileSpace(def), design, def.restrictions ?? [], seed, drawIndex) };
  }
  return { kind: 'vignette', drawIndex, vignettes: drawVignettes(vignetteSpace(def), design.vignettesPerRespondent, seed, drawIndex) };
}

/**
 * One conjoint plan as plain rows, respondent × task × profile × attribute (the respondent is the caller's),
 * ready to store in SQLite or PostgreSQL and to export in cregg's long shape: numbers 1-based, `position` the
 * attribute's row in the respondent's tables, `levelProbability` the exact P(a profile shows this level),
 * `profileProbability` the exact P(a profile shows all of its levels).
 */
export interface ProfileAttributeRow {
  task: number;
  profile: number;
  attribute: string;
  level: string;
  position: number;
  levelProbability: number;
  profileProbability: number;
}

export function conjointPlanRows(def: StudyDefinition, plan: Extract<RespondentPlan, { kind: 'conjoint' }>): ProfileAttributeRow[] {
  const { levelProbability } = profileSpace(def);
  return plan.tasks.flatMap((profiles, t) =>
    profiles.flatMap((profile, p) =>
      plan.attributeOrder.map((attribute, position) => ({
        task: t + 1,
        profile: p + 1,
        attribute,
        level: profile.levels[attribute]!,
        position: position + 1,
        levelProbability: levelProbability.get(attribute)!.get(profile.levels[attribute]!)!,
        profileProbability: profile.probability,
      })),
    ),
  );
}

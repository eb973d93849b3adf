import type { Answers } from '../answers.ts';
import type { ConjointDraw } from '../conjoint-draws.ts';
import type { Assignment } from '../design.ts';
import { studyDesign } from '../study-design.ts';
import { allElements, type StudyDefinition } from '../study-definition.ts';
import type { ConjointModel } from './model-schema.ts';
import { nearestChoice, requireModel, respondentBasics, respondentRandom, standardNormal, type SimulatedRespondent } from './respondent.ts';

/**
 * A synthetic conjoint respondent (the model: model-schema.ts `conjoint`). Pure and deterministic: the result
 * depends only on the seed, the respondent's index and the tasks shown. After the draws every respondent makes
 * (respondent.ts respondentBasics), each task in order uses one uniform for the choice (when the design asks
 * one) and then one normal per profile for the ratings (when it asks them).
 */
export interface SimulatedConjointRespondent extends SimulatedRespondent {
  /** Per task: the chosen profile (1 or 2; null without a choice) and the rating of each profile. */
  tasks: { chosen: number | null; ratings: number[] }[];
}

/** U(profile) for a respondent with these covariate answers: the utilities of its levels, interactions and covariate shifts. */
export function profileUtility(model: ConjointModel, levels: Assignment, covariates: Answers): number {
  let u = 0;
  for (const [attribute, shifts] of Object.entries(model.utilities)) u += shifts[levels[attribute]!] ?? 0;
  for (const { when, shift } of model.interactions ?? []) {
    if (Object.entries(when).every(([attribute, level]) => levels[attribute] === level)) u += shift;
  }
  for (const [question, byValue] of Object.entries(model.covariates ?? {})) {
    const value = covariates[question];
    const shifts = value === undefined ? undefined : byValue[String(value)];
    for (const [attribute, levelShifts] of Object.entries(shifts ?? {})) u += levelShifts[levels[attribute]!] ?? 0;
  }
  return u;
}

/** P(profile 1 is chosen over profile 2): logit in the utility difference. */
export function firstChoiceProbability(u1: number, u2: number): number {
  return 1 / (1 + Math.exp(u2 - u1));
}

export function simulateConjointRespondent(
  def: StudyDefinition,
  plan: ConjointDraw,
  { seed, index }: { seed: string; index: number },
): SimulatedConjointRespondent {
  const model = requireModel(def);
  const conjoint = model.conjoint;
  const design = studyDesign(def);
  if (!conjoint || design.kind !== 'conjoint') throw new RangeError(`simulateConjointRespondent: study "${def.id}" has no conjoint model`);
  const next = respondentRandom(seed, index);
  const basics = respondentBasics(def, model, next);
  const rating = design.outcomes.rating;
  const scale = rating?.choices.map((c) => c.value) ?? [];
  const tasks = plan.tasks.map((profiles) => {
    const utilities = profiles.map((p) => profileUtility(conjoint, p.levels, basics.drawn));
    const chosen = design.outcomes.choice ? (next() < firstChoiceProbability(utilities[0]!, utilities[1]!) ? 1 : 2) : null;
    const ratings = rating
      ? utilities.map((u) => {
          const { mean, slope, sd, respondent } = conjoint.rating!;
          return nearestChoice(scale, mean + slope * u + (respondent ?? 0) * basics.shared + sd * standardNormal(next));
        })
      : [];
    return { chosen, ratings };
  });
  return { ...basics.outcome(allElements(def)), tasks };
}

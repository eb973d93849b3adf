import type { CodedOutcome } from '../plan/plan-schema.ts';
import { choiceValues, type ChoiceValue, type StudyDefinition, type SurveyElement } from '../study-definition.ts';

/** An answer a simulation model draws: a choice's value, or a yes/no question's true or false. */
export type ModelValue = ChoiceValue | boolean;

/**
 * The answers a `choices` model draws for a question: its choices, or for a yes/no question (SurveyJS's `boolean`,
 * stored as true or false, exported 1 and 0) true and false, which simulation.json keys "true" and "false".
 */
export function modelValues(question: SurveyElement): ModelValue[] {
  return question.type === 'boolean' ? [true, false] : choiceValues(question);
}

/**
 * The plan's coded outcomes (vote_for: 1 where vote_line is "for"), and each yes/no outcome question the model
 * answers under `choices` as one of its own (1 where true): a share whose estimand and within-cell variance follow
 * from the choice model alike (estimands.ts, design-diagnosis.ts).
 */
export function modelledShares(def: StudyDefinition): CodedOutcome[] {
  const yesNo = def.pages.outcomes
    .flatMap((page) => page.elements)
    .filter((e) => e.type === 'boolean' && def.simulation?.choices?.[e.name])
    .map((e): CodedOutcome => ({ name: e.name, question: e.name, values: ['true'] }));
  return [...(def.analysisPlan.codedOutcomes ?? []), ...yesNo];
}

import type { Answers } from '../answers.ts';
import { blockRandom } from '../assignment.ts';
import type { Assignment } from '../design.ts';
import { participantSurveyPageCount } from '../participant-survey.ts';
import { allElements, choiceValues, CONSENT_QUESTION, type ChoiceValue, type StudyDefinition } from '../study-definition.ts';
import type { OutcomeModel, SimulationModel } from './model-schema.ts';

/**
 * One synthetic respondent drawn from a study's simulation model. Pure and deterministic: the result depends
 * only on the seed, the respondent's index and the condition shown. Every respondent consumes the same
 * sequence of random numbers whatever their condition (common random numbers), so two conditions differ only
 * by the effects the model plants.
 */
export interface SimulatedRespondent {
  /** `declined`: says no at consent (screened out); `abandoned`: leaves on `leaveOnPage` without completing. */
  fate: 'complete' | 'declined' | 'abandoned';
  /** Every answer the respondent would give (with `consent`), in survey order; a client sends what it reached. */
  answers: Answers;
  /** For `abandoned`: the participant-survey page (1 = first after consent) the respondent leaves on, unanswered. */
  leaveOnPage: number | null;
}

/** Uniforms in [0, 1) for respondent `index` of a simulation run: sfc32 seeded from sha256 of seed and index. */
export function respondentRandom(seed: string, index: number): () => number {
  return blockRandom(`simulate:${seed}`, index);
}

/** A standard normal by Box–Muller from two uniforms (1 − u keeps the logarithm finite). */
export function standardNormal(next: () => number): number {
  const r = Math.sqrt(-2 * Math.log(1 - next()));
  return r * Math.cos(2 * Math.PI * next());
}

/** Simulates respondent `index` of a run with `seed`, shown the condition `assignment`. */
export function simulateRespondent(
  def: StudyDefinition,
  assignment: Assignment,
  { seed, index }: { seed: string; index: number },
): SimulatedRespondent {
  const model = requireModel(def);
  const next = respondentRandom(seed, index);
  const declines = next() < model.consentDeclined;
  const abandons = next() < model.attrition;
  const leaveOnPage = 1 + Math.floor(next() * (participantSurveyPageCount(def) - 1));
  const answers: Answers = { [CONSENT_QUESTION]: !declines };

  const questions = allElements(def).filter((e) => e.type !== 'html');
  const drawn: Answers = {};
  for (const q of questions) {
    const shares = model.covariates[q.name];
    if (shares) drawn[q.name] = drawShare(choiceValues(q), shares, next());
  }
  const check = def.attentionCheck;
  if (check && model.attention) {
    const fails = next() < model.attention.fail;
    const wrong = choiceValues(questions.find((q) => q.name === check.question)!).filter((v) => v !== check.passValue);
    const pick = wrong[Math.floor(next() * wrong.length)]!;
    drawn[check.question] = fails ? pick : check.passValue;
  }
  const shared = standardNormal(next) * model.respondentSd;
  for (const q of questions) {
    const outcome = model.outcomes[q.name];
    if (!outcome) continue;
    const latent = latentMean(outcome, assignment, drawn) + (outcome.respondent ?? 0) * shared + outcome.sd * standardNormal(next);
    drawn[q.name] = nearestChoice(choiceValues(q) as number[], latent);
  }
  for (const q of questions) {
    const recall = model.recall[q.name];
    if (!recall) continue;
    const shown = assignment[recall.factor]!;
    const correct = next() < recall.correct;
    const others = choiceValues(q).filter((v) => String(v) !== shown);
    const other = others[Math.floor(next() * others.length)]!;
    drawn[q.name] = correct ? choiceValues(q).find((v) => String(v) === shown)! : other;
  }

  for (const q of questions) if (q.name in drawn) answers[q.name] = drawn[q.name];
  if (declines) return { fate: 'declined', answers, leaveOnPage: null };
  if (abandons) return { fate: 'abandoned', answers, leaveOnPage };
  return { fate: 'complete', answers, leaveOnPage: null };
}

export function requireModel(def: StudyDefinition): SimulationModel {
  if (!def.simulation) throw new RangeError(`study "${def.id}" has no simulation model (simulation.json)`);
  return def.simulation;
}

/**
 * Mean of an outcome's latent for a condition and the respondent's covariate answers: the baseline plus the
 * planted shifts of the assigned levels, of matching level combinations and of the covariate values (reference
 * levels shift nothing).
 */
export function latentMean(outcome: OutcomeModel, assignment: Assignment, covariates: Answers): number {
  let mean = outcome.mean;
  for (const [factor, shifts] of Object.entries(outcome.effects ?? {})) mean += shifts[assignment[factor]!] ?? 0;
  for (const { when, shift } of outcome.interactions ?? []) {
    if (Object.entries(when).every(([factor, level]) => assignment[factor] === level)) mean += shift;
  }
  for (const [question, shifts] of Object.entries(outcome.covariates ?? {})) {
    const value = covariates[question];
    if (value !== undefined) mean += shifts[String(value)] ?? 0;
  }
  return mean;
}

/** The choice whose cumulative share first exceeds u, in the question's own choice order. */
function drawShare(values: ChoiceValue[], shares: Record<string, number>, u: number): ChoiceValue {
  let cumulative = 0;
  for (const value of values) {
    cumulative += shares[String(value)] ?? 0;
    if (u < cumulative) return value;
  }
  return values.findLast((v) => (shares[String(v)] ?? 0) > 0)!; // shares that add up to 1 − 1e-9
}

/** Rounds a latent value to the nearest choice and clips it to the scale (R: pmin(5, pmax(1, round(z)))). */
export function nearestChoice(values: readonly number[], latent: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length - 1; i++) {
    if (latent < (sorted[i]! + sorted[i + 1]!) / 2) return sorted[i]!;
  }
  return sorted.at(-1)!;
}

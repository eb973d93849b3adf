import type { Answers } from '../answers.ts';
import { blockRandom } from '../assignment.ts';
import type { Assignment } from '../design.ts';
import { vignetteQuestionName } from '../repeated-vignettes.ts';
import { studyDesign } from '../study-design.ts';
import { allElements, choiceValues, CONSENT_QUESTION, type StudyDefinition } from '../study-definition.ts';
import { choiceShares, drawChoice } from './choice-outcome.ts';
import { interactionApplies } from './interaction-match.ts';
import type { OutcomeModel, SimulationModel } from './model-schema.ts';
import { modelValues, type ModelValue } from './model-values.ts';

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

/** Simulates respondent `index` of a run with `seed`, shown the condition `assignment` (one vignette). */
export function simulateRespondent(
  def: StudyDefinition,
  assignment: Assignment,
  { seed, index }: { seed: string; index: number },
): SimulatedRespondent {
  const r = simulateVignetteRespondent(def, [assignment], { seed, index });
  const all = { ...r.answers, ...r.vignettes[0] };
  const answers: Answers = { [CONSENT_QUESTION]: all[CONSENT_QUESTION] };
  for (const q of allElements(def)) if (q.name in all) answers[q.name] = all[q.name];
  return { fate: r.fate, answers, leaveOnPage: r.leaveOnPage };
}

/**
 * Respondent `index` of a repeated design reading `assignments` in that order, with their answers as the server
 * stores them: each vignette's outcomes under `<name>__V<k>` (repeated-vignettes.ts), beside their own answers.
 */
export function simulateRepeatedRespondent(
  def: StudyDefinition,
  assignments: readonly Assignment[],
  { seed, index }: { seed: string; index: number },
): SimulatedRespondent {
  const r = simulateVignetteRespondent(def, assignments, { seed, index });
  const answers: Answers = { ...r.answers };
  r.vignettes.forEach((outcomes, i) => {
    for (const [name, value] of Object.entries(outcomes)) answers[vignetteQuestionName(name, i + 1)] = value;
  });
  return { fate: r.fate, answers, leaveOnPage: r.leaveOnPage };
}

/** A respondent of a design with one or more vignettes: their own answers, and the outcomes after each vignette. */
export interface SimulatedVignetteRespondent extends SimulatedRespondent {
  /** `answers` holds consent, covariates, the attention check and recall; outcomes are per vignette, in reading order. */
  vignettes: Answers[];
}

/**
 * Simulates respondent `index` of a run with `seed` who reads the vignettes `assignments` in that order. The
 * respondent's draws come first (respondentBasics), then each vignette's outcomes in reading order with fresh
 * noise and the same respondent latent, then recall (designs with one vignette only). With one vignette the
 * random numbers are used exactly as they always were, so simulated waves re-derive unchanged.
 */
export function simulateVignetteRespondent(
  def: StudyDefinition,
  assignments: readonly Assignment[],
  { seed, index }: { seed: string; index: number },
): SimulatedVignetteRespondent {
  const model = requireModel(def);
  const next = respondentRandom(seed, index);
  const basics = respondentBasics(def, model, next);
  const questions = allElements(def).filter((e) => e.type !== 'html');
  const drawn = basics.drawn;
  const vignettes = assignments.map((assignment) => {
    const outcomes: Answers = {};
    for (const q of questions) {
      const outcome = model.outcomes[q.name];
      // A choice question takes one uniform where a scale takes two: studies without one draw as they always did.
      const choice = model.choices?.[q.name];
      if (choice) outcomes[q.name] = drawChoice(choiceShares(choice, modelValues(q), assignment, drawn), next());
      if (!outcome) continue;
      const latent = latentMean(outcome, assignment, drawn) + (outcome.respondent ?? 0) * basics.shared + outcome.sd * standardNormal(next);
      outcomes[q.name] = nearestChoice(choiceValues(q) as number[], latent);
    }
    return outcomes;
  });
  for (const q of questions) {
    const recall = model.recall[q.name];
    if (!recall) continue;
    const shown = assignments[0]![recall.factor]!;
    const correct = next() < recall.correct;
    const others = choiceValues(q).filter((v) => String(v) !== shown);
    const other = others[Math.floor(next() * others.length)]!;
    drawn[q.name] = correct ? choiceValues(q).find((v) => String(v) === shown)! : other;
  }
  return { ...basics.outcome(questions), vignettes };
}

/**
 * What every simulated respondent draws first, whatever the design, in this order: declining consent,
 * abandoning, the page left on, the covariates, the attention check (fails, then the wrong choice), and the
 * shared respondent latent. `outcome` turns the fate and the answers drawn so far into the respondent's result.
 */
export function respondentBasics(def: StudyDefinition, model: SimulationModel, next: () => number) {
  const declines = next() < model.consentDeclined;
  const abandons = next() < model.attrition;
  const leaveOnPage = 1 + Math.floor(next() * (designPageCount(def) - 1));
  const questions = allElements(def).filter((e) => e.type !== 'html');
  const drawn: Answers = {};
  for (const q of questions) {
    const shares = model.covariates[q.name];
    if (shares) drawn[q.name] = drawShare(modelValues(q), shares, next());
  }
  const check = def.attentionCheck;
  if (check && model.attention) {
    const fails = next() < model.attention.fail;
    const wrong = choiceValues(questions.find((q) => q.name === check.question)!).filter((v) => v !== check.passValue);
    const pick = wrong[Math.floor(next() * wrong.length)]!;
    drawn[check.question] = fails ? pick : check.passValue;
  }
  const shared = standardNormal(next) * model.respondentSd;
  const outcome = (ordered: readonly { name: string }[]): SimulatedRespondent => {
    const answers: Answers = { [CONSENT_QUESTION]: !declines };
    for (const q of ordered) if (q.name in drawn) answers[q.name] = drawn[q.name];
    if (declines) return { fate: 'declined', answers, leaveOnPage: null };
    if (abandons) return { fate: 'abandoned', answers, leaveOnPage };
    return { fate: 'complete', answers, leaveOnPage: null };
  };
  return { drawn, shared, outcome };
}

/**
 * Pages of a participant's survey in any design: consent, the pre-treatment pages, each vignette's page with
 * its outcome pages (or one page per conjoint task), the post-treatment pages. With one vignette this is
 * participantSurveyPageCount.
 */
export function designPageCount(def: StudyDefinition): number {
  const design = studyDesign(def);
  const treatment = design.kind === 'conjoint' ? design.tasks : design.vignettesPerRespondent * (1 + def.pages.outcomes.length);
  return 1 + def.pages.pretreatment.length + treatment + def.pages.posttreatment.length;
}

export function requireModel(def: StudyDefinition): SimulationModel {
  if (!def.simulation) throw new RangeError(`study "${def.id}" has no simulation model (simulation.json)`);
  return def.simulation;
}

/**
 * Mean of an outcome's latent for a condition and the respondent's covariate answers: the baseline plus the
 * planted shifts of the assigned levels, of matching combinations (of levels, and of covariates' answers beside
 * them: a moderated effect) and of the covariate values (reference levels shift nothing).
 */
export function latentMean(outcome: OutcomeModel, assignment: Assignment, covariates: Answers): number {
  let mean = outcome.mean;
  for (const [factor, shifts] of Object.entries(outcome.effects ?? {})) mean += shifts[assignment[factor]!] ?? 0;
  for (const { when, shift } of outcome.interactions ?? []) if (interactionApplies(when, assignment, covariates)) mean += shift;
  for (const [question, shifts] of Object.entries(outcome.covariates ?? {})) {
    const value = covariates[question];
    if (value !== undefined) mean += shifts[String(value)] ?? 0;
  }
  return mean;
}

/** The choice whose cumulative share first exceeds u, in the question's own choice order. */
function drawShare(values: ModelValue[], shares: Record<string, number>, u: number): ModelValue {
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

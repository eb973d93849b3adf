import type { CodedOutcome } from '../plan/plan-schema.ts';
import { normalUpperTail } from '../../../analysis/index.ts';
import type { Assignment } from '../design.ts';
import { allElements, choiceValues, type StudyDefinition } from '../study-definition.ts';
import { choiceShares } from './choice-outcome.ts';
import type { ChoiceModel, OutcomeModel, SimulationModel } from './model-schema.ts';
import { modelValues } from './model-values.ts';
import { latentMean, requireModel } from './respondent.ts';

/**
 * What the simulation model implies exactly, without drawing anybody: the distribution of an outcome on its
 * observed (rounded and clipped) scale given a condition, and its mean. Planted effects are latent shifts;
 * rounding and clipping to 1–5 attenuate them, so estimands are computed on the observed scale from these
 * expectations, never read off the model's coefficients.
 */

/** Latent standard deviation of one outcome: its own noise and its loading on the shared respondent component. */
export function latentSd(model: SimulationModel, outcome: OutcomeModel): number {
  return Math.hypot(outcome.sd, (outcome.respondent ?? 0) * model.respondentSd);
}

/** P(Y = value) for each choice value (ascending) when the latent is normal(mean, sd) and rounded to the nearest choice. */
export function choiceProbabilities(values: readonly number[], mean: number, sd: number): { value: number; p: number }[] {
  const sorted = [...values].sort((a, b) => a - b);
  // Upper tails at the midpoints between neighbouring choices: P(latent ≥ cut).
  const tails = sorted.slice(0, -1).map((v, i) => normalUpperTail(((v + sorted[i + 1]!) / 2 - mean) / sd));
  return sorted.map((value, i) => ({ value, p: (i === 0 ? 1 : tails[i - 1]!) - (i < tails.length ? tails[i]! : 0) }));
}

/**
 * The joint distribution of the covariates an outcome depends on (drawn independently from their shares):
 * every combination of their values with its probability. `shares` may replace the model's shares of some
 * covariates (e.g. population margins when the analysis rakes to them).
 */
export function covariateProfiles(
  model: SimulationModel,
  names: readonly string[],
  shares: Record<string, Record<string, number>> = {},
): { values: Record<string, string>; p: number }[] {
  let profiles: { values: Record<string, string>; p: number }[] = [{ values: {}, p: 1 }];
  for (const name of names) {
    const given = shares[name] ?? model.covariates[name]!;
    profiles = profiles.flatMap((profile) =>
      Object.entries(given)
        .filter(([, p]) => p > 0)
        .map(([value, p]) => ({ values: { ...profile.values, [name]: value }, p: profile.p * p })),
    );
  }
  return profiles;
}

/** The covariates an outcome (a scale or a choice) depends on: those that shift it and those its interactions name (moderators). */
export function outcomeCovariates(model: SimulationModel, outcome: Pick<OutcomeModel | ChoiceModel, 'covariates' | 'interactions'>): string[] {
  const names = new Set(Object.keys(outcome.covariates ?? {}));
  for (const { when } of outcome.interactions ?? []) for (const name of Object.keys(when)) if (name in model.covariates) names.add(name);
  return [...names];
}

/**
 * E[outcome | condition, covariates fixed in `given`], averaging over the covariates the outcome depends on that
 * `given` does not fix. This is the mean a very large sample of that cell (and covariate profile) converges to.
 */
export function expectedOutcome(
  def: StudyDefinition,
  name: string,
  assignment: Assignment,
  given: Record<string, string> = {},
  shares: Record<string, Record<string, number>> = {},
): number {
  const model = requireModel(def);
  const outcome = model.outcomes[name];
  if (!outcome) throw new RangeError(`expectedOutcome: "${name}" is not an outcome of the simulation model`);
  const values = choiceValues(allElements(def).find((e) => e.name === name)!) as number[];
  const sd = latentSd(model, outcome);
  const free = outcomeCovariates(model, outcome).filter((c) => !(c in given));
  let total = 0;
  for (const profile of covariateProfiles(model, free, shares)) {
    const mean = latentMean(outcome, assignment, { ...profile.values, ...given });
    for (const { value, p } of choiceProbabilities(values, mean, sd)) total += profile.p * p * value;
  }
  return total;
}

/** Var(outcome | condition): the spread within one cell, for analytic power. */
export function outcomeVariance(def: StudyDefinition, name: string, assignment: Assignment): number {
  const model = requireModel(def);
  const outcome = model.outcomes[name]!;
  const values = choiceValues(allElements(def).find((e) => e.name === name)!) as number[];
  const sd = latentSd(model, outcome);
  let first = 0;
  let second = 0;
  for (const profile of covariateProfiles(model, outcomeCovariates(model, outcome))) {
    for (const { value, p } of choiceProbabilities(values, latentMean(outcome, assignment, profile.values), sd)) {
      first += profile.p * p * value;
      second += profile.p * p * value * value;
    }
  }
  return second - first * first;
}

/**
 * P(answer = c | condition) averaged over the covariates the model shifts by (drawn independently from their
 * shares): the share of each choice a very large sample of the cell converges to, the estimand of a share by condition.
 */
export function expectedChoiceShares(
  def: StudyDefinition,
  name: string,
  assignment: Assignment,
  given: Record<string, string> = {},
  shares: Record<string, Record<string, number>> = {},
): Map<string, number> {
  const model = requireModel(def);
  const choice = model.choices?.[name];
  if (!choice) throw new RangeError(`expectedChoiceShares: "${name}" is not a choice question of the simulation model`);
  const values = modelValues(allElements(def).find((e) => e.name === name)!);
  const out = new Map<string, number>(values.map((v) => [String(v), 0]));
  // Covariates the caller fixes (`given`, a plan's covariate row) are not averaged over.
  const free = outcomeCovariates(model, choice).filter((c) => !(c in given));
  for (const profile of covariateProfiles(model, free, shares)) {
    for (const { value, p } of choiceShares(choice, values, assignment, { ...profile.values, ...given })) out.set(String(value), out.get(String(value))! + profile.p * p);
  }
  return out;
}

/**
 * The expected share of a plan's coded outcome (1 for `values` of a choice question, coded-outcomes.ts) in a cell:
 * the mean of its indicator, so its estimand and its within-cell variance p(1 − p) follow from the choice model.
 */
export function expectedCodedShare(
  def: StudyDefinition,
  coded: CodedOutcome,
  assignment: Assignment,
  given: Record<string, string> = {},
  shares: Record<string, Record<string, number>> = {},
): number {
  const choice = expectedChoiceShares(def, coded.question, assignment, given, shares);
  return coded.values.reduce((sum: number, v) => sum + (choice.get(String(v)) ?? 0), 0);
}

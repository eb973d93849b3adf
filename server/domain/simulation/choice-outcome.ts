import type { Answers } from '../answers.ts';
import type { Assignment } from '../design.ts';
import { interactionApplies } from './interaction-match.ts';
import type { ChoiceModel } from './model-schema.ts';
import type { ModelValue } from './model-values.ts';

/**
 * A question whose choices are not a scale (for / against / abstain) answered by a multinomial logit: choice c has
 * log-odds log(shares[c]) plus the shifts of the levels shown, of the respondent's covariate answers and of the
 * interactions whose `when` holds (a grant's pull among those who never ride), and is
 * chosen with probability exp(η_c) / Σ exp(η). With no shift the probabilities are the shares themselves.
 * (Train, Discrete Choice Methods with Simulation, ch. 3; R: nnet::multinom fits this model.)
 */

/** P(answer = c) for each choice of the question, in the question's own choice order. */
export function choiceShares(model: ChoiceModel, values: readonly ModelValue[], assignment: Assignment, covariates: Answers): { value: ModelValue; p: number }[] {
  const logOdds = values.map((value) => {
    const c = String(value);
    let eta = Math.log(model.shares[c] ?? 0);
    for (const [factor, levels] of Object.entries(model.effects ?? {})) eta += levels[assignment[factor]!]?.[c] ?? 0;
    for (const [question, answers] of Object.entries(model.covariates ?? {})) {
      const answer = covariates[question];
      if (answer !== undefined) eta += answers[String(answer)]?.[c] ?? 0;
    }
    for (const { when, shift } of model.interactions ?? []) if (interactionApplies(when, assignment, covariates)) eta += shift[c] ?? 0;
    return eta;
  });
  const top = Math.max(...logOdds); // subtracted before exp: no overflow for large shifts
  const weights = logOdds.map((eta) => Math.exp(eta - top));
  const total = weights.reduce((a, b) => a + b, 0);
  return values.map((value, i) => ({ value, p: weights[i]! / total }));
}

/** The choice whose cumulative probability first exceeds the uniform u (the last possible one at u ≈ 1). */
export function drawChoice(shares: readonly { value: ModelValue; p: number }[], u: number): ModelValue {
  let cumulative = 0;
  for (const { value, p } of shares) {
    cumulative += p;
    if (u < cumulative) return value;
  }
  return shares.findLast((s) => s.p > 0)!.value;
}

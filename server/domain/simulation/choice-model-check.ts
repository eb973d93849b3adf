import { didYouMean } from '../../../analysis/helpers/did-you-mean.ts';
import { checkInteraction } from './interaction-check.ts';
import type { ModelCheck } from './model-check.ts';
import type { ChoiceModel } from './model-schema.ts';
import { modelValues } from './model-values.ts';

/**
 * A `choices` model (choice-outcome.ts): a question with at least two choices (a yes/no question: true and false), a share for each choice adding up
 * to 1, and log-odds shifts that name real factors' non-reference levels, modelled covariates' choices (alone, or
 * beside levels in an interaction) and the question's own choices.
 */
export function checkChoiceModel(check: ModelCheck, name: string, choice: ChoiceModel): void {
  const { model, fail, at, claim, factors } = check;
  const question = claim('choices', name);
  if (!question) return;
  const values = modelValues(question).map(String);
  if (values.length < 2) return fail(at('choices', name), `"${name}" needs at least two choices to be modelled as a choice`);
  const checkChoices = (shifts: Record<string, number>, path: PropertyKey[]) => {
    const unknown = Object.keys(shifts).find((v) => !values.includes(v));
    if (unknown) fail([...path, unknown], `"${unknown}" is not a choice of "${name}" (${didYouMean(unknown, values)})`);
  };
  checkChoices(choice.shares, at('choices', name, 'shares'));
  const missing = values.find((v) => !(v in choice.shares));
  if (missing) fail(at('choices', name, 'shares'), `no share for "${missing}"`);
  const total = Object.values(choice.shares).reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) > 1e-6) fail(at('choices', name, 'shares'), `shares add up to ${total}, not 1`);
  for (const [factor, levels] of Object.entries(choice.effects ?? {})) {
    const codes = factors.get(factor);
    if (!codes) {
      fail(at('choices', name, 'effects', factor), `"${factor}" is not a factor of the study (${didYouMean(factor, [...factors.keys()])})`);
      continue;
    }
    for (const [level, shifts] of Object.entries(levels)) {
      const path = at('choices', name, 'effects', factor, level);
      if (!codes.includes(level)) fail(path, `"${level}" is not a level of "${factor}" (${didYouMean(level, codes)})`);
      else if (level === codes[0]) fail(path, `"${level}" is the reference level: effects are relative to it`);
      else checkChoices(shifts, path);
    }
  }
  for (const [covariate, answers] of Object.entries(choice.covariates ?? {})) {
    const shares = model.covariates[covariate];
    if (!shares) {
      fail(at('choices', name, 'covariates', covariate), `"${covariate}" is not a modelled covariate`);
      continue;
    }
    for (const [answer, shifts] of Object.entries(answers)) {
      const path = at('choices', name, 'covariates', covariate, answer);
      if (!(answer in shares)) fail(path, `"${answer}" is not a choice of "${covariate}" (${didYouMean(answer, Object.keys(shares))})`);
      else checkChoices(shifts, path);
    }
  }
  (choice.interactions ?? []).forEach(({ when, shift }, i) => {
    checkInteraction(check, at('choices', name, 'interactions', i, 'when'), when);
    checkChoices(shift, at('choices', name, 'interactions', i, 'shift'));
  });
}

import { didYouMean } from '../../../analysis/helpers/did-you-mean.ts';
import { studyDesign } from '../study-design.ts';
import type { StudyDefinition } from '../study-definition.ts';
import type { SimulationModel } from './model-schema.ts';

type Fail = (path: PropertyKey[], message: string) => void;

/**
 * The design-specific parts of a simulation model: a conjoint needs `conjoint` (with `rating` exactly when the
 * design asks a rating), whose shifts name real attributes and non-reference levels and modelled covariates; a
 * vignette design has no `conjoint`, and with several vignettes per respondent no `recall` (a manipulation check
 * cannot say which vignette it asks about).
 */
export function checkDesignModel(def: StudyDefinition, model: SimulationModel, fail: Fail): void {
  const design = studyDesign(def);
  const at = (...path: PropertyKey[]) => ['simulation', ...path];
  if (design.kind === 'vignette') {
    if (model.conjoint) fail(at('conjoint'), 'only a conjoint design has a conjoint model');
    const recall = Object.keys(model.recall)[0];
    if (recall && design.vignettesPerRespondent > 1) {
      fail(at('recall', recall), `with ${design.vignettesPerRespondent} vignettes per respondent a manipulation check cannot say which vignette it asks about`);
    }
    return;
  }
  const conjoint = model.conjoint;
  if (!conjoint) return fail(at('conjoint'), 'required: a conjoint design needs utilities for its choices and ratings');
  if (design.outcomes.rating && !conjoint.rating) fail(at('conjoint', 'rating'), `required: the design asks the rating "${design.outcomes.rating.name}"`);
  if (!design.outcomes.rating && conjoint.rating) fail(at('conjoint', 'rating'), 'the design asks no rating');
  const attributes = new Map(def.factors.map((f) => [f.name, f.levels.map((l) => l.code)]));
  const checkShifts = (shifts: Record<string, Record<string, number>>, path: PropertyKey[]) => {
    for (const [attribute, levels] of Object.entries(shifts)) {
      const codes = attributes.get(attribute);
      if (!codes) {
        fail([...path, attribute], `"${attribute}" is not an attribute of the study (${didYouMean(attribute, [...attributes.keys()])})`);
        continue;
      }
      for (const level of Object.keys(levels)) {
        if (!codes.includes(level)) fail([...path, attribute, level], `"${level}" is not a level of "${attribute}" (${didYouMean(level, codes)})`);
        else if (level === codes[0]) fail([...path, attribute, level], `"${level}" is the reference level: utilities are relative to it`);
      }
    }
  };
  checkShifts(conjoint.utilities, at('conjoint', 'utilities'));
  (conjoint.interactions ?? []).forEach((interaction, i) => {
    const named = Object.entries(interaction.when);
    if (named.length < 2) fail(at('conjoint', 'interactions', i, 'when'), 'an interaction names at least two attributes');
    checkShifts(Object.fromEntries(named.map(([a, l]) => [a, { [l]: 0 }])), at('conjoint', 'interactions', i, 'when'));
  });
  for (const [covariate, values] of Object.entries(conjoint.covariates ?? {})) {
    const shares = model.covariates[covariate];
    if (!shares) {
      fail(at('conjoint', 'covariates', covariate), `"${covariate}" is not a modelled covariate`);
      continue;
    }
    for (const [value, shifts] of Object.entries(values)) {
      if (!(value in shares)) fail(at('conjoint', 'covariates', covariate, value), `"${value}" is not a choice of "${covariate}" (${didYouMean(value, Object.keys(shares))})`);
      else checkShifts(shifts, at('conjoint', 'covariates', covariate, value));
    }
  }
}

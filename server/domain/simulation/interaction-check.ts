import { closestName, didYouMean } from '../../../analysis/helpers/did-you-mean.ts';
import type { ModelCheck } from './model-check.ts';

/** Where a study's questions are asked, for naming them in an interaction: before the vignette or after it. */
export interface QuestionPlaces {
  pretreatment: ReadonlySet<string>;
  all: ReadonlySet<string>;
  attentionCheck: string | undefined;
}

/**
 * One outcome interaction's `when`: at least two entries, each a factor with a non-reference level or a modelled
 * covariate with one of its choices. A covariate makes the treatment's effect depend on who answers (moderation,
 * "regime matters more to Republicans"); only a pre-treatment answer can do that, because a question asked after the
 * vignette may itself be moved by the treatment, and the model draws no such answer before the outcomes.
 */
export function checkInteraction({ model, fail, factors, places }: ModelCheck, path: PropertyKey[], when: Record<string, string>): void {
  const named = Object.entries(when);
  if (named.length < 2) fail(path, 'an interaction names at least two factors or covariates');
  for (const [name, value] of named) {
    const at = [...path, name];
    const codes = factors.get(name);
    const shares = model.covariates[name];
    if (codes) {
      if (!codes.includes(value)) fail(at, `"${value}" is not a level of "${name}" (${didYouMean(value, codes)})`);
      else if (value === codes[0]) fail(at, referenceLevelWords(name, value, named.find(([other]) => model.covariates[other] !== undefined)));
    } else if (shares) {
      const choices = Object.keys(shares);
      if (!choices.includes(value)) fail(at, `"${value}" is not a choice of "${name}" (${didYouMean(value, choices)})`);
    } else {
      fail(at, unknownName(name, [...factors.keys()], Object.keys(model.covariates), places));
    }
  }
}

/**
 * A factor's reference level in `when`: effects and interactions are shifts of the other levels. Beside a covariate
 * the moderation a researcher means ("democracies lose support among Republicans") is still plantable, as a covariate
 * shift and the opposite shift on the other levels: said, since walk-through 26 found the bare refusal a dead end.
 */
function referenceLevelWords(factor: string, level: string, covariate: [string, string] | undefined): string {
  const head = `"${level}" is the reference level: interactions are relative to it`;
  if (!covariate) return head;
  const [question, choice] = covariate;
  return `${head}; to move its outcome for those answering "${choice}" to "${question}", shift "${choice}" under this outcome's covariates and give the other levels of "${factor}" the opposite shift here`;
}

/** Why a name in `when` is neither a factor nor a modelled covariate, and what it could be instead. */
function unknownName(name: string, factors: string[], covariates: string[], places: QuestionPlaces): string {
  if (name === places.attentionCheck) return `"${name}" is the attention check, not a modelled covariate: an interaction names factors and covariates`;
  if (places.pretreatment.has(name)) return `"${name}" is a pre-treatment question but not a modelled covariate: give its shares under "covariates" to name it here`;
  if (places.all.has(name)) {
    return `"${name}" is asked after the vignette: an interaction names factors and pre-treatment questions (covariates) only, since a later answer can be moved by the treatment`;
  }
  const closest = closestName(name, [...factors, ...covariates]);
  const hint = closest ? `did you mean "${closest}"?` : `factors: ${factors.join(', ')}; modelled covariates: ${covariates.join(', ') || 'none'}`;
  return `"${name}" is not a factor or a question of the study (${hint})`;
}

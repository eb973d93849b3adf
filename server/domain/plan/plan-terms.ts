import { designColumnNames, parseFormula } from '../../../analysis/index.ts';
import { closestName } from '../../../analysis/helpers/did-you-mean.ts';
import type { StudyDefinition } from '../study-definition.ts';
import { planLevels } from './plan-columns.ts';
import type { Hypothesis, LmRobustHypothesis } from './plan-schema.ts';

/** The right-hand side actually fitted: moderators interact with the whole pre-registered right-hand side. */
export function modelRightHandSide(h: LmRobustHypothesis): string {
  const rhs = h.formula.trim().replace(/^~\s*/, '');
  return h.moderators?.length ? `~ (${rhs}) * (${h.moderators.join(' + ')})` : `~ ${rhs}`;
}

/** The plan's fixed effects as lmRobust and estimatr take them (`~ block + region`); undefined without any. */
export function fixedEffectsFormula(h: Hypothesis): string | undefined {
  return h.estimator === 'lm_robust' && h.fixedEffects?.length ? `~ ${h.fixedEffects.join(' + ')}` : undefined;
}

/**
 * The term names (R's, as estimatr prints them) a hypothesis' model will have when every level occurs:
 * `(Intercept)`, `regimeautocracy`, `measurepublic_criticism:regimeautocracy`, or the difference-in-means
 * term. Lets a plan's `direction` be checked before any data exist, and the dashboard order its plot.
 */
export function expectedTerms(def: StudyDefinition, h: Hypothesis): string[] {
  if (h.estimator === 'difference_in_means') return [h.treatment.term];
  const levels = hypothesisLevels(def, h);
  const formula = parseFormula('plan', `y ${modelRightHandSide(h)}`);
  // Columns named as lmRobust names them (R's coding rule, analysis/helpers/model-matrix.ts); a variable without
  // levels is numeric. Fixed effects absorb the intercept (and their own dummies, which are not on the rhs).
  const names = designColumnNames(
    formula,
    formula.variables.map((name) => (levels[name] ? { kind: 'factor', levels: levels[name]! } : { kind: 'numeric', names: [''] })),
  );
  return fixedEffectsFormula(h) ? names.filter((name) => name !== '(Intercept)') : names;
}

/** The plan's levels (planLevels) within the hypothesis' subset: the first left is the reference level. */
export function hypothesisLevels(def: StudyDefinition, h: Hypothesis): Record<string, string[]> {
  const levels = planLevels(def, h);
  for (const s of h.subset ?? []) {
    if (levels[s.column]) levels[s.column] = levels[s.column]!.filter((l) => s.in.map(String).includes(l));
  }
  return levels;
}

/**
 * What follows a term the plan names that the estimates do not have: the term a typo was probably meant to be (unless
 * `suggest` is false) and the terms there are. Shared by the vignette and the conjoint plans' messages.
 *
 * @example termsHint('regimeautocrcy', ['(Intercept)', 'regimeautocracy']) // '(did you mean "regimeautocracy"? terms: "(Intercept)", "regimeautocracy")'
 */
export function termsHint(term: string, terms: readonly string[], suggest = true): string {
  const reordered = reorderedInteraction(term, terms);
  const closest = reordered ?? (suggest ? closestName(term, terms) : undefined);
  const why = reordered ? " R names an interaction's parts in the formula's order;" : '';
  // Each term quoted: a space at a term's end, or a term with a comma in it, must show in the list.
  return `(${closest ? `did you mean "${closest}"?${why} ` : ''}terms: ${terms.map((t) => `"${t}"`).join(', ')})`;
}

/**
 * The model's interaction of the same parts in R's order: walk-through 31 wrote its moderation term moderator first
 * ("trust_iohigh:authorizationun"), too many letters from R's "authorizationun:trust_iohigh" for a typo's suggestion.
 */
function reorderedInteraction(term: string, terms: readonly string[]): string | undefined {
  if (!term.includes(':')) return undefined;
  const parts = (t: string) => t.split(':').sort().join(':');
  return terms.find((t) => t !== term && parts(t) === parts(term));
}

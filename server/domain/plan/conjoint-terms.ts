import { AnalysisError } from '../../../analysis/index.ts';
import { conjointFormula, type ConjointFormula } from '../../../analysis/conjoint/formula.ts';
import type { StudyDefinition } from '../study-definition.ts';
import { planLevels } from './plan-columns.ts';
import type { ConjointHypothesis } from './plan-schema.ts';

/**
 * The term of a conjoint estimate in a plan's estimates: R's name, feature then level (`regimeautocracy`), and
 * with `by` the group after a colon (`regimeautocracy:partyrepublican`), as an interaction term reads.
 */
export function conjointTerm(feature: string, level: string, by?: { column: string; group: string }): string {
  return by ? `${feature}${level}:${by.column}${by.group}` : `${feature}${level}`;
}

/** Every term a conjoint hypothesis' estimates can have (an AMCE's reference levels are not terms). */
export function conjointTerms(def: StudyDefinition, h: ConjointHypothesis, features: readonly string[]): string[] {
  const levels = planLevels(def);
  const groups = h.by ? (levels[h.by] ?? []).map((group) => ({ column: h.by!, group })) : [undefined];
  return groups.flatMap((by) =>
    features.flatMap((feature) => (levels[feature] ?? []).slice(h.estimator === 'amce' ? 1 : 0).map((level) => conjointTerm(feature, level, by))),
  );
}

/**
 * A conjoint hypothesis' formula read by the estimators' own parser (analysis/conjoint/formula.ts, cregg's syntax)
 * over the design's attributes, `outcome` on the left: the plan's validation, its terms and replicate.R all read a
 * formula here, so none can read it differently from amce/mm. Throws the parser's AnalysisError (named `fn`).
 *
 * @example conjointPlanFormula('plan', def, 'chosen', '~ regime + behavior * troops').constraints // [['behavior', 'troops']]
 */
export function conjointPlanFormula(fn: string, def: StudyDefinition, outcome: string, formula: string): ConjointFormula {
  return conjointFormula(fn, `${outcome} ${formula}`, [outcome, ...def.factors.map((f) => f.name)]);
}

/** The terms a locked conjoint hypothesis will have; none when its formula is one the parser refuses (never valid). */
export function expectedConjointTerms(def: StudyDefinition, h: ConjointHypothesis): string[] {
  try {
    return conjointTerms(def, h, conjointPlanFormula('plan', def, h.outcomes[0]!, h.formula).features);
  } catch (error) {
    if (error instanceof AnalysisError) return [];
    throw error;
  }
}

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

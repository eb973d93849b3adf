import { andList } from '../../../analysis/helpers/and-list.ts';
import type { StudyDefinition } from '../study-definition.ts';

/**
 * "raked to the population margins of age_group and gender" when a wave's plan estimates were weighted by raking,
 * else null: the CLI table's head and the dashboard's Hypotheses heading both say it, so a weighted result never
 * reads as an unweighted one.
 *
 * @example rakingNote(def, true) // "raked to the population margins of party"
 */
export function rakingNote(def: StudyDefinition, weighted: boolean): string | null {
  const variables = Object.keys(def.populationMargins?.margins ?? {});
  if (!weighted || variables.length === 0) return null;
  return `raked to the population margins of ${andList(variables)}`;
}

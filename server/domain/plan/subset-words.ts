import { andList } from '../../../analysis/helpers/and-list.ts';
import type { StudyDefinition } from '../study-definition.ts';
import { studyLevelLabel, variableWords } from './term-labels.ts';

type Condition = { column: string; in: readonly (string | number | boolean)[] };

/**
 * The rows a hypothesis' `subset` keeps, in the study's words, as `vlab estimates`' table says it under an outcome:
 * "rows with Behavior other than Cooperates (control)". A condition keeping most of a factor's levels is said by
 * those it leaves out, which are fewer. Without it, H3's "N 43" stood beside 52 completes the plan kept and nothing
 * said why (walk-through 27). Variables are spelled out as the terms' labels spell them (term-labels.ts). Null
 * without a subset.
 *
 * @example subsetWords(alliance, h3) // "rows with Behavior other than Cooperates (control)"
 */
export function subsetWords(def: StudyDefinition, h: { subset?: readonly Condition[] | undefined }): string | null {
  if (!h.subset?.length) return null;
  const conditions = h.subset.map((c) => {
    const kept = c.in.map(String);
    const levels = def.factors.find((f) => f.name === c.column)?.levels.map((l) => l.code);
    const left = levels?.filter((code) => !kept.includes(code)) ?? [];
    const words = (codes: readonly string[]) => andList(codes.map((code) => studyLevelLabel(def, c.column, code)), 'or');
    if (levels && left.length > 0 && left.length < kept.length) return `${variableWords(def, c.column)} other than ${words(left)}`;
    return `${variableWords(def, c.column)}: ${words(kept)}`;
  });
  // A semicolon between conditions: a level list already holds commas and "or".
  return `rows with ${conditions.join('; ')}`;
}

import { allElements, choiceValues } from '../definition-elements.ts';
import type { ChoiceValue, StudyDefinition } from '../study-definition.ts';
import type { Hypothesis } from './plan-schema.ts';

/**
 * When a column's value is fixed relative to the treatment. Only `factor` (randomized) and `pretreatment`
 * (answered before the vignette) columns may select rows or enter a model's right-hand side.
 */
export type ColumnRole = 'factor' | 'pretreatment' | 'outcome' | 'posttreatment';

export interface ColumnInfo {
  role: ColumnRole;
  /** Allowed values in the definition's order (factor level codes, choice values); absent for free answers. */
  values?: readonly ChoiceValue[];
}

/**
 * Every column a plan may name, with its role and values: the wave's wide rows' columns and the plan's coded
 * outcomes (0/1 outcomes from a categorical question, coded-outcomes.ts).
 */
export function planColumns(def: StudyDefinition): Map<string, ColumnInfo> {
  const columns = studyColumns(def);
  for (const c of def.analysisPlan.codedOutcomes ?? []) if (!columns.has(c.name)) columns.set(c.name, { role: 'outcome', values: [0, 1] });
  return columns;
}

/** Every column of a wave's wide rows that a plan may name, with its role and values. */
export function studyColumns(def: StudyDefinition): Map<string, ColumnInfo> {
  const columns = new Map<string, ColumnInfo>();
  for (const f of def.factors) columns.set(f.name, { role: 'factor', values: f.levels.map((l) => l.code) });
  for (const section of ['pretreatment', 'outcomes', 'posttreatment'] as const) {
    const role: ColumnRole = section === 'outcomes' ? 'outcome' : section;
    for (const e of def.pages[section].flatMap((p) => p.elements)) {
      if (e.type === 'html') continue;
      const values = choiceValues(e);
      columns.set(e.name, values.length ? { role, values } : { role });
    }
  }
  const check = def.attentionCheck;
  if (check) {
    // The derived pass/fail column is as pre-treatment as the question it is computed from.
    const questionRole = columns.get(check.question)?.role ?? 'posttreatment';
    columns.set(check.derivedColumn, { role: questionRole, values: [0, 1] });
  }
  return columns;
}

/**
 * Factor levels in the definition's order (the first is R's reference level): the factors, the string-valued
 * choice questions, and a stacked hypothesis' item column (levels in `items` order).
 */
export function planLevels(def: StudyDefinition, h?: Hypothesis): Record<string, string[]> {
  const levels: Record<string, string[]> = {};
  for (const f of def.factors) levels[f.name] = f.levels.map((l) => l.code);
  for (const e of allElements(def)) {
    const values = choiceValues(e);
    if (values.length && values.some((v) => typeof v === 'string')) levels[e.name] = values.map(String);
  }
  if (h?.stack) levels[h.stack.itemColumn] = [...h.stack.items];
  return levels;
}

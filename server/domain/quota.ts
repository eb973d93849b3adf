import { z } from 'zod';
import { closestName } from '../../analysis/helpers/did-you-mean.ts';
import type { Answers } from './answers.ts';
import { DomainError } from './errors.ts';
import type { StudyDefinition, SurveyElement } from './study-definition.ts';
import { identifier } from './definition-codes.ts';

/**
 * Demographic quotas (survey-definitions/<id>/quotas.json): for each listed pre-treatment variable, each level
 * may take at most ceil(share × target × (1 + slack)) participants, the share coming from the study's
 * population margins. Quotas are per variable (marginal), not crossed cells: the margins are marginal too.
 *
 * ```json
 * { "variables": ["age_group", "gender"], "basis": "populationMargins", "slack": 0.05 }
 * ```
 */
export const quotasSchema = z.strictObject({
  variables: z.array(identifier).min(1),
  basis: z.literal('populationMargins').default('populationMargins'),
  /** Head-room over the exact share, e.g. 0.05: a level may fill to 105 % of its share of the target. */
  slack: z.number().min(0).max(1).default(0),
});
export type QuotaSettings = z.infer<typeof quotasSchema>;

export interface QuotaCap {
  variable: string;
  level: string;
  share: number;
  cap: number;
}

export interface QuotaCell {
  variable: string;
  level: string;
}

/** Problems for the definition's validator: every quota variable needs population margins. */
export function quotaProblems(def: Pick<StudyDefinition, 'quotas' | 'populationMargins'>): { path: PropertyKey[]; message: string }[] {
  const quotas = def.quotas;
  if (!quotas) return [];
  const problems: { path: PropertyKey[]; message: string }[] = [];
  const seen = new Set<string>();
  quotas.variables.forEach((variable, i) => {
    if (seen.has(variable)) problems.push({ path: ['quotas', 'variables', i], message: `"${variable}" is listed twice` });
    seen.add(variable);
    if (!def.populationMargins?.margins[variable]) {
      const closest = closestName(variable, Object.keys(def.populationMargins?.margins ?? {}));
      problems.push({
        path: ['quotas', 'variables', i],
        message: `"${variable}" has no population margins (population-margins.json), which the quota caps come from${closest ? ` (did you mean "${closest}"?)` : ''}`,
      });
    }
  });
  return problems;
}

/** The cap of every level of every quota variable for a wave of `target` completes; [] without quotas. */
export function quotaCaps(def: StudyDefinition, target: number): QuotaCap[] {
  const quotas = def.quotas;
  if (!quotas) return [];
  return quotas.variables.flatMap((variable) =>
    Object.entries(def.populationMargins?.margins[variable] ?? {}).map(([level, share]) => ({
      variable,
      level,
      share,
      // The epsilon keeps 0.25 × 1000 × 1.0 at 250 despite floating-point noise.
      cap: Math.ceil(share * target * (1 + quotas.slack) - 1e-9),
    })),
  );
}

/**
 * The participant's level of each quota variable, from their pre-treatment answers. An answer with no
 * population share (population margins' `noPopulationShare`, e.g. "prefer not to say") has no cap, so it
 * takes no slot: nobody is turned away for it.
 */
export function quotaCellOf(def: StudyDefinition, answers: Answers): QuotaCell[] {
  const quotas = def.quotas;
  if (!quotas) return [];
  return quotas.variables.flatMap((variable) => {
    const value = answers[variable];
    if (value === undefined || value === null) {
      throw new DomainError('invalid_input', `answers.${variable}: required for the quota check`);
    }
    const level = String(value);
    return def.populationMargins?.noPopulationShare?.[variable]?.includes(level) ? [] : [{ variable, level }];
  });
}

/** The first of the participant's levels that is already at its cap, or null if every level has room. */
export function fullQuotaLevel(caps: readonly QuotaCap[], cell: readonly QuotaCell[], filled: (c: QuotaCell) => number): QuotaCell | null {
  for (const c of cell) {
    const cap = caps.find((q) => q.variable === c.variable && q.level === c.level);
    if (cap && filled(c) >= cap.cap) return c;
  }
  return null;
}

/**
 * Problems with item batteries: a battery needs at least two questions, a name that is not a question's or
 * factor's, and one answer scale for all its items (the long export's `value` column holds them all).
 */
export function batteryProblems(
  def: StudyDefinition,
  choiceValues: (e: SurveyElement) => unknown[],
): { path: PropertyKey[]; message: string }[] {
  const members = new Map<string, { element: SurveyElement; path: PropertyKey[] }[]>();
  const names = new Set<string>(def.factors.map((f) => f.name));
  for (const section of ['pretreatment', 'outcomes', 'posttreatment'] as const) {
    def.pages[section].forEach((page, i) =>
      page.elements.forEach((element, j) => {
        names.add(element.name);
        if (element.type === 'html' || !element.battery) return;
        const list = members.get(element.battery) ?? [];
        list.push({ element, path: ['pages', section, i, 'elements', j, 'battery'] });
        members.set(element.battery, list);
      }),
    );
  }
  const problems: { path: PropertyKey[]; message: string }[] = [];
  for (const [battery, items] of members) {
    const first = items[0]!;
    if (names.has(battery)) problems.push({ path: first.path, message: `battery "${battery}" has the name of a question or factor` });
    if (items.length < 2) problems.push({ path: first.path, message: `battery "${battery}" has only one question` });
    const scale = JSON.stringify(choiceValues(first.element));
    for (const item of items.slice(1)) {
      if (JSON.stringify(choiceValues(item.element)) !== scale || item.element.type !== first.element.type) {
        problems.push({ path: item.path, message: `"${item.element.name}" does not share the answer scale of "${first.element.name}" in battery "${battery}"` });
      }
    }
  }
  return problems;
}

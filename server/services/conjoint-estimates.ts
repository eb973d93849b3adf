import { executeConjointPlan } from '../domain/plan/execute-conjoint-plan.ts';
import { executePlan, type PlanResult } from '../domain/plan/execute-plan.ts';
import type { StudyDefinition } from '../domain/study-definition.ts';
import type { WideRow } from '../domain/export/wave-columns.ts';

/**
 * A wave's plan on its completes: the `hypotheses` on the wide rows (one per participant) and, for a conjoint,
 * the `conjoint` hypotheses (amce, mm) on the profile rows, each with the plan's exclusions; one result, the
 * per-respondent estimates first. Both parts share the plan hash and the exclusions, so their counts agree.
 */
export function executeWavePlan(definition: StudyDefinition, rows: readonly WideRow[], profiles: readonly WideRow[], onFitted?: () => void): PlanResult {
  const plain = executePlan({ definition, rows, onFitted });
  if (definition.design?.kind !== 'conjoint' || !definition.analysisPlan.conjoint?.length) return plain;
  const conjoint = executeConjointPlan({ definition, rows, profiles, onFitted });
  return { ...plain, estimates: [...plain.estimates, ...conjoint.estimates], problems: [...plain.problems, ...conjoint.problems], warnings: [...plain.warnings, ...conjoint.warnings] };
}

/** How many outcomes a wave's plan fits (each told to `onFitted` once): a progress bar's length. */
export function planFitCount(definition: StudyDefinition): number {
  const { hypotheses, conjoint } = definition.analysisPlan;
  const conjointFits = definition.design?.kind === 'conjoint' ? (conjoint ?? []).reduce((sum, h) => sum + h.outcomes.length, 0) : 0;
  return hypotheses.reduce((sum, h) => sum + h.outcomes.length, 0) + conjointFits;
}

import { AnalysisError, amce, mm, tableFromRows, type ConjointEstimate, type ConjointLabels, type Row } from '../../../analysis/index.ts';
import { waveColumns } from '../export/wave-columns.ts';
import type { StudyDefinition } from '../study-definition.ts';
import { profileCodeColumns } from './code-columns.ts';
import { conjointTerm } from './conjoint-terms.ts';
import { adjustmentFamilies, adjustTested, PARTICIPANT_COLUMN, type PlanEstimate, type PlanResult } from './execute-plan.ts';
import { planLevels } from './plan-columns.ts';
import { planHash } from './plan-hash.ts';
import { planAlpha, type ConjointHypothesis } from './plan-schema.ts';
import { everyoneExcluded } from './excluded-everyone.ts';

export interface ExecuteConjointPlanInput {
  definition: StudyDefinition;
  /** Wide rows, one per participant: the plan's exclusions and the `by` columns are read here. */
  rows: readonly Row[];
  /** Profile rows (participant × task × profile) with the attributes and the choice/rating columns. */
  profiles: readonly Row[];
  /** Default `participant`, in both. */
  idColumn?: string;
  /** Told after each outcome is fitted or found not estimable. */
  onFitted?: () => void;
}

/**
 * Runs a plan's conjoint hypotheses: keeps the profiles of the participants the plan's exclusions keep, adds each
 * hypothesis' `by` column from the participant's wide row, and calls `amce` / `mm` (analysis/conjoint, cregg's
 * estimators) per outcome with the definition's level order; estimates become plan rows with the terms of
 * conjoint-terms.ts (an AMCE's reference levels are left out), and p-values are adjusted per family. Pure.
 *
 * @example executeConjointPlan({ definition, rows, profiles }).estimates.filter((e) => e.hypothesis === 'H1')
 */
export function executeConjointPlan(input: ExecuteConjointPlanInput): PlanResult {
  const { definition: def } = input;
  const plan = def.analysisPlan;
  const idColumn = input.idColumn ?? PARTICIPANT_COLUMN;
  const hash = planHash(def);
  const kept = input.rows.filter((row) => (plan.exclusions ?? []).every((e) => e.keep.some((k) => String(k) === String(row[e.column]))));
  const participants = new Map(kept.map((row) => [String(row[idColumn]), row]));
  const profiles = input.profiles.filter((profile) => participants.has(String(profile[idColumn])));
  const result: PlanResult = { planHash: hash, estimates: [], problems: [], warnings: [], nRows: input.rows.length, nExcluded: input.rows.length - kept.length, weighted: false };
  const excluded = everyoneExcluded(plan, input.rows, kept, idColumn);
  const levels = planLevels(def);
  const labels = featureLabels(def);
  const alpha = planAlpha(plan);
  const textColumns = new Set(profileCodeColumns(def).map((c) => c.name));

  for (const h of plan.conjoint ?? []) {
    const sample = h.by === undefined ? profiles : profiles.map((profile) => ({ ...profile, [h.by!]: participants.get(String(profile[idColumn]))![h.by!] ?? null }));
    for (const outcome of h.outcomes) {
      try {
        const options = { formula: `${outcome} ${h.formula}`, rows: tableFromRows(sample, textColumns), id: idColumn, levels, labels, alpha, by: h.by, seType: h.seType };
        const fit = h.estimator === 'amce' ? amce(options) : mm({ ...options, h0: h.h0 });
        for (const message of fit.warnings) result.warnings.push({ hypothesis: h.id, outcome, message });
        for (const row of fit.estimates) {
          if (h.estimator === 'amce' && row.std_error === null && row.estimate === 0) continue;
          result.estimates.push(planRow(h, row, fit.nobs, fit.nDropped, hash));
        }
      } catch (error) {
        if (!(error instanceof AnalysisError)) throw error;
        const explanation = excluded ?? `cannot be estimated from the ${participants.size} respondents so far`;
        result.problems.push({ hypothesis: h.id, outcome, message: error.message, explanation });
      }
      input.onFitted?.();
    }
  }
  adjustConjointFamilies(plan.conjoint ?? [], result);
  return result;
}

/**
 * The study's labels of its features and levels, and of the answers its `by` columns group by (a question's
 * choices: "Republican" for `republican`): the card and the table word the fits' warnings as their rows.
 */
function featureLabels(def: StudyDefinition): ConjointLabels {
  const byColumns = new Set((def.analysisPlan.conjoint ?? []).flatMap((h) => (h.by === undefined ? [] : [h.by])));
  const groups = waveColumns(def).filter((c) => byColumns.has(c.name) && c.levels);
  return Object.fromEntries([
    ...groups.map((c) => [c.name, { label: c.label, levels: Object.fromEntries(c.levels!.map((l) => [String(l.value), l.label])) }] as const),
    ...def.factors.map((f) => [f.name, { label: f.label, levels: Object.fromEntries(f.levels.map((l) => [l.code, l.label])) }] as const),
  ]);
}

function planRow(h: ConjointHypothesis, row: ConjointEstimate, nobs: number, nDropped: number, hash: string): PlanEstimate {
  const by = h.by !== undefined && row.BY !== undefined ? { column: h.by, group: row.BY } : undefined;
  return {
    hypothesis: h.id,
    term: conjointTerm(row.feature, row.level, by),
    estimate: row.estimate,
    std_error: row.std_error,
    statistic: row.z,
    p_value: row.p,
    conf_low: row.lower,
    conf_high: row.upper,
    df: row.df,
    outcome: row.outcome,
    p_adjusted: null,
    adjust_method: null,
    n_used: nobs,
    n_dropped: nDropped,
    plan_hash: hash,
  };
}

/** Adjusts the tested terms' p-values within each family of conjoint hypotheses (their `terms`, else all). */
function adjustConjointFamilies(hypotheses: readonly ConjointHypothesis[], { estimates, problems }: PlanResult): void {
  for (const family of adjustmentFamilies(hypotheses)) {
    adjustTested(family, estimates.filter((e) => family.members.some((h) => h.id === e.hypothesis && (!h.terms || h.terms.includes(e.term)))), problems);
  }
}

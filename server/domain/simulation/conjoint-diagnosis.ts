import type { Row } from '../../../analysis/index.ts';
import { derivedColumns } from '../answers.ts';
import { executeConjointPlan } from '../plan/execute-conjoint-plan.ts';
import type { PlanEstimate } from '../plan/execute-plan.ts';
import { planAlpha } from '../plan/plan-schema.ts';
import { respondentPlan } from '../respondent-plan.ts';
import { studyDesign } from '../study-design.ts';
import type { StudyDefinition } from '../study-definition.ts';
import { conjointEstimands } from './conjoint-estimands.ts';
import { simulateConjointRespondent } from './conjoint-respondent.ts';
import { summarizeRuns, tallyRun, type DiagnoseOptions, type DiagnoseResult, type PowerDiagnosis } from './design-diagnosis.ts';
import { estimandKey } from './estimands.ts';
import { fieldingGate } from './fielding-gate.ts';
import { requireModel } from './respondent.ts';

/**
 * `vlab power --study` for a conjoint: design diagnosis by simulation, as design-diagnosis.ts does for vignettes.
 * Each run fields `n` completes offline exactly as a wave would draw them (respondentPlan from the run's seed and
 * the draw index), answers with the simulation model (conjoint-respondent.ts), passes consent, the quota step and the
 * model's attrition as a wave's starts do (fielding-gate.ts: the others are drawn past), runs the plan's `conjoint` hypotheses (executeConjointPlan, exclusions included)
 * and compares each tested term with its exact estimand (conjoint-estimands.ts): an AMCE's for amce, a marginal
 * mean's for mm, within the `by` group for MMs by group. Diagnosands as there; `mde_analytic` is null (no closed
 * form for clustered profile rows).
 */
export function diagnoseConjoint(def: StudyDefinition, { n, sims, seed, onProgress }: DiagnoseOptions): DiagnoseResult {
  requireModel(def);
  const design = studyDesign(def);
  if (design.kind !== 'conjoint') throw new RangeError(`diagnoseConjoint: study "${def.id}" is not a conjoint`);
  const alpha = planAlpha(def.analysisPlan);
  const estimands = conjointPlanEstimands(def);
  const runs = new Map<string, PlanEstimate[]>();
  const fielding = { draws: 0, screenedOut: 0, overQuota: 0, abandoned: 0 };
  const problems = new Map<string, number>();

  for (let s = 0; s < sims; s++) {
    const runSeed = `${seed}:${s}`;
    const rows: Row[] = [];
    const profiles: Row[] = [];
    let d = 0;
    const gate = fieldingGate(def, n);
    for (; rows.length < n; d++) {
      // A run-away guard, as simulated-wave.ts has: quotas a model can never meet must not loop forever.
      if (d >= 100 * n + 1000) throw new RangeError(`diagnoseConjoint: ${d} draws gave only ${rows.length} of ${n} completes`);
      const plan = respondentPlan(def, runSeed, d);
      if (plan.kind !== 'conjoint') throw new RangeError('diagnoseConjoint: expected a conjoint plan');
      const r = simulateConjointRespondent(def, plan, { seed: runSeed, index: d });
      const fate = gate(r);
      if (fate !== 'complete') {
        fielding[fate] += 1 / sims;
        continue;
      }
      const participant = `p${d}`;
      rows.push({ participant, ...(r.answers as Row), ...derivedColumns(def, r.answers) });
      plan.tasks.forEach((pair, t) =>
        pair.forEach((profile, p) => {
          const row: Record<string, string | number | null> = { participant, task: t + 1, profile: p + 1, ...profile.levels };
          if (design.outcomes.choice) row[design.outcomes.choice.name] = r.tasks[t]!.chosen === p + 1 ? 1 : 0;
          if (design.outcomes.rating) row[design.outcomes.rating.name] = r.tasks[t]!.ratings[p] ?? null;
          profiles.push(row);
        }),
      );
    }
    fielding.draws += d / sims;
    const result = executeConjointPlan({ definition: def, rows, profiles });
    tallyRun(result, runs, problems);
    onProgress?.(s + 1);
  }

  const rows: PowerDiagnosis[] = [];
  for (const h of def.analysisPlan.conjoint ?? []) {
    for (const outcome of h.outcomes) {
      const terms = [...runs.keys()].filter((k) => k.startsWith(`${h.id}\u0000${outcome}\u0000`)).map((k) => k.split('\u0000')[2]!);
      for (const term of terms.filter((t) => !h.terms || h.terms.includes(t))) {
        const key = estimandKey(h.id, outcome, term);
        rows.push({ ...summarizeRuns(h, outcome, term, runs.get(key)!, estimands.get(key) ?? null, alpha), mde_analytic: null, mde_note: 'a conjoint: clustered profile rows, no two-arm formula' });
      }
    }
  }
  return { rows, fielding, problems: [...problems].map(([message, count]) => ({ message, runs: count })) };
}

/** The exact estimand of every term of the plan's conjoint hypotheses, keyed as estimandKey. */
function conjointPlanEstimands(def: StudyDefinition): Map<string, number | null> {
  const design = studyDesign(def);
  const out = new Map<string, number | null>();
  if (design.kind !== 'conjoint') return out;
  const kindOf = (outcome: string): 'choice' | 'rating' | null =>
    design.outcomes.choice?.name === outcome ? 'choice' : design.outcomes.rating?.name === outcome ? 'rating' : null;
  for (const h of def.analysisPlan.conjoint ?? []) {
    for (const outcome of h.outcomes) {
      const kind = kindOf(outcome);
      if (!kind) continue;
      const groups = h.by ? (def.pages.pretreatment.flatMap((p) => p.elements).find((e) => e.name === h.by) as { choices?: (string | { value: string })[] } | undefined)?.choices ?? [] : [undefined];
      for (const choice of groups) {
        const group = choice === undefined ? undefined : typeof choice === 'string' ? choice : String(choice.value);
        for (const e of conjointEstimands(def, kind, group === undefined ? {} : { [h.by!]: group })) {
          const term = group === undefined ? `${e.attribute}${e.level}` : `${e.attribute}${e.level}:${h.by}${group}`;
          out.set(estimandKey(h.id, outcome, term), h.estimator === 'amce' ? e.amce : e.mm);
        }
      }
    }
  }
  return out;
}

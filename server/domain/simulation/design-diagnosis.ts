import { AnalysisError, MDE_POWER, powerAnalysis, type PowerOptions } from '../../../analysis/index.ts';
import { allCells, designOf } from '../design.ts';
import { waveColumns } from '../export/wave-columns.ts';
import { executePlan, type PlanEstimate, type PlanResult } from '../plan/execute-plan.ts';
import { planAlpha, type Hypothesis } from '../plan/plan-schema.ts';
import { clusteredByRespondent } from '../plan/respondent-clusters.ts';
import { vignetteSpace } from '../vignette-cells.ts';
import type { StudyDefinition } from '../study-definition.ts';
import { estimandKey, planEstimands } from './estimands.ts';
import { expectedCodedShare, outcomeVariance } from './expected.ts';
import { modelledShares } from './model-values.ts';
import { requireModel } from './respondent.ts';
import { simulateWave } from './simulated-wave.ts';

/**
 * Design diagnosis by simulation, as DeclareDesign's `diagnose_design`: field the study offline `sims` times
 * (simulated-wave.ts), run the pre-registered plan on each simulated export, and compare every tested term's
 * estimates with its estimand (estimands.ts). Diagnosands per term:
 * - power: share of runs with p < alpha (and with the plan's adjusted p, when the plan adjusts);
 * - bias: mean(estimate − estimand); rmse: √mean((estimate − estimand)²); coverage: share of CIs holding the estimand;
 * - mean_estimate, sd_estimate, mean_se; power_se, the Monte Carlo standard error of the power.
 * Next to them, the analytic minimum detectable effect at 80 % power (analysis' mde.ts, R's power.t.test) for the
 * comparison the term makes, with the model's within-cell SD and the mean number of analysed respondents.
 */

export interface PowerDiagnosis {
  hypothesis: string;
  outcome: string;
  term: string;
  estimand: number | null;
  mean_estimate: number;
  bias: number | null;
  sd_estimate: number;
  rmse: number | null;
  mean_se: number;
  power: number;
  power_se: number;
  power_adjusted: number | null;
  coverage: number | null;
  /** Runs in which the term was estimated. */
  sims: number;
  mde_analytic: number | null;
  /** Why mde_analytic is null (a three-way interaction, within-respondent terms, …); null beside a number. */
  mde_note: string | null;
}

export interface DiagnoseOptions {
  /** Completes per simulated wave (the wave's target). */
  n: number;
  sims: number;
  seed: string;
  onProgress?: (done: number) => void;
}

export interface DiagnoseResult {
  rows: PowerDiagnosis[];
  /** Mean per simulated wave: participants drawn, screen-outs, over-quota and abandoned respondents. */
  fielding: { draws: number; screenedOut: number; overQuota: number; abandoned: number };
  /** Plan problems (a model that could not be fitted) and in how many runs each occurred. */
  problems: { message: string; runs: number }[];
}

export function diagnoseDesign(def: StudyDefinition, { n, sims, seed, onProgress }: DiagnoseOptions): DiagnoseResult {
  requireModel(def);
  const alpha = planAlpha(def.analysisPlan);
  const estimands = planEstimands(def);
  const columns = waveColumns(def);
  const runs = new Map<string, PlanEstimate[]>();
  const fielding = { draws: 0, screenedOut: 0, overQuota: 0, abandoned: 0 };
  const problems = new Map<string, number>();

  for (let s = 0; s < sims; s++) {
    const wave = simulateWave(def, { target: n, seed: `${seed}:${s}`, columns });
    for (const key of Object.keys(fielding) as (keyof typeof fielding)[]) fielding[key] += wave[key] / sims;
    const result = executePlan({ definition: def, rows: wave.rows });
    tallyRun(result, runs, problems);
    onProgress?.(s + 1);
  }

  const rows: PowerDiagnosis[] = [];
  for (const h of def.analysisPlan.hypotheses) {
    for (const outcome of h.outcomes) {
      const terms = [...runs.keys()].filter((k) => k.startsWith(`${h.id}\u0000${outcome}\u0000`)).map((k) => k.split('\u0000')[2]!);
      for (const term of terms.filter((t) => (h.terms ? h.terms.includes(t) : t !== '(Intercept)'))) {
        const key = estimandKey(h.id, outcome, term);
        rows.push(diagnose(def, h, outcome, term, runs.get(key)!, estimands.get(key) ?? null, alpha));
      }
    }
  }
  return { rows, fielding, problems: [...problems].map(([message, count]) => ({ message, runs: count })) };
}

/** One simulated run's plan result added to the tallies: each term's estimate to its runs, each problem counted. */
export function tallyRun(result: Pick<PlanResult, 'estimates' | 'problems'>, runs: Map<string, PlanEstimate[]>, problems: Map<string, number>): void {
  for (const p of result.problems) {
    const message = `${p.hypothesis}${p.outcome ? ` ${p.outcome}` : ''}: ${p.message}`;
    problems.set(message, (problems.get(message) ?? 0) + 1);
  }
  for (const e of result.estimates) {
    const key = estimandKey(e.hypothesis, e.outcome, e.term);
    runs.set(key, [...(runs.get(key) ?? []), e]);
  }
}

function diagnose(def: StudyDefinition, h: Hypothesis, outcome: string, term: string, all: PlanEstimate[], estimand: number | null, alpha: number): PowerDiagnosis {
  const summary = summarizeRuns(h, outcome, term, all, estimand, alpha);
  const fitted = all.filter((e) => e.estimate !== null && e.std_error !== null);
  const nUsed = fitted.reduce((a, e) => a + e.n_used, 0) / (fitted.length || NaN);
  const mde = analyticMdeOrWhy(def, h, outcome, term, nUsed, alpha);
  return { ...summary, mde_analytic: typeof mde === 'number' ? mde : null, mde_note: typeof mde === 'number' ? null : mde.why };
}

/**
 * One term's runs summarized against its estimand (bias, spread, RMSE, power, coverage), for every kind of
 * hypothesis: the per-respondent ones here and a conjoint's (conjoint-diagnosis.ts), which has no analytic MDE.
 */
export function summarizeRuns(
  h: { id: string; adjust?: unknown },
  outcome: string,
  term: string,
  all: readonly PlanEstimate[],
  estimand: number | null,
  alpha: number,
): Omit<PowerDiagnosis, 'mde_analytic' | 'mde_note'> {
  const fitted = all.filter((e) => e.estimate !== null && e.std_error !== null);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / (xs.length || NaN);
  const estimates = fitted.map((e) => e.estimate!);
  const meanEstimate = mean(estimates);
  // A marginal mean is tested against h0 in its p: power is the share of runs that reject the null, whatever it is.
  const power = mean(fitted.map((e) => (e.p_value !== null && e.p_value < alpha ? 1 : 0)));
  return {
    hypothesis: h.id,
    outcome,
    term,
    estimand,
    mean_estimate: meanEstimate,
    bias: estimand === null ? null : meanEstimate - estimand,
    sd_estimate: Math.sqrt(mean(estimates.map((x) => (x - meanEstimate) ** 2)) * (fitted.length / Math.max(1, fitted.length - 1))),
    rmse: estimand === null ? null : Math.sqrt(mean(estimates.map((x) => (x - estimand) ** 2))),
    mean_se: mean(fitted.map((e) => e.std_error!)),
    power,
    power_se: Math.sqrt((power * (1 - power)) / fitted.length),
    power_adjusted: h.adjust ? mean(fitted.map((e) => (e.p_adjusted !== null && e.p_adjusted < alpha ? 1 : 0))) : null,
    coverage: estimand === null ? null : mean(fitted.map((e) => (e.conf_low! <= estimand && estimand <= e.conf_high! ? 1 : 0))),
    sims: fitted.length,
  };
}

/**
 * The minimum detectable effect (80 % power) of the comparison a term makes, by powerAnalysis (whose effect is
 * analysis' minimumDetectableEffect, as the dashboard's and `vlab power`'s): a level against
 * the reference level of its factor (two arms of N/k), a two-way interaction (four cells of N/(k·m)), or a
 * difference in means (treated against control, as two equal arms of their harmonic mean). The SD is the
 * model's within-cell SD of the outcome. Terms of within-respondent models (stacked, or any of a repeated-vignette
 * study) and designs with unequal arms (restrictions, weights) have no such formula: null.
 */
export function analyticMde(def: StudyDefinition, h: Hypothesis, outcome: string, term: string, nUsed: number, alpha: number): number | null {
  const mde = analyticMdeOrWhy(def, h, outcome, term, nUsed, alpha);
  return typeof mde === 'number' ? mde : null;
}

/** analyticMde, or why the term has none, in words for `vlab power`'s note lines and its JSON (`mde_note`). */
function analyticMdeOrWhy(def: StudyDefinition, h: Hypothesis, outcome: string, term: string, nUsed: number, alpha: number): number | { why: string } {
  if (h.clusters) return { why: `standard errors clustered by "${h.clusters}" (the plan's clusters): no two-arm formula` };
  if (clusteredByRespondent(def, h)) return { why: 'several rows per respondent (a stacked outcome or repeated vignettes), clustered: no two-arm formula' };
  if (!equalCells(def)) return { why: 'arms of unequal size (restrictions or weights): no equal-arm formula' };
  const variance = cellVariance(def, outcome);
  if (!variance) return { why: `the simulation model has no SD for outcome "${outcome}"` };
  if (!(nUsed > 4)) return { why: 'fewer than 5 respondents analysed per run' };
  const mde = (options: Omit<PowerOptions, 'power' | 'alpha' | 'effect'>) => powerAnalysis({ ...options, power: MDE_POWER, alpha }).effect;
  const levelsIn = (factor: string) => {
    const all = def.factors.find((f) => f.name === factor)!.levels.map((l) => l.code);
    const subset = h.subset?.find((s) => s.column === factor);
    return subset ? all.filter((l) => subset.in.map(String).includes(l)) : all;
  };
  const cells = allCells(designOf(def)).filter((c) => (h.subset ?? []).every((s) => !(s.column in c) || s.in.map(String).includes(c[s.column]!)));
  const sd = Math.sqrt(cells.reduce((sum, c) => sum + variance(c), 0) / cells.length);
  try {
    if (h.estimator === 'difference_in_means') {
      const levels = levelsIn(h.treatment.factor);
      const control = levels.filter((l) => h.treatment.control.includes(l)).length;
      const treated = levels.filter((l) => !h.treatment.control.includes(l) && (!h.treatment.treated || h.treatment.treated.includes(l))).length;
      const [nc, nt] = [(nUsed * control) / (control + treated), (nUsed * treated) / (control + treated)];
      return mde({ sd, n: 2 / (1 / nc + 1 / nt) });
    }
    const names = term.split(':');
    const parts = names.map((part) => def.factors.find((f) => part.startsWith(f.name) && levelsIn(f.name).includes(part.slice(f.name.length))));
    const unmatched = names.find((_, i) => !parts[i]);
    if (unmatched !== undefined) return { why: notARandomizedLevel(def, unmatched) };
    const sizes = parts.map((f) => levelsIn(f!.name).length);
    if (parts.length === 1) return mde({ sd, n: nUsed / sizes[0]! });
    if (parts.length === 2) return mde({ sd, n: nUsed / (sizes[0]! * sizes[1]!), arms: 4, contrast: 'interaction' });
    return { why: 'an interaction of three factors or more: no closed formula' };
  } catch (error) {
    if (error instanceof AnalysisError) return { why: error.message };
    throw error;
  }
}

/**
 * Why a term's part has no design arms, in words: a respondent's answer to a pre-treatment question (a moderator such as
 * party, named as such since walk-through 26, whose reader saw "not a level of a randomized factor" beside the
 * randomized regime) or a term derived from something else.
 */
export function notARandomizedLevel(def: StudyDefinition, part: string): string {
  const pretreatment = def.pages.pretreatment.flatMap((p) => p.elements.map((e) => e.name));
  const question = pretreatment.filter((name) => part.startsWith(name)).sort((a, b) => b.length - a.length)[0];
  if (!question) return 'not a level of a randomized factor (a covariate or derived term): no design arms';
  // A number (a 1–5 rating as a moderator) is its question's own term; a choice's term is the question and the answer.
  const what = part === question ? "a pre-treatment question's answer" : `an answer to ${question} (a pre-treatment question)`;
  return `"${part}" is ${what}, not a randomized level: its groups are as large as the sample makes them, so no design-arm formula; read the simulated power`;
}

/** Var(outcome | cell): the model's, or p(1 − p) for a plan's coded outcome of a modelled choice question or a modelled yes/no outcome (share p). */
function cellVariance(def: StudyDefinition, outcome: string): ((cell: Record<string, string>) => number) | null {
  const model = requireModel(def);
  if (model.outcomes[outcome]) return (cell) => outcomeVariance(def, outcome, cell);
  const coded = modelledShares(def).find((c) => c.name === outcome);
  if (!coded || !model.choices?.[coded.question]) return null;
  return (cell) => {
    const p = expectedCodedShare(def, coded, cell);
    return p * (1 - p);
  };
}

/** Every cell of the full factorial is shown, equally often: no restriction removed one, no weight favours one. */
function equalCells(def: StudyDefinition): boolean {
  const space = vignetteSpace(def);
  return space.cells.length === space.design.nCells && space.cells.every((c) => c.multiplicity === 1);
}

import {
  AnalysisError,
  differenceInMeans,
  lmRobust,
  pAdjust,
  rake,
  tableFromRows,
  type PAdjustMethod,
  type Row,
  type TidyRow,
} from '../../../analysis/index.ts';
import type { StudyDefinition } from '../study-definition.ts';
import { codeColumns } from './code-columns.ts';
import { withCodedOutcomes } from './coded-outcomes.ts';
import { adjustNTooSmallWords } from './family-adjustment-lines.ts';
import { planLevels } from './plan-columns.ts';
import { planHash } from './plan-hash.ts';
import { rakingTargets, sampleShare } from './raking-margins.ts';
import { planAlpha, type Hypothesis } from './plan-schema.ts';
import { fixedEffectsFormula, modelRightHandSide } from './plan-terms.ts';
import { clusterColumn } from './respondent-clusters.ts';
import { everyoneExcluded } from './excluded-everyone.ts';
import { sampleShortfall } from './sample-shortfall.ts';

/** The participant column of a wave's wide rows (the export's id column): the cluster of stacked rows. */
export const PARTICIPANT_COLUMN = 'participant';
/** Where the weights travel through the per-hypothesis rows; not a valid study column name, so no clash. */
const WEIGHT_COLUMN = '.weight';

/** One estimate of a plan: the analysis module's tidy row plus the plan's fields. */
export interface PlanEstimate extends TidyRow {
  hypothesis: string;
  /** Adjusted over the family's tested terms; null for other terms (the intercept) or without `adjust`. */
  p_adjusted: number | null;
  adjust_method: PAdjustMethod | null;
  /** Observations in the fit (stacked rows for a stacked hypothesis). */
  n_used: number;
  /** Observations of the hypothesis' sample left out for a missing value (R's na.omit). */
  n_dropped: number;
  plan_hash: string;
}

/** The column order of every estimates table (CLI, API, replication package). */
export const PLAN_ESTIMATE_COLUMNS = [
  'hypothesis', 'outcome', 'term', 'estimate', 'std_error', 'statistic', 'p_value', 'conf_low', 'conf_high', 'df',
  'p_adjusted', 'adjust_method', 'n_used', 'n_dropped', 'plan_hash',
] as const;

export interface PlanProblemAtRun {
  hypothesis: string;
  outcome: string | null;
  /** What went wrong, as the estimator says it (for the CLI and scripts). */
  message: string;
  /** The same for a researcher watching a wave fill, e.g. "needs at least 2 respondents in each arm; now 1 in …". */
  explanation: string;
}

/** When raking fails, nothing can be weighted: said once for the whole plan. */
const RAKING_EXPLANATION = 'the raking weights cannot be computed from the respondents so far (a population margin has a level nobody has)';

/** What R would print as a warning beside a fit (e.g. a row of leverage 1 under HC2), one line each. */
export interface PlanWarning {
  hypothesis: string;
  outcome: string;
  message: string;
}

export interface PlanResult {
  planHash: string;
  estimates: PlanEstimate[];
  /** Models that could not be fitted on these rows (e.g. a wave without control respondents yet). */
  problems: PlanProblemAtRun[];
  /** Fitted, but with a warning the estimator gave (R prints them after the estimates). */
  warnings: PlanWarning[];
  nRows: number;
  /** Rows removed by the plan's exclusions. */
  nExcluded: number;
  /** Distinct units (`idColumn`) with a row left after the exclusions: respondents, whatever rows each has. */
  nKeptUnits?: number;
  weighted: boolean;
}

export interface ExecutePlanInput {
  definition: StudyDefinition;
  /** Wide rows, one per participant, with the export's column names. */
  rows: readonly Row[];
  /** Per-row weights aligned with `rows`; overrides the plan's raking. */
  weights?: readonly number[];
  /** Default `participant`. */
  idColumn?: string;
  /** Told after each outcome is fitted or found not estimable (`vlab estimates` draws its bar from it). */
  onFitted?: () => void;
}

/**
 * Runs a study's pre-registered plan on wide rows: applies the exclusions, rakes (if the plan says so), then
 * for each hypothesis takes its subset, stacks items into long format (clustered by participant), derives the
 * difference-in-means treatment, fits each outcome with `lmRobust`/`differenceInMeans` using the definition's
 * level order (first level = reference), and adjusts p-values per family. Pure: same input, same output.
 *
 * @example executePlan({ definition, rows }).estimates.filter((e) => e.hypothesis === 'H2')
 */
export function executePlan(input: ExecutePlanInput): PlanResult {
  const { definition: def } = input;
  const plan = def.analysisPlan;
  const idColumn = input.idColumn ?? PARTICIPANT_COLUMN;
  const hash = planHash(def);
  const rows = withCodedOutcomes(plan, input.rows);
  if (input.weights && input.weights.length !== rows.length) {
    throw new AnalysisError('executePlan', `${input.weights.length} weights for ${rows.length} rows`);
  }
  const keepIndex: number[] = [];
  rows.forEach((row, i) => {
    if ((plan.exclusions ?? []).every((e) => e.keep.some((k) => String(k) === String(row[e.column])))) keepIndex.push(i);
  });
  let kept: Row[] = keepIndex.map((i) => rows[i]!);
  const result: PlanResult = {
    planHash: hash,
    estimates: [],
    problems: [],
    warnings: [],
    nRows: rows.length,
    nExcluded: rows.length - kept.length,
    nKeptUnits: new Set(kept.map((row) => row[idColumn])).size,
    weighted: false,
  };

  // Respondents there but none kept: each comparison says that, not that nobody answered (nor that raking failed).
  const excluded = everyoneExcluded(plan, rows, kept, idColumn);
  let weights: ArrayLike<number> | undefined = input.weights && keepIndex.map((i) => input.weights![i]!);
  if (!weights && !excluded && plan.weights === 'raking' && def.populationMargins) {
    try {
      weights = rake({ rows: kept, margins: rakingTargets(def.populationMargins, sampleShare(kept)) }).weights;
    } catch (error) {
      if (!(error instanceof AnalysisError)) throw error;
      result.problems.push({ hypothesis: '*', outcome: null, message: error.message, explanation: RAKING_EXPLANATION });
      return result;
    }
  }
  if (weights) {
    const w = weights;
    kept = kept.map((row, i) => ({ ...row, [WEIGHT_COLUMN]: w[i]! }));
    result.weighted = true;
  }

  for (const h of plan.hypotheses) {
    const sample = hypothesisRows(h, kept);
    for (const outcome of h.outcomes) {
      const shortfall = excluded ?? sampleShortfall(def, h, sample, outcome, idColumn);
      try {
        const fit = fitOutcome(def, h, sample, outcome, idColumn, result.weighted, planAlpha(plan));
        // Fitted, but an arm of one has no variance: its SEs are not to be read yet.
        if (shortfall) result.problems.push({ hypothesis: h.id, outcome, message: shortfall, explanation: shortfall });
        for (const message of fit.warnings ?? []) result.warnings.push({ hypothesis: h.id, outcome, message });
        for (const row of fit.estimates) {
          result.estimates.push({
            hypothesis: h.id,
            ...row,
            p_adjusted: null,
            adjust_method: null,
            n_used: fit.nobs,
            n_dropped: fit.nDropped,
            plan_hash: hash,
          });
        }
      } catch (error) {
        if (!(error instanceof AnalysisError)) throw error;
        const explanation = shortfall ?? `cannot be estimated from the ${new Set(sample.map((r) => r[idColumn])).size} respondents so far`;
        result.problems.push({ hypothesis: h.id, outcome, message: error.message, explanation });
      }
      input.onFitted?.();
    }
  }
  adjustFamilies(plan.hypotheses, result);
  return result;
}

/** The hypothesis' subset of the kept rows, stacked to long format (item-major, as R's rbind) when asked. */
export function hypothesisRows(h: Hypothesis, rows: readonly Row[]): Row[] {
  let sample = rows.filter((row) => (h.subset ?? []).every((s) => s.in.some((v) => String(v) === String(row[s.column]))));
  if (h.stack) {
    const { items, itemColumn, valueColumn } = h.stack;
    sample = items.flatMap((item) => sample.map((row) => ({ ...row, [itemColumn]: item, [valueColumn]: row[item] ?? null })));
  }
  if (h.estimator === 'difference_in_means') {
    const { factor, control, treated, term } = h.treatment;
    sample = sample.flatMap((row) => {
      const level = row[factor];
      if (level === null || level === undefined || level === '') return [{ ...row, [term]: null }];
      if (control.includes(String(level))) return [{ ...row, [term]: 0 }];
      if (!treated || treated.includes(String(level))) return [{ ...row, [term]: 1 }];
      return [];
    });
  }
  return sample;
}

function fitOutcome(
  def: StudyDefinition,
  h: Hypothesis,
  rows: Row[],
  outcome: string,
  idColumn: string,
  weighted: boolean,
  alpha: number,
): { estimates: TidyRow[]; nobs: number; nDropped: number; warnings?: string[] } {
  const clusters = clusterColumn(def, h, idColumn);
  if (h.estimator === 'difference_in_means') {
    // Weighted as estimatr weights difference_in_means (weighted HC2 or CR2 per arm, blocks by their total weight).
    const weights = weighted ? WEIGHT_COLUMN : undefined;
    return differenceInMeans({ rows, outcome, treatment: h.treatment.term, blocks: h.blocks, clusters, weights, alpha });
  }
  return lmRobust({
    formula: `${outcome} ${modelRightHandSide(h)}`,
    // Codes as text ("01", "+1"), as replicate.R reads them: a guess made them numbers no declared level matched.
    rows: tableFromRows(rows, new Set(codeColumns(def).map((c) => c.name))),
    levels: planLevels(def, h),
    clusters,
    fixedEffects: fixedEffectsFormula(h),
    weights: weighted ? WEIGHT_COLUMN : undefined,
    seType: h.seType,
    alpha,
  });
}

/** One multiple-comparison family: its method, its pre-registered size (`adjust.n`, R's p.adjust n) and its hypotheses. */
export interface AdjustmentFamily<H> {
  name: string;
  method: PAdjustMethod;
  n: number | undefined;
  members: H[];
}

/** The multiple-comparison families of a plan: hypotheses sharing `adjust.family` (else one each), in plan order. */
export function adjustmentFamilies<H extends Pick<Hypothesis, 'id' | 'adjust'>>(hypotheses: readonly H[]): AdjustmentFamily<H>[] {
  const families = new Map<string, AdjustmentFamily<H>>();
  for (const h of hypotheses) {
    if (!h.adjust) continue;
    const name = h.adjust.family ?? h.id;
    const family = families.get(name) ?? { name, method: h.adjust.method, n: undefined, members: [] };
    // The members agree on n where they give it (validate-plan.ts); one member may give it for all.
    family.n ??= h.adjust.n;
    family.members.push(h);
    families.set(name, family);
  }
  return [...families.values()];
}

/**
 * p.adjust over a family's tested estimates with its n, written into them. An n below the p-values present (R stops:
 * "n >= lp is not TRUE") leaves them unadjusted and is a problem of each member hypothesis, in words, as a fit that
 * cannot run is: the other families and the estimates stand.
 */
export function adjustTested(family: AdjustmentFamily<{ id: string }>, tested: readonly PlanEstimate[], problems: PlanProblemAtRun[]): void {
  const present = tested.filter((e) => e.p_value !== null && !Number.isNaN(e.p_value)).length;
  if (family.n !== undefined && family.n < present) {
    const words = adjustNTooSmallWords(family.name, family.n);
    const message = `${words.head}${present}${words.tail}`;
    const explanation = `p-values not adjusted: the plan gives family "${family.name}" ${family.n} test${family.n === 1 ? '' : 's'}, but it tests ${present} terms`;
    for (const h of family.members) problems.push({ hypothesis: h.id, outcome: null, message, explanation });
    return;
  }
  const adjusted = pAdjust(tested.map((e) => e.p_value), family.method, family.n);
  tested.forEach((e, i) => {
    e.p_adjusted = adjusted[i] ?? null;
    e.adjust_method = family.method;
  });
}

/** A hypothesis' tested terms: its `terms`, else every term but the intercept. */
export const isTestedTerm = (h: Hypothesis, term: string): boolean => (h.terms ? h.terms.includes(term) : term !== '(Intercept)');

/** Adjusts the tested terms' p-values within each family. */
function adjustFamilies(hypotheses: readonly Hypothesis[], { estimates, problems }: PlanResult): void {
  for (const family of adjustmentFamilies(hypotheses)) {
    adjustTested(family, estimates.filter((e) => family.members.some((h) => h.id === e.hypothesis && isTestedTerm(h, e.term))), problems);
  }
}

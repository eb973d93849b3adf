// The path trial's random analysis plans: each seed draws a shipped study with a simulation model, rewrites its
// plan as an analyst might (moderators, an extra control, fixed effects, stacked or blocked hypotheses, exclusions,
// raking, p.adjust families and methods, a pre-registered family size (adjust.n), se types) and simulates a wave of it. The plan then runs as `vlab estimates` runs
// it (executePlan) and as the replication package's replicate.R runs it in R (write-expected.ts).
import type { Row } from '../../../analysis/index.ts';
import { simulateWave } from '../../../server/domain/simulation/simulated-wave.ts';
import { parseStudyDefinition, type StudyDefinition } from '../../../server/domain/study-definition.ts';
import { loadDefinitionFiles } from '../../../server/storage/definition-files.ts';
import { seededRandom } from '../../analysis/support.ts';

/** Seeds 1…PATH_TRIAL_SEEDS; each is one case. */
export const PATH_TRIAL_SEEDS = 40;
/** Seed offset of each case's fixed-effects draws (a stream apart from its other draws). */
const FIXED_EFFECTS_STREAM = 7000;
/**
 * Seed offset of the draws of adjust.n (R trial 20: a family pre-registered larger than the plan's tests, p.adjust's n),
 * a stream of its own so that the cases' other draws stay as they were.
 */
const ADJUST_N_STREAM = 20_000;
/** The pre-registered family sizes drawn: above any family's tested terms in these plans. */
const FAMILY_SIZES = [150, 400] as const;
/**
 * Seed offset of the draws of an adjust.n at or below a family's tested terms (R trial 22: replicate.R's branch that
 * says so in vlab's words and leaves the family unadjusted, as executePlan does; at 1 with one term, p.adjust's n = 1),
 * drawn only for families the stream above left without a size, so that the cases' other draws stay as they were.
 */
const ADJUST_N_BELOW_STREAM = 22_000;
const SMALL_FAMILY_SIZES = [1, 2] as const;

const METHODS = ['holm', 'hochberg', 'hommel', 'bonferroni', 'BH', 'BY', 'fdr', 'none'] as const;
const UNCLUSTERED = ['classical', 'HC0', 'HC1', 'HC2', 'HC3', 'stata'] as const;
const CLUSTERED = ['CR0', 'CR2', 'stata', 'cregg'] as const;
/** Per study: pre-treatment columns an analyst would moderate by or control for. */
const COVARIATES: Record<string, readonly string[]> = {
  'protege-bargaining': ['outside_option', 'regime', 'party', 'gender', 'age_group'],
  'alliance-corrective-measures': ['regime', 'capability', 'treaty', 'party', 'gender'],
  'protege-bargaining-repeated': ['outside_option', 'regime', 'troops', 'party'],
};
const STUDIES = Object.keys(COVARIATES);

export interface PathCase {
  seed: number;
  study: string;
  /** Completes asked of the simulation. */
  target: number;
  plan: { hypotheses: Record<string, unknown>[] } & Record<string, unknown>;
}

let shipped: StudyDefinition[] | undefined;
const definitions = () => (shipped ??= loadDefinitionFiles('survey-definitions'));

type Draw = () => number;
const pick = <T>(random: Draw, xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

/** The repeated-vignette study ships no hypotheses: draw some (rows are respondent × vignette, clustered). */
function repeatedHypotheses(random: Draw): Record<string, unknown>[] {
  return ['support_concede', 'support_punish', 'support_let_leave'].map((outcome, i) => ({
    id: `R${i + 1}`,
    description: `strategy and ${outcome}`,
    estimator: 'lm_robust',
    outcomes: [outcome],
    formula: random() < 0.5 ? '~ strategy' : '~ strategy + troops',
  }));
}

/** One hypothesis rewritten: se type, moderators, an extra control, blocks; pre-registered terms dropped when the model changes. */
function rewriteHypothesis(random: Draw, h: Record<string, unknown>, covariates: readonly string[], clustered: boolean): void {
  if (h.estimator === 'difference_in_means') {
    if (random() < 0.4) h.blocks = pick(random, ['regime', 'capability', 'treaty']);
    return;
  }
  h.seType = pick(random, clustered || h.stack ? CLUSTERED : UNCLUSTERED);
  const changed = random() < 0.4;
  if (changed) h.moderators = [pick(random, covariates)];
  if (random() < 0.25) h.formula = `${h.formula} + ${pick(random, covariates)}`;
  if (changed || String(h.formula).includes(' + ')) {
    delete h.terms;
    delete h.direction;
  }
}

/**
 * A quarter of lm_robust hypotheses absorb a covariate the model does not name, as replicate.R's `fixed_effects = ~ g`
 * (not with se type cregg, nor raked CR2: the plan refuses both). Drawn from the seed's own second stream, so the
 * cases' other draws stay as they were before fixed effects were drawn.
 */
function drawFixedEffects(random: Draw, h: Record<string, unknown>, covariates: readonly string[], raked: boolean): void {
  if (h.estimator !== 'lm_robust' || random() >= 0.25 || h.seType === 'cregg' || (raked && h.seType === 'CR2')) return;
  const named = new Set([...String(h.formula).split(/[^A-Za-z0-9_]+/), ...((h.moderators as string[] | undefined) ?? [])]);
  const free = covariates.filter((c) => !named.has(c));
  if (free.length) h.fixedEffects = [pick(random, free)];
}

/** The case of a seed: a study, a rewritten plan (one p.adjust method per family) and a wave size. */
export function pathCase(seed: number): PathCase {
  const random = seededRandom(seed);
  const study = pick(random, STUDIES);
  const def = definitions().find((d) => d.id === study)!;
  const plan = structuredClone(def.analysisPlan) as unknown as PathCase['plan'];
  const repeated = study === 'protege-bargaining-repeated';
  if (repeated) plan.hypotheses = repeatedHypotheses(random);
  if (def.populationMargins) plan.weights = random() < 0.4 ? 'raking' : 'none';
  const exclusions = (plan.exclusions as unknown[] | undefined) ?? [];
  if (random() < 0.3) exclusions.push({ column: 'party', keep: ['democrat', 'republican'] });
  plan.exclusions = random() < 0.15 ? [] : exclusions;
  const methods = new Map<string, string>();
  const sizes = new Map<string, number | undefined>();
  const absorbing = seededRandom(FIXED_EFFECTS_STREAM + seed);
  const registering = seededRandom(ADJUST_N_STREAM + seed);
  const underRegistering = seededRandom(ADJUST_N_BELOW_STREAM + seed);
  for (const h of plan.hypotheses) {
    rewriteHypothesis(random, h, COVARIATES[study]!, repeated);
    drawFixedEffects(absorbing, h, COVARIATES[study]!, plan.weights === 'raking');
    const family = random() < 0.5 ? pick(random, ['F1', 'F2']) : String(h.id);
    if (!methods.has(family)) methods.set(family, pick(random, METHODS));
    if (!sizes.has(family)) sizes.set(family, registering() < 0.3 ? pick(registering, FAMILY_SIZES) : underRegistering() < 0.3 ? pick(underRegistering, SMALL_FAMILY_SIZES) : undefined);
    const n = sizes.get(family);
    h.adjust = n === undefined ? { family, method: methods.get(family) } : { family, method: methods.get(family), n };
  }
  return { seed, study, target: 150 + Math.floor(random() * 600), plan };
}

/** The study with the case's plan (validated as a definition file is) and its simulated wave's rows. */
export function pathCaseWave(c: PathCase): { definition: StudyDefinition; rows: Row[] } {
  const def = definitions().find((d) => d.id === c.study)!;
  const definition = parseStudyDefinition({ ...structuredClone(def), analysisPlan: c.plan }, `path trial seed ${c.seed}`);
  return { definition, rows: simulateWave(definition, { target: c.target, seed: `path-trial-${c.seed}` }).rows };
}

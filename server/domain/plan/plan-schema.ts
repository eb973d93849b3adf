import { z } from 'zod';
import { didYouMean } from '../../../analysis/helpers/did-you-mean.ts';
import { DEFAULT_ALPHA, P_ADJUST_METHODS, pAdjustMethod, pAdjustMethodProblem, SE_TYPE_NONE_REFUSAL, SE_TYPES } from '../../../analysis/index.ts';

/**
 * The format of a pre-registered analysis plan (survey-definitions/<id>/analysis-plan.json). Shapes only:
 * whether the names refer to the right kind of column (a pre-treatment answer, an outcome, a factor level) is
 * checked against the rest of the definition by `planProblems` (validate-plan.ts). Everything is optional
 * rather than defaulted, so a stored snapshot (and its hash) holds exactly what the researcher wrote.
 */

const column = z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a snake_case column name');
const value = z.union([z.string().min(1), z.number()]);
const text = z.string().trim().min(1);

/** Keep only the respondents whose `column` holds one of `keep` (pre-treatment columns only). */
const exclusion = z.strictObject({ column, keep: z.array(value).min(1), reason: text.optional() });

/** Keep only the rows whose `column` is in `in`, e.g. the violation arms of the behaviour factor. */
const subset = z.strictObject({ column, in: z.array(value).min(1) });

/**
 * Long format for within-respondent comparisons: each respondent's `items` (outcome questions) become rows
 * with the item's name in `itemColumn` (a factor, levels in `items` order: the first is the reference) and the
 * answer in `valueColumn`. Standard errors are then clustered by respondent.
 */
const stack = z.strictObject({
  items: z.array(column).min(2),
  itemColumn: column,
  valueColumn: column,
  /**
   * Optional short labels of some or all items, by item, for the tables and cards ("Sanctions" for
   * economic_sanctions); an item without one reads as its code spelled out. Keys must be items (validate-plan.ts).
   */
  labels: z.record(column, text).optional(),
});

const adjust = z.strictObject({
  /** Hypotheses naming the same family are adjusted together; default: the hypothesis on its own. */
  family: text.optional(),
  /** A p.adjust method, or a unique abbreviation as R's match.arg takes it ("bonf"): read as the full name. */
  method: z.string().transform((name, ctx) => {
    const problem = pAdjustMethodProblem(name);
    if (!problem) return pAdjustMethod(name);
    // An unknown name reads as any other refused value (firstIssue: "expected one of …, got … (did you mean …)").
    if (problem.startsWith('unknown method')) ctx.issues.push({ code: 'invalid_value', values: [...P_ADJUST_METHODS], input: name });
    else ctx.issues.push({ code: 'custom', message: problem, input: name });
    return z.NEVER;
  }),
  /**
   * The size of the pre-registered family, R's p.adjust `n`, when some of its tests are not in this plan (another
   * study, another wave); default the number of tested terms with a p-value. The family's members agree on it.
   */
  n: z.number().int().min(1).optional(),
});

const common = {
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'expected an id such as "H1"'),
  description: text,
  /** One estimate table per outcome; with `stack`, the single outcome is the stack's `valueColumn`. */
  outcomes: z.array(column).min(1),
  subset: z.array(subset).optional(),
  stack: stack.optional(),
  /**
   * A pre-treatment column whose values are clusters (a state, a school: respondents sampled or recruited in groups):
   * standard errors clustered by it, estimatr's `clusters = state` (CR2 unless `seType` names another clustered type).
   * Without it, stacked hypotheses and repeated-vignette studies cluster by `participant`, the rest are not clustered.
   */
  clusters: column.optional(),
  /** The terms the hypothesis tests (its members of the adjustment family); default every non-intercept term. */
  terms: z.array(z.string().min(1)).min(1).optional(),
  /** The sign the hypothesis predicts, per term (R's term names, e.g. `regimeautocracy`). */
  direction: z.record(z.string().min(1), z.enum(['positive', 'negative'])).optional(),
  /** Multiple-comparison adjustment over the tested terms of every hypothesis in the family. */
  adjust: adjust.optional(),
};

const differenceInMeans = z.strictObject({
  ...common,
  estimator: z.literal('difference_in_means'),
  /** A binary treatment derived from a factor: `control` levels against `treated` (default: every other level). */
  treatment: z.strictObject({
    factor: column,
    control: z.array(z.string().min(1)).min(1),
    treated: z.array(z.string().min(1)).min(1).optional(),
    /** The term's name in the estimates (and the 0/1 column in the replication data), e.g. `violated`. */
    term: column,
  }),
  blocks: column.optional(),
});

const lmRobust = z.strictObject({
  ...common,
  estimator: z.literal('lm_robust'),
  /** Right-hand side in R syntax, e.g. `~ regime + capability + treaty`; the outcome goes on the left. */
  formula: z.string().regex(/^\s*~/, 'expected a right-hand side starting with "~", e.g. "~ regime + treaty"'),
  /** Each is interacted with the whole right-hand side: `~ a` with moderators [m] fits `~ (a) * (m)`. */
  moderators: z.array(column).min(1).optional(),
  /**
   * Pre-treatment columns absorbed as fixed effects, as estimatr's `fixed_effects = ~ block` (e.g. ["block"]):
   * fitted as `+ factor(block)` first on the right-hand side; their coefficients and the intercept are not reported.
   */
  fixedEffects: z.array(column).min(1).optional(),
  // Any other refused value keeps zod's wording, which firstIssue turns into "expected one of …, got … (did you mean …)".
  seType: z.enum(SE_TYPES, { error: (issue) => (issue.input === 'none' ? SE_TYPE_NONE_REFUSAL : undefined) }).optional(),
});

/**
 * A conjoint hypothesis (issue 15), estimated on the profile rows (respondent × task × profile) rather than the
 * wide rows: cregg's AMCEs or marginal means, clustered by respondent. Terms are R's names, feature then level
 * (`regimeautocracy`); an AMCE's reference level is not a term.
 */
const conjointHypothesis = z.strictObject({
  id: common.id,
  description: common.description,
  estimator: z.enum(['amce', 'mm'], { error: 'expected amce or mm' }),
  /** The design's choice and/or rating columns (design.outcomes.*.name). */
  outcomes: common.outcomes,
  /** The attributes, as cregg: `~ regime + capability + behavior * troops` (`a * b` for a restricted pair). */
  formula: z.string().regex(/^\s*~/, 'expected a right-hand side starting with "~", e.g. "~ regime + behavior * troops"'),
  /** A pre-treatment respondent column: estimates within each of its groups (e.g. party ID). */
  by: column.optional(),
  /** mm only: the null value of the tests (0.5 for a forced choice between two profiles). */
  h0: z.number().optional(),
  /** Default CR2 for amce, cregg (survey's linearization, as cregg::mm) for mm. */
  seType: z.enum(['CR2', 'cregg', 'CR0', 'stata']).optional(),
  terms: common.terms,
  direction: common.direction,
  adjust: common.adjust,
});

const ESTIMATORS = ['difference_in_means', 'lm_robust'] as const;

// A misspelt estimator gets what the file has and the closest one, as the other closed lists do (walk-through 33:
// "lm_robst" read "estimator must be one of difference_in_means, lm_robust" alone).
export const hypothesisSchema = z.discriminatedUnion('estimator', [differenceInMeans, lmRobust], {
  error: (issue) => (issue.code === 'invalid_union' ? estimatorRefusal(issue.input) : undefined),
});

function estimatorRefusal(input: unknown): string {
  const estimator = typeof input === 'object' && input !== null ? (input as { estimator?: unknown }).estimator : undefined;
  const base = `estimator must be one of ${ESTIMATORS.join(', ')}`;
  if (typeof estimator !== 'string') return estimator === undefined ? base : `${base}, got ${JSON.stringify(estimator)}`;
  const hint = didYouMean(estimator, ESTIMATORS);
  return `${base}, got ${JSON.stringify(estimator)}${hint.startsWith('did you mean') ? ` (${hint})` : ''}`;
}

/**
 * An outcome coded from a categorical question: `name` is 1 where `question`'s answer is one of `values`, 0 for any
 * other answer, missing where unanswered (R: `as.numeric(vote_line %in% "for")`, NA kept), so a share (voting for
 * the plan) is an estimand of lm_robust or difference_in_means like any numeric outcome (coded-outcomes.ts).
 */
const codedOutcome = z.strictObject({ name: column, question: column, values: z.array(value).min(1) });

export const analysisPlanSchema = z.strictObject({
  /** Outcomes coded 0/1 from categorical outcome questions, named in `hypotheses[].outcomes` as any outcome. */
  codedOutcomes: z.array(codedOutcome).min(1).optional(),
  /** Confidence level 1 − alpha for every interval (default 0.05). */
  alpha: z.number().gt(0).lt(1).optional(),
  exclusions: z.array(exclusion).optional(),
  /** `raking`: weights raked to the definition's population margins (after exclusions). Default `none`. */
  weights: z.enum(['none', 'raking']).optional(),
  hypotheses: z.array(hypothesisSchema),
  /** Hypotheses of a conjoint design, on its profile rows (execute-conjoint-plan.ts). */
  conjoint: z.array(conjointHypothesis).optional(),
  /**
   * The language the hypotheses' descriptions are written in, a BCP 47 tag ("es", "pt-BR"); default English, the
   * dashboard's. Not the study's: a Spanish study's plan is often written in English. The dashboard marks the
   * descriptions with it where it is not its own, so a screen reader reads them in their language (WCAG 3.1.2).
   */
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a language tag such as "en", "es" or "pt-BR"').optional(),
});

export type AnalysisPlan = z.infer<typeof analysisPlanSchema>;

/** The plan's alpha, or the analysis default (0.05) when it names none. Not a schema default: that would change recorded plan hashes. */
export const planAlpha = (plan: Pick<AnalysisPlan, 'alpha'>): number => plan.alpha ?? DEFAULT_ALPHA;
export type Hypothesis = z.infer<typeof hypothesisSchema>;
export type LmRobustHypothesis = z.infer<typeof lmRobust>;
export type DifferenceInMeansHypothesis = z.infer<typeof differenceInMeans>;
export type ConjointHypothesis = z.infer<typeof conjointHypothesis>;
export type CodedOutcome = z.infer<typeof codedOutcome>;

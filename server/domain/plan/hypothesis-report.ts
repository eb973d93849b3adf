import type { StudyDefinition } from '../study-definition.ts';
import { isTestedTerm, type PlanEstimate, type PlanProblemAtRun, type PlanWarning } from './execute-plan.ts';
import { planAlpha } from './plan-schema.ts';
import { conjointHypothesisReports } from './conjoint-report.ts';
import { otherTermsInWords } from './other-terms.ts';
import { outcomeScale } from './outcome-scale.ts';
import { standardErrorWords } from './standard-error-words.ts';
import { subsetWords } from './subset-words.ts';
import { outcomeLabel, stackedOutcomeLabel, termLabeler, termVariableNamer } from './term-labels.ts';
import { withoutEstimatorName } from '../../../analysis/helpers/warning-text.ts';

/**
 * What a pre-registered term's estimate says about its hypothesis, at the plan's alpha, with the p-value the
 * plan tests it by (adjusted when the plan adjusts):
 * - supported: significant, in the predicted direction; opposite sign: significant, the other way;
 * - not supported: not significant; no direction predicted: the plan names the term without a sign;
 * - not estimable yet: no estimate or p-value (an arm without respondents, an aliased term).
 */
export type Verdict = 'supported' | 'not supported' | 'opposite sign' | 'no direction predicted' | 'not estimable yet';

export interface TermFinding {
  outcome: string;
  term: string;
  /** The term in the study's words (term-labels.ts). */
  label: string;
  direction: 'positive' | 'negative' | null;
  estimate: number | null;
  conf_low: number | null;
  conf_high: number | null;
  p_value: number | null;
  /** Adjusted over the family's tested terms; null for control terms and for hypotheses without adjustment. */
  p_adjusted: number | null;
  /** Null for control terms, which test nothing. */
  verdict: Verdict | null;
}

export interface HypothesisReport {
  id: string;
  description: string;
  alpha: number;
  /**
   * The value each tested term is compared with: 0, but for a conjoint marginal mean its plan's h0 (0.5 for a
   * forced choice, a scale's midpoint for a rating). The dashboard's plot draws its reference line here.
   */
  h0: number;
  /**
   * The p.adjust method and family the tested terms are adjusted in, with the family's number of terms here and, when
   * the plan gives the pre-registered family's size (adjust.n, p.adjust's n), that size.
   */
  adjustment: { method: string; family: string; terms: number; n?: number } | null;
  /** The pre-registered terms (`terms`, else every non-intercept term), per outcome. */
  tested: TermFinding[];
  /** The model's other terms (controls, the intercept; a conjoint's untested attribute levels): shown folded. */
  controls: TermFinding[];
  /**
   * What those other terms are, in a researcher's words, for the CLI table and the dashboard alike: "intercept and
   * Behavior, not tested by H3" (other-terms.ts), or for a conjoint (whose AMCEs and MMs have no intercept)
   * "attribute levels not tested by H1".
   */
  otherTerms: string;
  problems: { outcome: string | null; explanation: string }[];
  /**
   * Fitted, but the estimator warned (R prints it beside the estimates): a row of leverage 1 under HC2/HC3, an
   * essentially perfect fit. The message without the estimator's name, which a researcher has no use for.
   */
  warnings: { outcome: string; message: string }[];
  /**
   * Per outcome whose fit left rows out (an answer its model uses missing: an optional age box), how many: a card
   * fitted on 80 of 95 completes said nothing of the other 15 (walk-through 22). Empty when none were left out.
   */
  leftOut: { outcome: string; rows: number }[];
  /**
   * Each outcome of the card in the study's words (term-labels.ts outcomeLabel: the question's text, a coded
   * outcome's answers and question; a stacked one's questions, stackedOutcomeLabel), by outcome name; an outcome
   * without words (a name of the data alone) is absent. The
   * dashboard's plot headings showed the name alone ("alliance_favorability") where `vlab estimates` shows the
   * question (walk-through 27).
   */
  outcomeWords: Record<string, string>;
  /**
   * What each outcome's estimates are measured in (outcome-scale.ts: "scale: 1 "Strongly oppose" to 5 "Strongly
   * support"; an estimate is a difference in these points"), by outcome name; absent where the study does not say.
   */
  outcomeScales: Record<string, string>;
  /**
   * The rows the plan's `subset` keeps, in the study's words (subset-words.ts: "rows with Behavior other than
   * Cooperates (control)"); null without one. `vlab estimates` says it under each outcome, the dashboard's card under
   * its description: a card fitted on the violation arms showed "N 43" beside 52 completes with no word why.
   */
  subsetWords: string | null;
  /**
   * The standard errors of its estimates in words (standard-error-words.ts: "CR2 standard errors, clustered by
   * Region"), from the plan's resolved seType and clusters: the table, the card and the replication README say it.
   */
  standardErrors: string;
  /** The plan's `clusters` column in words, or null: the dashboard's projection to the target assumes its shares stay. */
  clusteredBy: string | null;
}

/** What a plan's run gives the cards: its estimates, what could not be fitted, what was fitted with a warning. */
export interface CardInput {
  estimates: readonly PlanEstimate[];
  problems: readonly PlanProblemAtRun[];
  /** Absent: no warnings (a result from before they were kept). */
  warnings?: readonly PlanWarning[];
  /** Whether the plan's raking weighted the fits (an unweighted difference in means has Welch's SEs, a weighted one HC2). */
  weighted?: boolean;
}

/** The verdict on one tested term (see Verdict). */
export function verdict(direction: 'positive' | 'negative' | null, estimate: number | null, p: number | null, alpha: number): Verdict {
  if (estimate === null || p === null || Number.isNaN(p)) return 'not estimable yet';
  if (direction === null) return 'no direction predicted';
  if (!(p < alpha)) return 'not supported';
  return (estimate > 0) === (direction === 'positive') ? 'supported' : 'opposite sign';
}

/**
 * One estimate as a card's row: the p the plan tests it by (adjusted when the hypothesis adjusts) and, for a
 * tested term, the verdict on estimate − h0 (h0 is 0 but for a conjoint's marginal mean).
 */
export function termFinding(
  e: PlanEstimate,
  how: { label: string; direction: 'positive' | 'negative' | null; adjusted: boolean; alpha: number; tested: boolean; h0?: number },
): TermFinding {
  const p = how.adjusted ? e.p_adjusted : e.p_value;
  return {
    outcome: e.outcome,
    term: e.term,
    label: how.label,
    direction: how.direction,
    estimate: e.estimate,
    conf_low: e.conf_low,
    conf_high: e.conf_high,
    p_value: e.p_value,
    p_adjusted: e.p_adjusted,
    verdict: how.tested ? verdict(how.direction, e.estimate === null ? null : e.estimate - (how.h0 ?? 0), p, how.alpha) : null,
  };
}

/**
 * The dashboard's hypothesis cards: per hypothesis of the plan, each pre-registered term with its predicted
 * direction, estimate, CI, adjusted p and verdict; the other terms apart; the problems in a researcher's words;
 * the fits' warnings.
 *
 * @example hypothesisReports(def, executePlan({ definition: def, rows }))[0].tested[0].verdict // "supported"
 */
export function hypothesisReports(
  def: StudyDefinition,
  input: CardInput,
): HypothesisReport[] {
  const alpha = planAlpha(def.analysisPlan);
  const plain = hypothesisCards(def.analysisPlan.hypotheses, { ...input, alpha }, {
    isTested: isTestedTerm,
    labeler: (h) => termLabeler(def, h),
    otherTerms: (h, { tested, others }) => otherTermsInWords(h.id, tested, others, termVariableNamer(def, h)),
  });
  // A conjoint's amce/mm hypotheses (analysis-plan.json "conjoint"), after the per-respondent ones.
  return [...plain, ...conjointHypothesisReports(def, input)].map((h) => ({
    ...h, outcomeWords: outcomeWordsOf(def, h), outcomeScales: outcomeScalesOf(def, h), subsetWords: subsetWordsOf(def, h),
    ...standardErrorsOf(def, h, input.weighted ?? false),
  }));
}

/** The hypothesis' standard errors in words (standard-error-words.ts) and the plan column it is clustered by. */
function standardErrorsOf(def: StudyDefinition, h: HypothesisReport, weighted: boolean): Pick<HypothesisReport, 'standardErrors' | 'clusteredBy'> {
  const planned = plannedHypothesis(def, h);
  if (!planned) return { standardErrors: h.standardErrors, clusteredBy: h.clusteredBy };
  const { words, clusteredBy } = standardErrorWords(def, planned, weighted);
  return { standardErrors: words, clusteredBy };
}

/** The rows the hypothesis' plan subset keeps, in words; null without a subset (a conjoint hypothesis has none). */
function subsetWordsOf(def: StudyDefinition, h: HypothesisReport): string | null {
  const planned = def.analysisPlan.hypotheses.find((x) => x.id === h.id);
  return planned ? subsetWords(def, planned) : null;
}

/** The hypothesis' outcomes that have words, in the plan's order, also those not estimable yet. */
function outcomeWordsOf(def: StudyDefinition, h: HypothesisReport): Record<string, string> {
  const planned = plannedHypothesis(def, h);
  const stack = planned && 'stack' in planned ? planned.stack : undefined;
  return byOutcome(planned, h, (o) => (stack?.valueColumn === o ? stackedOutcomeLabel(def, stack) : outcomeLabel(def, o)));
}

/** The hypothesis' outcomes whose scale the study says (outcome-scale.ts), as outcomeWordsOf lists them. */
function outcomeScalesOf(def: StudyDefinition, h: HypothesisReport): Record<string, string> {
  const planned = plannedHypothesis(def, h);
  return byOutcome(planned, h, (o) => outcomeScale(def, o, planned?.estimator));
}

const plannedHypothesis = (def: StudyDefinition, h: HypothesisReport) =>
  [...def.analysisPlan.hypotheses, ...(def.analysisPlan.conjoint ?? [])].find((x) => x.id === h.id);

/** `say` of each outcome of the hypothesis (the plan's, also those not estimable yet, then any other tested), where not null. */
function byOutcome(planned: { outcomes: readonly string[] } | undefined, h: HypothesisReport, say: (outcome: string) => string | null): Record<string, string> {
  const outcomes = new Set([...(planned?.outcomes ?? []), ...h.tested.map((f) => f.outcome)]);
  return Object.fromEntries([...outcomes].flatMap((o) => {
    const said = say(o);
    return said === null ? [] : [[o, said]];
  }));
}

/** What a card needs of a hypothesis, per-respondent (plan-schema.ts) or conjoint. */
interface CardHypothesis {
  id: string;
  description: string;
  adjust?: { method: string; family?: string | undefined; n?: number | undefined } | undefined;
  direction?: Partial<Record<string, 'positive' | 'negative'>> | undefined;
}

/**
 * The cards of one list of hypotheses: family sizes counted over this list's tested terms, then per hypothesis
 * its tested terms and controls (termFinding, labelled by `labeler`, verdicts against `h0`) and its problems.
 */
export function hypothesisCards<H extends CardHypothesis>(
  hypotheses: readonly H[],
  { estimates, problems, warnings = [], alpha }: CardInput & { alpha: number },
  how: {
    isTested: (h: H, term: string) => boolean;
    labeler: (h: H) => (term: string) => string;
    h0?: (h: H) => number;
    /** What the untested terms are (HypothesisReport.otherTerms), given the tested and the other terms' names. */
    otherTerms: (h: H, terms: { tested: readonly string[]; others: readonly string[] }) => string;
  },
): HypothesisReport[] {
  const familySizes = new Map<string, number>();
  const registered = new Map<string, number>();
  for (const h of hypotheses) {
    if (!h.adjust) continue;
    const family = h.adjust.family ?? h.id;
    const tested = estimates.filter((e) => e.hypothesis === h.id && how.isTested(h, e.term)).length;
    familySizes.set(family, (familySizes.get(family) ?? 0) + tested);
    if (h.adjust.n !== undefined && !registered.has(family)) registered.set(family, h.adjust.n);
  }
  return hypotheses.map((h) => {
    const label = how.labeler(h);
    const h0 = how.h0?.(h) ?? 0;
    const finding = (e: PlanEstimate, tested: boolean): TermFinding =>
      termFinding(e, { label: label(e.term), direction: h.direction?.[e.term] ?? null, adjusted: !!h.adjust, alpha, tested, h0 });
    const own = estimates.filter((e) => e.hypothesis === h.id);
    const tested = own.filter((e) => how.isTested(h, e.term));
    const others = own.filter((e) => !how.isTested(h, e.term));
    const family = h.adjust ? (h.adjust.family ?? h.id) : null;
    return {
      id: h.id,
      description: h.description,
      alpha,
      h0,
      adjustment: h.adjust && family ? adjustmentOf(h.adjust.method, family, familySizes.get(family) ?? 0, registered.get(family)) : null,
      tested: tested.map((e) => finding(e, true)),
      controls: others.map((e) => finding(e, false)),
      otherTerms: how.otherTerms(h, { tested: distinctTerms(tested), others: distinctTerms(others) }),
      problems: problems.filter((p) => p.hypothesis === h.id || p.hypothesis === '*').map((p) => ({ outcome: p.outcome, explanation: p.explanation })),
      warnings: warnings.filter((w) => w.hypothesis === h.id).map((w) => ({ outcome: w.outcome, message: withoutEstimatorName(w.message) })),
      leftOut: leftOutRows(own),
      outcomeWords: {},
      outcomeScales: {},
      subsetWords: null,
      standardErrors: '',
      clusteredBy: null,
    };
  });
}

/** Each outcome's rows its fit left out (n_dropped, the same on every term of the fit), where there are any. */
function leftOutRows(estimates: readonly PlanEstimate[]): { outcome: string; rows: number }[] {
  const byOutcome = new Map<string, number>();
  for (const e of estimates) if (e.n_dropped > 0 && !byOutcome.has(e.outcome)) byOutcome.set(e.outcome, e.n_dropped);
  return [...byOutcome].map(([outcome, rows]) => ({ outcome, rows }));
}

/** A card's adjustment: the family's tested terms here and, when the plan gives it (adjust.n), the family's whole size. */
function adjustmentOf(method: string, family: string, terms: number, n: number | undefined): NonNullable<HypothesisReport['adjustment']> {
  return n === undefined ? { method, family, terms } : { method, family, terms, n };
}

/** Each term once: a hypothesis with several outcomes has the same terms for each. */
function distinctTerms(estimates: readonly PlanEstimate[]): string[] {
  return [...new Set(estimates.map((e) => e.term))];
}

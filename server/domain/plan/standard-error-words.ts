import { resolveSeType, type SeType } from '../../../analysis/helpers/se-type.ts';
import { studyDesign } from '../study-design.ts';
import type { StudyDefinition } from '../study-definition.ts';
import type { ConjointHypothesis, Hypothesis } from './plan-schema.ts';
import { clusteredByRespondent } from './respondent-clusters.ts';
import { variableWords } from './term-labels.ts';

/** An se type as a researcher reads it: estimatr's name, and what the two that are not plain HC/CR names stand for. */
const SE_TYPE_WORDS: Record<SeType, string> = {
  classical: 'classical', HC0: 'HC0', HC1: 'HC1', HC2: 'HC2', HC3: 'HC3', CR0: 'CR0', CR2: 'CR2',
  stata: 'stata (CR1)', cregg: "cregg (survey's svyglm)",
};

/** What a hypothesis' standard errors are, and the column a plan clusters them by in words (null when none). */
export interface StandardErrors {
  /** "HC2 standard errors", "CR2 standard errors, clustered by State", "CR2 standard errors, clustered by respondent (stacked rows)". */
  words: string;
  /** The plan's `clusters` column in words ("State"): the dashboard's projection to the target assumes its shares stay. */
  clusteredBy: string | null;
}

/**
 * The standard errors a hypothesis' estimates have, in one line, from the plan's resolved seType and clusters (task
 * 42: neither `vlab estimates`, the cards nor the replication README said so). One wording for every place an
 * estimate is shown: estimatr's default HC2, or CR2 with clusters; a plan's `clusters` column (a state); the
 * respondent where a respondent has several rows (stacked items, several vignettes, a conjoint's profiles). A
 * difference in means without clusters has Welch's (estimatr; HC2 of y ~ t when weighted). With blocks it is not
 * Welch's (task 43): estimatr takes each block's Neyman variance (its HC2, or CR2 when clustered), combines them by
 * the squared share of the sample (df N − 2 × blocks), and uses the spread of the blocks' differences instead, for
 * every block, where any block holds two units (clusters; estimatr 1.0.0), which the plan cannot know before the
 * data: the words name both.
 *
 * @example standardErrorWords(def, h1, false).words // "CR2 standard errors, clustered by respondent (stacked rows)"
 */
export function standardErrorWords(def: StudyDefinition, h: Hypothesis | ConjointHypothesis, weighted: boolean): StandardErrors {
  if (isConjoint(h)) {
    const seType = resolveSeType('plan', h.seType ?? (h.estimator === 'mm' ? 'cregg' : undefined), true);
    return { words: `${SE_TYPE_WORDS[seType]} standard errors, clustered by respondent (profile rows)`, clusteredBy: null };
  }
  const byRespondent = clusteredByRespondent(def, h);
  const clustered = h.clusters !== undefined || byRespondent;
  const clusteredBy = h.clusters === undefined ? null : variableWords(def, h.clusters);
  const blocks = h.estimator === 'difference_in_means' && h.blocks ? variableWords(def, h.blocks) : null;
  if (!clustered) {
    if (blocks !== null) return { words: blockedWords(weighted ? 'HC2' : 'Neyman', blocks, weighted, null), clusteredBy };
    if (h.estimator === 'difference_in_means') return { words: `${weighted ? 'HC2' : 'Welch'} standard errors`, clusteredBy };
    return { words: `${SE_TYPE_WORDS[resolveSeType('plan', h.seType, false)]} standard errors`, clusteredBy };
  }
  const seType = h.estimator === 'difference_in_means' ? 'CR2' : resolveSeType('plan', h.seType, true);
  const by = clusteredBy ?? `respondent (${h.stack ? 'stacked rows' : `${vignettesPerRespondent(def)} vignettes each`})`;
  if (blocks !== null) return { words: blockedWords('CR2', blocks, weighted, by), clusteredBy };
  return { words: `${SE_TYPE_WORDS[seType]} standard errors, clustered by ${by}`, clusteredBy };
}

/**
 * A blocked difference in means' standard errors (estimatr): each block's variance, combined by squared share; where
 * any block holds two units (clusters) the matched-pair variance across the blocks instead, which weights refuse.
 */
function blockedWords(each: 'Neyman' | 'HC2' | 'CR2', blocks: string, weighted: boolean, clusteredBy: string | null): string {
  const clustered = clusteredBy === null ? '' : `, clustered by ${clusteredBy},`;
  const pairs = weighted ? '' : ` (where any block has two ${clusteredBy === null ? 'units' : 'clusters'}: the matched-pair${clusteredBy === null ? '' : ' clustered'} variance, from the spread of the blocks' differences, for every block)`;
  return `Blocked standard errors by ${blocks}: each block's ${each} variance${clustered} combined by its squared share of the ${weighted ? 'weight' : 'sample'}${pairs}`;
}

/**
 * The replication README's lines on what each hypothesis' std_error is (its per-respondent, then its conjoint ones),
 * in standardErrorWords' words; none for a plan without hypotheses.
 */
export function standardErrorReadmeLines(def: StudyDefinition, weighted: boolean): string[] {
  const hypotheses = [...def.analysisPlan.hypotheses, ...(def.analysisPlan.conjoint ?? [])];
  if (!hypotheses.length) return [];
  return ["- Standard errors (each hypothesis' `std_error` in estimates.csv, as replicate.R computes them):",
    ...hypotheses.map((h) => `  - ${h.id}: ${standardErrorWords(def, h, weighted).words}`)];
}

const isConjoint = (h: Hypothesis | ConjointHypothesis): h is ConjointHypothesis => h.estimator === 'amce' || h.estimator === 'mm';

function vignettesPerRespondent(def: StudyDefinition): number {
  const design = studyDesign(def);
  return design.kind === 'vignette' ? design.vignettesPerRespondent : 1;
}

import { parseFormula, type Row } from '../../../analysis/index.ts';
import type { StudyDefinition } from '../study-definition.ts';
import type { Hypothesis } from './plan-schema.ts';
import { hypothesisLevels, modelRightHandSide } from './plan-terms.ts';
import { studyLevelLabel, treatmentArms, variableWords } from './term-labels.ts';

/** Fewest respondents per arm for a standard error: with one, the arm's mean has no variance to estimate. */
export const MIN_PER_ARM = 2;

const missing = (v: unknown) => v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));

/**
 * Why a hypothesis' model cannot be estimated well yet from the rows it would use, in a researcher's words:
 * "needs at least 2 respondents in each arm; now 1 in Regime: Autocracy". Arms are the treatment arms of a
 * difference in means, or the levels of each categorical variable of a model; respondents are counted once
 * however many stacked rows they have, among those with the outcome and every model variable answered. Null
 * when every arm has enough.
 *
 * @example sampleShortfall(def, h, hypothesisRows(h, rows), 'contribution', 'participant')
 */
export function sampleShortfall(def: StudyDefinition, h: Hypothesis, rows: readonly Row[], outcome: string, idColumn: string): string | null {
  const respondents = (subset: readonly Row[]) => (h.stack ? new Set(subset.map((r) => r[idColumn])).size : subset.length);
  const variables = h.estimator === 'difference_in_means' ? [h.treatment.term] : parseFormula('plan', `y ${modelRightHandSide(h)}`).variables;
  // A fixed effect's missing value drops the row too (na.omit); its groups are no arms (a group of one is fitted).
  const fixedEffects = h.estimator === 'lm_robust' ? (h.fixedEffects ?? []) : [];
  const usable = rows.filter((r) => !missing(r[outcome]) && [...variables, ...fixedEffects].every((v) => !missing(r[v])));
  if (respondents(usable) === 0) return 'no respondents with an answer in this comparison yet';
  const arms: { label: string; rows: Row[] }[] = [];
  if (h.estimator === 'difference_in_means') {
    const { control, treated } = treatmentArms(def, h);
    const [factor, term] = [variableWords(def, h.treatment.factor), h.treatment.term];
    arms.push({ label: `${factor}: ${control}`, rows: usable.filter((r) => r[term] === 0) });
    arms.push({ label: `${factor}: ${treated}`, rows: usable.filter((r) => r[term] === 1) });
  } else {
    const levels = hypothesisLevels(def, h);
    for (const v of variables.filter((name) => levels[name])) {
      for (const code of levels[v]!) {
        arms.push({ label: `${variableWords(def, v)}: ${studyLevelLabel(def, v, code)}`, rows: usable.filter((r) => String(r[v]) === code) });
      }
    }
  }
  const counted = arms.map((a) => ({ label: a.label, n: respondents(a.rows) }));
  const fewest = counted.reduce((min, a) => (a.n < min.n ? a : min), { label: '', n: Infinity });
  if (fewest.n >= MIN_PER_ARM) return null;
  return `needs at least ${MIN_PER_ARM} respondents in each arm; now ${fewest.n} in ${fewest.label}`;
}

import type { StudyDefinition } from '../study-definition.ts';
import { hypothesisCards, type CardInput, type HypothesisReport } from './hypothesis-report.ts';
import { planAlpha, type ConjointHypothesis } from './plan-schema.ts';
import { spellOut, studyLevelLabel } from './term-labels.ts';

/**
 * The dashboard's cards for a plan's conjoint hypotheses (amce, mm), in the shape of the other hypotheses' cards
 * (hypothesis-report.ts): each pre-registered term (`terms`, else every estimate) with its direction, estimate,
 * CI, the p the plan tests it by and the verdict; the rest folded as other terms (attribute levels not tested). Terms read in the study's words:
 * `regimeautocracy` → "Regime type of the partner: Autocracy (vs. Democracy)" for an AMCE, "…: Autocracy" for a
 * marginal mean, with "· Party: Republican" for an estimate within a `by` group. A marginal mean is tested
 * against the hypothesis' h0 (0 unless given: 0.5 for a forced choice), so its verdict reads the sign of MM − h0.
 */
export function conjointHypothesisReports(
  def: StudyDefinition,
  input: CardInput,
): HypothesisReport[] {
  return hypothesisCards(
    def.analysisPlan.conjoint ?? [],
    { ...input, alpha: planAlpha(def.analysisPlan) },
    {
      isTested: (h, term) => !h.terms || h.terms.includes(term),
      labeler: (h) => conjointTermLabeler(def, h.estimator, h.by),
      h0: (h) => (h.estimator === 'mm' ? (h.h0 ?? 0) : 0),
      // AMCEs and MMs have no intercept and take no controls: the untested terms are the other attributes' levels.
      otherTerms: (h) => `attribute levels not tested by ${h.id}`,
    },
  );
}

/** Each conjoint hypothesis' given terms in the study's words, by hypothesis id (as planTermLabels for the others). */
export function conjointTermLabels(def: StudyDefinition, terms: (h: ConjointHypothesis) => Iterable<string>): Record<string, Record<string, string>> {
  return Object.fromEntries(
    (def.analysisPlan.conjoint ?? []).map((h) => {
      const label = conjointTermLabeler(def, h.estimator, h.by);
      return [h.id, Object.fromEntries([...terms(h)].map((t) => [t, label(t)]))];
    }),
  );
}

/** A conjoint term (conjoint-terms.ts: feature + level, `:by` + group) in the study's words. */
function conjointTermLabeler(def: StudyDefinition, estimator: 'amce' | 'mm', by: string | undefined): (term: string) => string {
  const names = def.factors.map((f) => f.name).sort((a, b) => b.length - a.length);
  const part = (text: string, variables: readonly string[], withReference: boolean): string | null => {
    for (const variable of variables) {
      const factor = def.factors.find((f) => f.name === variable);
      const code = text.slice(variable.length);
      if (!text.startsWith(variable)) continue;
      if (factor && !factor.levels.some((l) => l.code === code)) continue;
      const name = factor?.label ?? spellOut(variable);
      const level = studyLevelLabel(def, variable, code);
      return withReference && factor ? `${name}: ${level} (vs. ${factor.levels[0]!.label})` : `${name}: ${level}`;
    }
    return null;
  };
  return (term) => {
    const [feature = term, group] = term.split(':');
    const head = part(feature, names, estimator === 'amce') ?? term;
    if (group === undefined || by === undefined) return head;
    return `${head} · ${part(group, [by], false) ?? group}`;
  };
}

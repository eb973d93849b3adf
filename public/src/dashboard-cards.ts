import { adjustmentFamilyWords } from '../../server/domain/plan/adjustment-words.ts';
import type { HypothesisReport, TermFinding } from '../../server/domain/plan/hypothesis-report.ts';
import { leftOutWords } from '../../server/domain/plan/left-out-words.ts';
import { el, fmt, fmtP, folded, inLanguage, table, termLabel, type Cell } from './dashboard-dom.ts';
import { coefficientPlots } from './dashboard-plot.ts';
import { plotArea } from './dashboard-plot-layout.ts';

const PREDICTED = { positive: 'positive', negative: 'negative' } as const;

function verdictBadge(verdict: TermFinding['verdict']): HTMLElement {
  const text = verdict ?? '';
  return el('span', text, `dash-verdict dash-verdict-${text.replaceAll(' ', '-')}`);
}

/** "Warning, economic_sanctions — 1 row has leverage 1 (…)": the label in bold, the message as the estimator words it. */
function warning(w: HypothesisReport['warnings'][number]): HTMLElement {
  const p = el('p', undefined, 'dash-warning');
  p.append(el('strong', `Warning, ${w.outcome}`), ` — ${w.message}`);
  return p;
}

const withCi = (f: TermFinding) => `${fmt(f.estimate)} [${fmt(f.conf_low)}, ${fmt(f.conf_high)}]`;

/** How the verdicts were reached, and why a p may show as NA: said under the table, once per card. */
function testNote(h: HypothesisReport): string {
  const level = `α = ${h.alpha}`;
  if (!h.adjustment) {
    return `Verdicts at ${level} on p: the plan adjusts no p-values for this hypothesis, so it has no adjusted p.`;
  }
  // The intervals are estimatr's, per term: a researcher read one that left out 0 beside "not supported" as a
  // contradiction (walk-through 25: [−0.98, −0.02], Holm-adjusted p 0.079).
  return `Verdicts at ${level} on p adjusted by ${h.adjustment.method} over ${adjustmentFamilyWords(h.adjustment)}; ` +
    'the intervals are not adjusted, so one may leave out 0 while its adjusted p is above α. ' +
    'NA: a term that cannot be estimated yet has no p to adjust.';
}

/**
 * One hypothesis: its description; per pre-registered term the predicted direction, estimate with CI, the p the
 * plan tests it by and the verdict; a coefficient plot of those terms per outcome; what cannot be estimated yet, in words;
 * the estimator's warnings; the model's other terms folded away. The description is in the plan's `language`,
 * marked where that is not the page's.
 */
export function hypothesisCard(h: HypothesisReport, language: string): HTMLElement {
  const card = el('article', undefined, 'dash-hypothesis');
  card.dataset.hypothesis = h.id;
  const description = el('p');
  description.append(inLanguage(h.description, language));
  card.append(el('h4', h.id), description);
  for (const p of h.problems) {
    card.append(el('p', `${p.outcome ?? 'All outcomes'}: not estimable yet — ${p.explanation}.`, 'dash-problem'));
  }
  // Estimated, but R would print a warning beside these numbers (a row of leverage 1, a perfect fit): said before
  // the table, so that nobody reads its SEs first.
  for (const w of h.warnings) card.append(warning(w));
  // A fit on fewer rows than the completes (an answer its model uses missing), said as `vlab estimates` says it.
  for (const l of h.leftOut) card.append(el('p', `${l.outcome}: ${leftOutWords(l.rows)}.`, 'dash-note'));
  // The plan's subset, as `vlab estimates` says it: an N below the completes is then no puzzle (walk-through 27).
  if (h.subsetWords) card.append(el('p', `Fitted on the plan's subset: ${h.subsetWords}.`, 'dash-note'));
  // What the intervals and p-values rest on, as `vlab estimates` and the replication README say it (task 42).
  if (h.standardErrors) card.append(el('p', `${h.standardErrors}.`, 'dash-note dash-standard-errors'));
  const multiOutcome = new Set(h.tested.map((f) => f.outcome)).size > 1;
  // Drawn once the card is in the page, at its width, and again when that or the reader's text size changes
  // (dashboard-plot-layout.ts).
  card.append(plotArea((width) => coefficientPlots(h.id, h.tested, h.h0, h.alpha, width, h.outcomeWords, h.outcomeScales)));
  if (h.tested.length) {
    const level = Math.round((1 - h.alpha) * 100);
    const head = [...(multiOutcome ? ['Outcome'] : []), 'Term', 'Predicted', `Estimate [${level}% CI]`, h.adjustment ? 'p adjusted' : 'p', 'Verdict'];
    const rows = h.tested.map((f): Cell[] => [
      ...(multiOutcome ? [f.outcome] : []),
      termLabel(f.label),
      f.direction ? PREDICTED[f.direction] : 'none',
      withCi(f),
      fmtP(h.adjustment ? f.p_adjusted : f.p_value),
      verdictBadge(f.verdict),
    ]);
    const numeric = [...(multiOutcome ? [false] : []), false, false, true, true, false];
    card.append(table(`${h.id}: pre-registered terms`, head, rows, numeric), el('p', testNote(h), 'dash-note'));
  }
  if (h.controls.length) {
    const rows = h.controls.map((f): Cell[] => [...(multiOutcome ? [f.outcome] : []), termLabel(f.label), withCi(f), fmtP(f.p_value)]);
    const head = [...(multiOutcome ? ['Outcome'] : []), 'Term', 'Estimate [CI]', 'p'];
    card.append(
      folded(
        // In the words the CLI table uses (HypothesisReport.otherTerms): a conjoint's are attribute levels, not controls.
        `Other terms of the model (${h.controls.length}): ${h.otherTerms}`,
        el('p', 'They are not in the multiple-comparison family, so they have no adjusted p and no verdict.', 'dash-note'),
        table(`${h.id}: other terms of the model`, head, rows, [...(multiOutcome ? [false] : []), false, true, true]),
      ),
    );
  }
  return card;
}

import type { SurveyModel } from 'survey-core';

/**
 * A rating whose buttons do not fit one row wraps into rows of equal length: 1–10 at 390 px as 5 + 5, not 6 + 4;
 * 0–10 at 320 px as 4 + 4 + 3, not 5 + 5 + 1 — a lone button on a row of its own reads as another question's. The
 * buttons' row is narrowed to the balanced row's width, measured again whenever the question's width changes (a
 * phone turned, text zoomed). Only a scale of equal buttons is balanced: buttons of different widths (worded
 * choices) wrap as SurveyJS wraps them.
 *
 * Words at the scale's ends ("Not at all" … "Completely") stay in the buttons' row where the whole row fits one
 * line. Where it does not, each takes a line of its own, the first above the buttons at their start and the last
 * below them at their end (WORDS_APART, respondent.css), and the buttons are balanced: SurveyJS wrapped words and
 * buttons together, "Not at all 1 2 3 4 / 5 Completely" at 360 px, the last word alone at a line's start (until
 * page pass 40; `rateDescriptionLocation: "topBottom"` was the study's only way out).
 */
const WORDS_APART = 'vlab-rating--words-apart';
const WORDS = '.sd-rating__min-text, .sd-rating__max-text';

export function balanceRatingRows(survey: SurveyModel): void {
  const observer = new ResizeObserver((entries) => entries.forEach((entry) => balance(entry.target as HTMLElement)));
  survey.onAfterRenderQuestion.add((_, options) => {
    if (options.question.getType() !== 'rating') return;
    // The question's box, whose width the row's does not change (the row's own parent shrinks to it: observing
    // that narrowed the row a step each time).
    observer.observe(options.htmlElement);
  });
}

function balance(question: HTMLElement): void {
  const row = question.querySelector<HTMLElement>('.sd-rating fieldset');
  if (!row) return;
  row.style.maxWidth = '';
  row.classList.remove(WORDS_APART);
  const shown = [...row.children].filter((e): e is HTMLElement => e instanceof HTMLElement && getComputedStyle(e).display !== 'none' && !e.matches('legend'));
  const words = shown.filter((e) => e.matches(WORDS));
  if (words.length && !onOneLine(shown)) row.classList.add(WORDS_APART);
  const items = shown.filter((e) => !e.matches(WORDS));
  if (items.length < 2 || items.some((e) => !e.classList.contains('sd-rating__item'))) return;
  const width = items[0]!.getBoundingClientRect().width;
  if (items.some((e) => Math.abs(e.getBoundingClientRect().width - width) > 0.5)) return;
  // Each button's width with its margins (SurveyJS gives the first 2 px at its start), then the gaps between.
  const outer = items.map((e) => {
    const style = getComputedStyle(e);
    return width + (parseFloat(style.marginInlineStart) || 0) + (parseFloat(style.marginInlineEnd) || 0);
  });
  const gap = parseFloat(getComputedStyle(row).columnGap) || 0;
  const rowWidth = (count: number) => outer.slice(0, count).reduce((a, w) => a + w, 0) + (count - 1) * gap;
  let perRow = 1;
  while (perRow < items.length && rowWidth(perRow + 1) <= row.clientWidth) perRow++;
  // Words on lines of their own end where the buttons end, one row of them too.
  if (perRow === items.length && !row.classList.contains(WORDS_APART)) return;
  const columns = Math.ceil(items.length / Math.ceil(items.length / perRow));
  // A pixel of slack: widths are fractional, and a row 0.1 px too narrow would wrap a button early.
  row.style.maxWidth = `${Math.ceil(rowWidth(columns)) + 1}px`;
}

/** Whether the row's parts share one line: their middles level (the row centres them; words and buttons differ in height). */
function onOneLine(parts: readonly HTMLElement[]): boolean {
  const middles = parts.map((e) => {
    const box = e.getBoundingClientRect();
    return (box.top + box.bottom) / 2;
  });
  return Math.max(...middles) - Math.min(...middles) < 1;
}

import type { SurveyModel } from 'survey-core';

/**
 * How long a wait goes unsaid: under a second a new page arrives as a press's answer; past it, silence after Next
 * left a screen-reader user unable to tell a slow server (the quota step's retries, a Retry-After) from a press
 * that did not take.
 */
export const SLOW_WAIT_MS = 1000;

/** What a wait past SLOW_WAIT_MS does: `say` it (the live region), and show it on the Next button as `nextLabel`. */
export interface SlowWait {
  say: () => void;
  nextLabel: string;
}

/**
 * Runs `wait` (the quota step behind Next) with the survey read-only and its root `aria-busy`. The server fixes the
 * pre-treatment answers when the quota step admits the respondent, so an answer changed during the wait would be
 * saved after that and refused (409), which ended the survey with "went on in another tab". SurveyJS already ignores
 * a second Next while it waits (isValidatingOnServer); the inputs are disabled so that a click or a key changes
 * nothing either, and a screen reader hears them as unavailable, not as answers that did not take. Past
 * SLOW_WAIT_MS the wait is said once and shown (showSlowWait).
 */
export async function readOnlyWhile<T>(survey: SurveyModel, root: HTMLElement, wait: () => Promise<T>, slow?: SlowWait): Promise<T> {
  survey.readOnly = true;
  root.setAttribute('aria-busy', 'true');
  let restore = () => {};
  const timer = setTimeout(() => {
    if (!slow) return;
    slow.say();
    restore = showSlowWait(survey, root, slow.nextLabel);
  }, SLOW_WAIT_MS);
  try {
    return await wait();
  } finally {
    clearTimeout(timer);
    restore();
    survey.readOnly = false;
    root.removeAttribute('aria-busy');
  }
}

/**
 * A sighted respondent sees the wait where they pressed: the Next button reads `label` ("One moment…") and is
 * unavailable, `aria-disabled` rather than `disabled`, which would drop the keyboard's focus to the page's body.
 * Until accessibility pass 35 only the live region said it and the page looked the same, Next seemingly pressable.
 * The button keeps at least its width (set before the label changes, so no frame shows it narrower or wider) and
 * the label its room (respondent.css). Returns what puts Next back.
 */
function showSlowWait(survey: SurveyModel, root: HTMLElement, label: string): () => void {
  const button = () => root.querySelector<HTMLElement>('.sd-navigation__next-btn');
  const shown = button();
  // CSSOM, not a style attribute: the CSP (no 'unsafe-inline') allows the one and blocks the other.
  if (shown) shown.style.minWidth = `${shown.getBoundingClientRect().width}px`;
  const nextText = survey.pageNextText;
  survey.pageNextText = label;
  // SurveyJS writes the new label on its next render: the attribute is set on the button it leaves, unless the wait
  // ended first (else the next page's Next would read as unavailable).
  let ended = false;
  requestAnimationFrame(() => {
    if (!ended) button()?.setAttribute('aria-disabled', 'true');
  });
  return () => {
    ended = true;
    survey.pageNextText = nextText;
    button()?.removeAttribute('aria-disabled');
    if (shown) shown.style.minWidth = '';
  };
}

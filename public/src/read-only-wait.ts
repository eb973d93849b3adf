import type { SurveyModel } from 'survey-core';

/**
 * How long a wait goes unsaid: under a second a new page arrives as a press's answer; past it, silence after Next
 * left a screen-reader user unable to tell a slow server (the quota step's retries, a Retry-After) from a press
 * that did not take.
 */
export const SLOW_WAIT_MS = 1000;

/**
 * Runs `wait` (the quota step behind Next) with the survey read-only and its root `aria-busy`. The server fixes the
 * pre-treatment answers when the quota step admits the respondent, so an answer changed during the wait would be
 * saved after that and refused (409), which ended the survey with "went on in another tab". SurveyJS already ignores
 * a second Next while it waits (isValidatingOnServer); the inputs are disabled so that a click or a key changes
 * nothing either, and a screen reader hears them as unavailable, not as answers that did not take. `onSlow` runs
 * once if the wait passes SLOW_WAIT_MS (the page says it is on its way).
 */
export async function readOnlyWhile<T>(survey: SurveyModel, root: HTMLElement, wait: () => Promise<T>, onSlow: () => void = () => {}): Promise<T> {
  survey.readOnly = true;
  root.setAttribute('aria-busy', 'true');
  const slow = setTimeout(onSlow, SLOW_WAIT_MS);
  try {
    return await wait();
  } finally {
    clearTimeout(slow);
    survey.readOnly = false;
    root.removeAttribute('aria-busy');
  }
}

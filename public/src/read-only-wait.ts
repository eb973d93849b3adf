import type { SurveyModel } from 'survey-core';

/**
 * Runs `wait` (the quota step behind Next) with the survey read-only and its root `aria-busy`. The server fixes the
 * pre-treatment answers when the quota step admits the respondent, so an answer changed during the wait would be
 * saved after that and refused (409), which ended the survey with "went on in another tab". SurveyJS already ignores
 * a second Next while it waits (isValidatingOnServer); the inputs are disabled so that a click or a key changes
 * nothing either, and a screen reader hears them as unavailable, not as answers that did not take.
 */
export async function readOnlyWhile<T>(survey: SurveyModel, root: HTMLElement, wait: () => Promise<T>): Promise<T> {
  survey.readOnly = true;
  root.setAttribute('aria-busy', 'true');
  try {
    return await wait();
  } finally {
    survey.readOnly = false;
    root.removeAttribute('aria-busy');
  }
}

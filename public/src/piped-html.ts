import type { Model } from 'survey-core';

/** `{name}` as SurveyJS's text processor finds it (a name without `:`, as its own isValidItemName requires). */
const PLACEHOLDER = /\{([^{}:]+)\}/g;

/** Markup characters, and braces so that a value cannot bring a placeholder of its own into the page. */
const escapeHtml = (text: string) => text.replace(/[&<>"'{}]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * SurveyJS pipes answers into html elements (`<p>You said {age_group}.</p>`) as raw markup: an answer such as
 * `<meta http-equiv=refresh …>` would take over the page. Here every placeholder of an html element is replaced,
 * before SurveyJS's own pass, by the escaped text SurveyJS would have put there, so a piped answer is always text.
 */
export function escapePipedAnswers(survey: Model): void {
  survey.onProcessHtml.add((sender, options) => {
    options.html = options.html.replace(PLACEHOLDER, (placeholder) => escapeHtml(sender.processText(placeholder, true)));
  });
}

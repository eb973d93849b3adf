import type { PageModel } from 'survey-core';
import { createElement, ReactElementFactory, SurveyPage } from 'survey-js-ui';

/**
 * Draws each survey page afresh rather than redrawing the previous one with new words.
 *
 * A browser's own "Translate this page" (Chrome's, Edge's) replaces every text node it translates with `<font>`
 * elements of its own. SurveyJS draws every page with one page component, so at Next it changes the words of the
 * text nodes it drew for the page before, which the translation has taken out of the document: the screen kept
 * the first page's heading and description on every page after it ("Before you begin" over a conjoint task, and
 * that heading named the task's table for a screen reader). Keyed by the page, the component is drawn new on
 * every page, and the translation translates what it then adds (page pass 37; accessibility-conjoint.test.ts).
 * Questions need nothing: SurveyJS keys them already.
 */
export function drawEachPageAfresh(): void {
  ReactElementFactory.Instance.registerElement('sv-page', (props: { page: PageModel }) => createElement(SurveyPage, { ...props, key: props.page.id }));
}

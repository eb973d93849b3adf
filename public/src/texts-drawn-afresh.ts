import type { LocalizableString } from 'survey-core';
import { CharacterCounterComponent, cloneElement, SurveyLocStringViewer } from 'survey-js-ui';

type Drawn = ReturnType<typeof cloneElement>;

/**
 * Draws a text SurveyJS changes within a page as a new element, rather than changing the words of the one it drew.
 *
 * A browser's own "Translate this page" (Chrome's, Edge's) replaces each text node it translates with `<font>`
 * elements of its own, and SurveyJS (Preact underneath) changes the words of the text node it drew, now out of the
 * document: the screen kept the first words. An error that changes kept "Response required." where "Enter a number
 * from 0 to 50." was due, and the character counter "0/20" however much was typed (until page pass 38;
 * tests/e2e/every-element.test.ts). Keyed by its words, the element holding the text is drawn anew when
 * they change, the translation's `<font>` goes with the old one, and the translation translates the new one, as it
 * does each new page (page-drawn-afresh.ts). A text that does not change keeps its element.
 */
export function drawChangingTextsAfresh(): void {
  // Every string SurveyJS shows (titles, errors, a dropdown's answer, choices) goes through this viewer.
  const viewer = SurveyLocStringViewer.prototype as unknown as { renderString(this: { locStr: LocalizableString }): Drawn };
  const renderString = viewer.renderString;
  viewer.renderString = function () {
    return cloneElement(renderString.call(this), { key: this.locStr.renderedHtml });
  };
  // The counter of a text or comment box with a limit ("11/20"), drawn outside that viewer.
  const counter = CharacterCounterComponent.prototype as unknown as {
    renderElement(this: { props: { counter: { remainingCharacterCounter: string } } }): Drawn | null;
  };
  const renderElement = counter.renderElement;
  counter.renderElement = function () {
    const drawn = renderElement.call(this);
    return drawn && cloneElement(drawn, { key: this.props.counter.remainingCharacterCounter });
  };
}

import { SurveyElementErrors } from 'survey-js-ui';

/**
 * SurveyJS draws each question's error box as its own alert (role="alert", aria-live). Next on a page of five
 * unanswered questions then had a screen reader say "Response required." five times, naming no question, while
 * focus moved into the first of them, whose group reads the same error as its description: one error said six
 * times. The boxes are drawn as plain text instead; each invalid group still names its error
 * (aria-describedby, aria-invalid), focus goes to the first, and the page's live region says once how many
 * questions to check (page-chrome.ts).
 */
export function quietErrorBoxes(): void {
  type Render = () => { props: Record<string, unknown> } | null;
  const prototype = SurveyElementErrors.prototype as unknown as { renderElement: Render };
  const render = prototype.renderElement;
  prototype.renderElement = function (this: unknown) {
    const box = render.call(this);
    if (box) {
      delete box.props.role;
      delete box.props['aria-live'];
      delete box.props['aria-atomic'];
    }
    return box;
  };
}

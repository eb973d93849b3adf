/**
 * Honours `prefers-reduced-motion: reduce` for the scrolls SurveyJS asks for by script: a dropdown's list scrolled to
 * its picked item, a question scrolled to when focused, a panel expanded. SurveyJS passes `behavior: "smooth"` to
 * `scrollIntoView` itself (survey-core's ListModel.scrollToItem and SurveyElement.ScrollIntoView), and a behaviour
 * given by script wins over CSS: respondent.css's `scroll-behavior: auto` under reduced motion covers only scrolls
 * that leave it to the page, and SurveyJS has no option for the list's. So under reduced motion a smooth scroll asked
 * of an element is made instant, here, once, for every caller, as the setting is now (it can change while the page is
 * open). Nothing else of the call changes.
 */
export function instantScrollsUnderReducedMotion(): void {
  const reduced = window.matchMedia('(prefers-reduced-motion: reduce)');
  const scrollIntoView = Element.prototype.scrollIntoView;
  Element.prototype.scrollIntoView = function (this: Element, options?: boolean | ScrollIntoViewOptions) {
    const instant = reduced.matches && typeof options === 'object' && options !== null && options.behavior === 'smooth';
    return scrollIntoView.call(this, instant ? { ...options, behavior: 'auto' } : options);
  };
}

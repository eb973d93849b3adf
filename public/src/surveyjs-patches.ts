import { Helpers } from 'survey-core';
import type { RespondentMessages } from './i18n/messages.ts';
import {
  createElement,
  ReactElementFactory,
  SurveyElementErrors,
  SurveyNavigationButton,
  SurveyQuestionBoolean,
  SurveyQuestionCheckbox,
  SurveyQuestionCheckboxItem,
  SurveyQuestionComment,
  SurveyQuestionDropdownBase,
  SurveyQuestionMatrixCell,
  SurveyQuestionRadioItem,
  SurveyQuestionRating,
  SurveyQuestionText,
  RatingItem,
  RatingItemSmiley,
  RatingItemStar,
} from 'survey-js-ui';

// Where SurveyJS's markup says things twice or names nothing, the element it renders is changed before it reaches
// the page (a preact vnode's props), so no later render puts the old markup back.
// One patch (keepTextBeingTyped, at the end) is of behaviour: a redraw no longer empties a text box being typed in.

type Render = () => { props: Record<string, unknown> } | null;

/** Wraps a component's render method so that `change` edits the props of the element it returns (the component is `this`). */
function patchRender<C = unknown>(prototype: object, method: string, change: (props: Record<string, unknown>, component: C) => void): void {
  const target = prototype as Record<string, Render>;
  const render = target[method]!;
  target[method] = function (this: unknown) {
    const element = render.call(this);
    if (element) change(element.props, this as C);
    return element;
  };
}

/**
 * SurveyJS draws each question's error box as its own alert (role="alert", aria-live). Next on a page of five
 * unanswered questions then had a screen reader say "Response required." five times, naming no question, while
 * focus moved into the first of them, whose group reads the same error as its description: one error said six
 * times. The boxes are drawn as plain text instead; each invalid group still names its error
 * (aria-describedby, aria-invalid), focus goes to the first, and the page's live region says once how many
 * questions to check (page-chrome.ts).
 */
function quietErrorBoxes(): void {
  patchRender(SurveyElementErrors.prototype, 'renderElement', (props) => {
    delete props.role;
    delete props['aria-live'];
    delete props['aria-atomic'];
  });
}

/**
 * A dropdown without search (a rating drawn as a dropdown on a narrow screen, say) is a combobox box, named by its
 * question, holding a read-only text input that only shows the value and takes no focus. With no role of its own
 * that input was a text field without a name once a value was picked and its placeholder went (axe: label,
 * critical). It is hidden from assistive technology; the combobox around it says the value. A dropdown with search
 * makes that input the combobox (a role and a name of its own): it stays as it is.
 */
function hideValueOnlyDropdownInputs(): void {
  patchRender(SurveyQuestionDropdownBase.prototype, 'renderFilterInput', (props) => {
    if (props.role !== undefined) return;
    props['aria-hidden'] = 'true';
    // Its placeholder moves to the box (placeholderAsDescription below): Chromium took a placeholder inside the
    // combobox as the combobox's value, aria-hidden or not.
    delete props.placeholder;
  });
}

/**
 * Unanswered, a dropdown without search (a rating at 320 px) showed its placeholder ("Select...", "Toque aquí
 * para calificar...") in its read-only input, and Chromium gave that placeholder as the combobox's value: a screen
 * reader said "How satisfied are you, from 1 to 10?, combobox, Select..." as if "Select..." were the answer. The
 * input's placeholder is dropped (above); the box draws it as CSS content with an empty alternative text
 * (respondent.css: `[data-placeholder]::before`), out of the value, and the combobox carries it as its
 * description, as a dropdown with search does (an error, when shown, describes it instead: aria-describedby wins).
 */
function placeholderAsDescription(): void {
  type Dropdown = { question?: { isEmpty(): boolean; cssClasses: { controlValue?: string } }; dropdownListModel?: { placeholderRendered?: string } };
  patchRender<Dropdown>(SurveyQuestionDropdownBase.prototype, 'renderInput', (props, dropdown) => {
    const placeholder = dropdown.dropdownListModel?.placeholderRendered;
    if (props.role !== 'combobox' || !placeholder || !dropdown.question?.isEmpty()) return;
    props['aria-description'] = placeholder;
    const controlValue = dropdown.question.cssClasses.controlValue;
    for (const child of [props.children].flat(Infinity)) {
      const node = child as { props?: Record<string, unknown> } | null;
      if (node?.props && node.props.className === controlValue) node.props['data-placeholder'] = placeholder;
    }
  });
}

/**
 * A dropdown with search makes its text input the combobox, named by its question. Unanswered, the input is empty
 * and shows its placeholder ("Select..."), which the name supersedes: browse mode read the box as blank, where a
 * dropdown without search reads the placeholder as its value. The placeholder is its description while the question
 * has no answer (an error, when shown, describes it instead: aria-describedby wins); answered, the value speaks.
 */
function describeUnansweredSearchDropdowns(): void {
  type Dropdown = { question?: { isEmpty(): boolean } };
  patchRender<Dropdown>(SurveyQuestionDropdownBase.prototype, 'renderFilterInput', (props, dropdown) => {
    const placeholder = props.placeholder;
    if (props.role === 'combobox' && typeof placeholder === 'string' && placeholder && dropdown.question?.isEmpty()) props['aria-description'] = placeholder;
  });
}

/**
 * A dropdown box without search takes its value from its text, which held the names of its clear and open buttons
 * too: a rating answered 7 was read "7 Clear Select". Those buttons are for the pointer (no tab stop: the keyboard
 * opens the box itself), so they are hidden from assistive technology.
 */
function hideDropdownPointerButtons(): void {
  // The action bar's item component is not exported; the factory that registers it hands out its class.
  const item = ReactElementFactory.Instance.createElement('sv-action-bar-item', {}) as unknown as { type: { prototype: object } };
  patchRender(item.type.prototype, 'renderInnerButton', (props) => {
    if (props.tabIndex === -1 && String(props.className).includes('sd-editor-button-item')) props['aria-hidden'] = 'true';
  });
}

/**
 * The navigation buttons (Next, Complete, Leave the study) carry a tooltip that repeats their label, which the
 * accessibility tree gives as their description: "Next, button, Next". A tooltip that says what the button already
 * says is dropped; one that adds something stays.
 */
function dropTooltipsRepeatingLabels(): void {
  patchRender(SurveyNavigationButton.prototype, 'renderElement', (props) => {
    if (props.title === props.value) delete props.title;
  });
}

/** The id of the page's hidden "required" (page-chrome.ts), which describes a required checkbox question's group. */
export const REQUIRED_NOTE_ID = 'vlab-required-note';

/** Calls `visit` on the props of every element in an element's tree (a preact vnode's props and their children). */
function eachDescendant(props: Record<string, unknown>, visit: (props: Record<string, unknown>) => void): void {
  for (const child of [props.children].flat(Infinity)) {
    if (!child || typeof child !== 'object' || !('props' in child)) continue;
    const node = child as { props: Record<string, unknown> };
    visit(node.props);
    eachDescendant(node.props, visit);
  }
}

/** Adds the element `id` to a control's description, after what describes it already (its description, its error). */
function describedAlsoBy(control: Record<string, unknown>, id: string): void {
  control['aria-describedby'] = [control['aria-describedby'], id].filter(Boolean).join(' ');
}

/** Adds the page's hidden "required" to a control's description, unless its error (which says so) describes it. */
function describeAsRequired(control: Record<string, unknown>): void {
  if (control['aria-invalid'] !== 'true') describedAlsoBy(control, REQUIRED_NOTE_ID);
}

/**
 * Every required question's control says "required" before Next finds it unanswered (aria-required), but two: a
 * checkbox question is a group, on which ARIA allows no aria-required, and a yes/no question a switch, whose
 * aria-required Chromium drops. Their asterisk is hidden from assistive technology, so a screen reader learned that
 * "Which do you use? Pick any." or "Do you own a car?" must be answered only from its error, after Next (WCAG
 * 3.3.2), until 2026-12-05. They are described by the page's hidden "required" as well (after the question's
 * description, if any); once the error shows, it describes them instead, as every other type.
 */
function describeRequiredGroupsAndSwitches(): void {
  type Question = { question?: { isRequired: boolean } };
  patchRender<Question>(SurveyQuestionCheckbox.prototype, 'renderElement', (props, checkbox) => {
    if (checkbox.question?.isRequired && props.role === 'group') describeAsRequired(props);
  });
  patchRender<Question>(SurveyQuestionBoolean.prototype, 'renderElement', (props, yesNo) => {
    if (yesNo.question?.isRequired) eachDescendant(props, (node) => node.role === 'switch' && describeAsRequired(node));
  });
}

/** The id of a text or comment box's limit ("Up to 20 characters."), from the box's id. */
const limitId = (boxId: string) => `${boxId}-limit`;

type TextQuestion = { maxLength: number; getMaxLength(): number | null; textAreaModel?: unknown };
/** The limit a text or comment question's definition gives (`maxLength`), if any; not the 5,000 the survey sets for every box. */
function ownLimit(question: TextQuestion | undefined): number | null {
  return question && question.maxLength > 0 ? question.getMaxLength() : null;
}

/**
 * A text or comment box whose definition gives a `maxLength` shows its counter ("20/20") only while it has focus,
 * and the counter is not linked to it: a screen-reader user learned of the limit only by the extra characters
 * being dropped. The box is described by its limit as well ("Up to 20 characters.", a text under it, after its
 * error if one shows); reaching the limit is said once (text-limit-notice.ts). The text is shown, not hidden: with
 * the counter shown only on focus, a sighted respondent (by mouse or keyboard) learned the limit only once in the
 * box, a screen-reader user before it (accessibility pass 25). The 5,000 characters every box stops at (the
 * server's limit) are not described on every box: that is met rarely, and then said.
 */
function describeTextLimits(limitText: (max: number) => string): void {
  const note = (boxId: string, max: number) => createElement('span', { id: limitId(boxId), className: 'vlab-text-limit' }, limitText(max));
  const describe = (control: Record<string, unknown>) => describedAlsoBy(control, limitId(String(control.id)));
  patchRender<{ question?: TextQuestion }>(SurveyQuestionText.prototype, 'renderInput', (props, text) => {
    const max = ownLimit(text.question);
    const children: unknown[] = Array.isArray(props.children) ? props.children : [];
    const input = children[0] as { type?: unknown; props?: Record<string, unknown> } | undefined;
    if (!max || !input || input.type !== 'input' || !input.props?.id) return;
    describe(input.props);
    children.push(note(String(input.props.id), max));
  });
  patchRender<{ question?: TextQuestion }>(SurveyQuestionComment.prototype, 'renderElement', (props, comment) => {
    const max = ownLimit(comment.question);
    const children: unknown[] = Array.isArray(props.children) ? props.children : [];
    const box = children[0] as { props?: { viewModel?: { id?: string } } } | undefined;
    if (max && box?.props?.viewModel?.id) children.push(note(box.props.viewModel.id, max));
  });
  // The textarea itself is drawn by SurveyJS's text area component (not exported; its factory hands out its class).
  const textArea = ReactElementFactory.Instance.createElement('sv-text-area', {}) as unknown as { type: { prototype: object } };
  type TextArea = { props: { viewModel?: { question?: TextQuestion } } };
  patchRender<TextArea>(textArea.type.prototype, 'renderElement', (props, area) => {
    const question = area.props.viewModel?.question;
    if (question?.textAreaModel === area.props.viewModel && ownLimit(question) && props.id) describe(props);
  });
}

/**
 * After Next finds a required checkbox question unanswered, SurveyJS marks every one of its boxes `required`, which
 * a screen reader says of each ("Choice 1, checkbox, required"), as if each had to be ticked. One answer is
 * required of the group, which says so (describeRequiredGroupsAndSwitches, then its error): the boxes are not.
 */
function noRequiredCheckboxes(): void {
  patchRender(SurveyQuestionCheckboxItem.prototype, 'renderCheckbox', (props) =>
    eachDescendant(props, (node) => {
      if (node.type === 'checkbox') delete node.required;
    }),
  );
}

/** Marks every <svg> without a role in an element's tree (a preact vnode's props and their children) as decoration. */
function hideDrawings(props: Record<string, unknown>): void {
  for (const child of [props.children].flat(Infinity)) {
    if (!child || typeof child !== 'object' || !('props' in child)) continue;
    const node = child as { type: unknown; props: Record<string, unknown> };
    if (node.type === 'svg' && node.props.role === undefined) node.props['aria-hidden'] = 'true';
    else hideDrawings(node.props);
  }
}

/**
 * A checkbox's tick (and a radio's or a matrix cell's dot, in themes that draw one) is an <svg> beside the input,
 * with no role and no name: Chromium's tree held it as an image, which a screen reader says as "image" beside
 * every option (four on the every-element page's checkbox question). The input says checked or not; the drawing is
 * hidden from assistive technology. SurveyJS's own icons (SvgIcon) carry role="presentation" already.
 */
function hideOptionDrawings(): void {
  patchRender(SurveyQuestionCheckboxItem.prototype, 'renderCheckbox', hideDrawings);
  patchRender(SurveyQuestionRadioItem.prototype, 'renderRadioButton', hideDrawings);
  patchRender(SurveyQuestionMatrixCell.prototype, 'renderElement', hideDrawings);
}

/**
 * With SurveyJS's default textUpdateMode ("onBlur") a text box (text, a number; also a multiple-text item's or a
 * matrix cell's) sets its answer when it loses focus: until then what is typed is only in the box. The page now sets
 * "onTyping" (respondent.entry.ts), so the answer follows the keys and a redraw writes back what was typed; this
 * patch stays for what onTyping leaves between keys and answer (an input method's composition, set a moment later)
 * and for any survey drawn with the default. After every redraw of its
 * question SurveyJS writes the answer back into the box (survey-js-ui's SurveyQuestionUncontrolledElement
 * updateDomElement, from componentDidUpdate), and a resize across its mobile width (600 px: a phone turned on its
 * side) redraws every question (SurveyModel.setIsMobile, updateCss), as does the device's switch to its dark scheme
 * (color-scheme.ts applies SurveyJS's dark theme): the number being typed vanished, and leaving the box then saved
 * nothing. While the box has focus and the answer has not changed since it was last written into the box, the
 * box's text is what the respondent typed and is left alone; an answer changed meanwhile (set by the survey, not by
 * typing) is still written. A comment box is SurveyJS's textarea component, which keeps its text already.
 */
function keepTextBeingTyped(): void {
  type TextBox = { control?: HTMLInputElement; getValueCore(): unknown; written?: { control: HTMLInputElement; value: unknown } };
  const target = SurveyQuestionText.prototype as unknown as { updateDomElement(this: TextBox): void };
  const update = target.updateDomElement;
  target.updateDomElement = function (this: TextBox) {
    const control = this.control;
    const value = this.getValueCore();
    const written = this.written;
    const unchanged = !!written && written.control === control && Helpers.isTwoValueEquals(value, written.value, false, true, false);
    if (control && unchanged && control.ownerDocument.activeElement === control) return;
    update.call(this);
    if (control) this.written = { control, value };
  };
}

type RatingQuestion = { hasMinLabel: boolean; hasMaxLabel: boolean; renderedRateItems: unknown[]; getInputId(index: number): string; cssClasses: { minText: string; maxText: string } };
/** The id of a rating's word at one end ("Not at all", "Completely"), from the question's first input's id. */
const ratingWordsId = (question: RatingQuestion, end: 'min' | 'max') => `${question.getInputId(0)}-${end}-words`;

/**
 * A rating's words at its ends ("Not at all" … "Completely") are text beside the buttons, tied to neither: a
 * screen-reader user tabbing into the group heard "1, radio button, 1 of 5" and "5, radio button, 5 of 5", never
 * what 1 and 5 mean (until page pass 40). The first button is described by the first word and the last by the last.
 */
function describeRatingEnds(): void {
  patchRender<{ question?: RatingQuestion }>(SurveyQuestionRating.prototype, 'renderElement', (props, rating) => {
    const question = rating.question;
    if (!question) return;
    eachDescendant(props, (node) => {
      if (node.className === question.cssClasses.minText) node.id = ratingWordsId(question, 'min');
      if (node.className === question.cssClasses.maxText) node.id = ratingWordsId(question, 'max');
    });
  });
  type Item = { question?: RatingQuestion; index?: number };
  for (const component of [RatingItem, RatingItemStar, RatingItemSmiley]) {
    patchRender<Item>(component.prototype, 'render', (props, item) => {
      const question = item.question;
      if (!question) return;
      const end = item.index === 0 && question.hasMinLabel ? 'min' : item.index === question.renderedRateItems.length - 1 && question.hasMaxLabel ? 'max' : null;
      if (end) eachDescendant(props, (node) => node.type === 'radio' && describedAlsoBy(node, ratingWordsId(question, end)));
    });
  }
}

/** Applies the patches above, once, before the survey renders, with the page's texts in its language. */
export function patchSurveyMarkup(messages: RespondentMessages): void {
  quietErrorBoxes();
  hideValueOnlyDropdownInputs();
  placeholderAsDescription();
  describeUnansweredSearchDropdowns();
  hideDropdownPointerButtons();
  dropTooltipsRepeatingLabels();
  describeRequiredGroupsAndSwitches();
  describeTextLimits(messages.textLimit);
  noRequiredCheckboxes();
  hideOptionDrawings();
  describeRatingEnds();
  keepTextBeingTyped();
}

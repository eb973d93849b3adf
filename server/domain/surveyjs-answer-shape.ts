// Where the page (SurveyJS) and the server must agree on an answer's shape. A definition's elements are passed to
// SurveyJS with their own properties (study-definition.ts), and some of those make SurveyJS store answers the
// server's check (answers.ts) refuses: a study using one loaded, and every save holding such an answer was
// refused, so the respondent's answers were lost. Checked against survey-core 2.5 (tests/server/answer-shapes.test.ts).

/** The longest text answer the server takes; the page's text boxes stop there (participant-survey.ts). */
export const MAX_ANSWER_TEXT = 5000;

/** SurveyJS shows at most this many values of a rating (`settings.ratingMaximumRateValueCount`). */
export const MAX_RATING_VALUES = 20;

/** A definition problem at a path under the element. */
export interface ShapeProblem {
  path: PropertyKey[];
  message: string;
}

type Element = { type: string; name: string } & Record<string, unknown>;

const CHOICE_TYPES = ['radiogroup', 'dropdown', 'checkbox'];
const TEXT_TYPES = ['text', 'comment'];

/** A property that changes what SurveyJS stores: the types it acts on, whether it is on, and what SurveyJS would do. */
interface ShapeRule {
  types: readonly string[] | 'questions';
  on: (value: unknown) => boolean;
  does: (e: Element, value: unknown) => string;
}

const isTrue = (value: unknown) => value === true;
const isGiven = (value: unknown) => value !== undefined;
const other = (e: Element) => `SurveyJS would store "other" and the text typed as "${e.name}-Comment"`;
const none = (e: Element) => `SurveyJS would store "none" (no choice of "${e.name}")`;
const comment = (e: Element) => `SurveyJS would store the comment as "${e.name}-Comment"`;
const numbers = () => 'SurveyJS would add the numbers from choicesMin to choicesMax to the choices';
const elsewhere = () => 'SurveyJS would take the choices from elsewhere than this definition';
const boolValue = (which: string) => (_e: Element, value: unknown) => `SurveyJS would store ${JSON.stringify(value)} instead of ${which}`;

// The 2.x names and their older aliases (hasOther, hasNone, hasComment), which survey-core still reads.
const RULES: Readonly<Record<string, ShapeRule>> = {
  valueName: { types: 'questions', on: isGiven, does: (e, value) => `SurveyJS would store the answer under ${JSON.stringify(value)}, not "${e.name}"` },
  showOtherItem: { types: CHOICE_TYPES, on: isTrue, does: other },
  hasOther: { types: CHOICE_TYPES, on: isTrue, does: other },
  showNoneItem: { types: CHOICE_TYPES, on: isTrue, does: none },
  hasNone: { types: CHOICE_TYPES, on: isTrue, does: none },
  showRefuseItem: { types: CHOICE_TYPES, on: isTrue, does: () => 'SurveyJS would store "refused"' },
  showDontKnowItem: { types: CHOICE_TYPES, on: isTrue, does: () => 'SurveyJS would store "dontknow"' },
  showCommentArea: { types: 'questions', on: isTrue, does: comment },
  hasComment: { types: 'questions', on: isTrue, does: comment },
  choicesMin: { types: ['dropdown'], on: isGiven, does: numbers },
  choicesMax: { types: ['dropdown'], on: isGiven, does: numbers },
  choicesByUrl: { types: CHOICE_TYPES, on: isGiven, does: elsewhere },
  choicesFromQuestion: { types: CHOICE_TYPES, on: isGiven, does: elsewhere },
  valueTrue: { types: ['boolean'], on: isGiven, does: boolValue('true') },
  valueFalse: { types: ['boolean'], on: isGiven, does: boolValue('false') },
  valuePropertyName: { types: ['checkbox'], on: isGiven, does: () => 'SurveyJS would store each choice as an object, not its value' },
};

const REFUSED =
  'which is no answer the server takes (only the question\'s own choices, or values of its type, under its name), so every save holding it would be refused: remove it (for "other, please specify", add "other" as a choice and a text question shown with visibleIf)';

/**
 * The SurveyJS properties of one element that would make the page store answers the server refuses, and a text
 * box whose `maxLength` lifts the server's limit (0 is no limit to SurveyJS).
 */
export function answerShapeProblems(e: Element): ShapeProblem[] {
  if (e.type === 'html') return [];
  const problems: ShapeProblem[] = [];
  for (const [property, rule] of Object.entries(RULES)) {
    const value = e[property];
    if ((rule.types === 'questions' || rule.types.includes(e.type)) && Object.hasOwn(e, property) && rule.on(value)) {
      problems.push({ path: [property], message: `${rule.does(e, value)}, ${REFUSED}` });
    }
  }
  const { maxLength } = e;
  if (TEXT_TYPES.includes(e.type) && maxLength !== undefined && !(Number.isInteger(maxLength) && (maxLength as number) >= 1 && (maxLength as number) <= MAX_ANSWER_TEXT)) {
    problems.push({
      path: ['maxLength'],
      message: `expected a whole number from 1 to ${MAX_ANSWER_TEXT} (the longest answer the server takes; 0 means no limit to SurveyJS), got ${JSON.stringify(maxLength)}`,
    });
  }
  return problems;
}

/**
 * A rating given by `rateMin` and `rateMax` (no `rateValues`) has from 2 to 20 values: SurveyJS shows none when
 * rateMin is not below rateMax and only the first 20 of a longer range, while the server would take the whole range
 * (and a range of 10⁸ values was an array of 10⁸ built on the respondents' thread).
 */
export function ratingRangeProblem(e: { rateMin?: number | undefined; rateMax?: number | undefined; rateValues?: unknown }): ShapeProblem | null {
  if (e.rateValues !== undefined) return null;
  const min = e.rateMin ?? 1;
  const max = e.rateMax ?? 5;
  const place = e.rateMax !== undefined ? 'rateMax' : 'rateMin';
  if (max <= min) return { path: [place], message: `${max} is not above rateMin ${min}: the rating would have fewer than two values (SurveyJS shows none)` };
  const count = max - min + 1;
  if (count > MAX_RATING_VALUES) {
    return {
      path: [place],
      message: `a rating from ${min} to ${max} has ${count} values, and SurveyJS shows at most ${MAX_RATING_VALUES} (the others could never be answered): narrow it, or list the values in rateValues`,
    };
  }
  return null;
}

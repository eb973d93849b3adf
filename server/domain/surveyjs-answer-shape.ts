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
  /** What follows `does` in the message, when not REFUSED's "no answer the server takes". */
  then?: string;
}

const isTrue = (value: unknown) => value === true;
const isGiven = (value: unknown) => value !== undefined;
const other = (e: Element) => `SurveyJS would store "other" and the text typed as "${e.name}-Comment"`;
const none = (e: Element) => `SurveyJS would store "none" (no choice of "${e.name}")`;
const comment = (e: Element) => `SurveyJS would store the comment as "${e.name}-Comment"`;
const numbers = () => 'SurveyJS would add the numbers from choicesMin to choicesMax to the choices';
const elsewhere = () => 'SurveyJS would take the choices from elsewhere than this definition';
const computed = () => 'SurveyJS would store whatever the expression computes (a number in a text box, a value outside the choices)';
const COMPUTED =
  'which no check can know before the answers come, and every save holding a value the question does not take would be refused: remove it (compute such a value in the analysis instead)';
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
  allowCustomChoices: { types: CHOICE_TYPES, on: isTrue, does: () => 'SurveyJS would store whatever the respondent types as a new choice' },
  // What an expression computes depends on the answers: a number for `{age} * 2` in a text box, a value outside the
  // choices for `{rating}` in a radiogroup. No check at load can know it (attacker pass 11).
  setValueExpression: { types: 'questions', on: isGiven, does: computed, then: COMPUTED },
  defaultValueExpression: { types: 'questions', on: isGiven, does: computed, then: COMPUTED },
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
      problems.push({ path: [property], message: `${rule.does(e, value)}, ${rule.then ?? REFUSED}` });
    }
  }
  const mask = maskProblem(e);
  if (mask) problems.push(mask);
  const { maxLength } = e;
  if (TEXT_TYPES.includes(e.type) && maxLength !== undefined && !(Number.isInteger(maxLength) && (maxLength as number) >= 1 && (maxLength as number) <= MAX_ANSWER_TEXT)) {
    problems.push({
      path: ['maxLength'],
      message:
        `expected a whole number from 1 to ${MAX_ANSWER_TEXT} (the longest answer the server takes; 0 means no limit to SurveyJS), got ${JSON.stringify(maxLength)}` +
        // A number in quotes reads as one to a newcomer: say what differs.
        (typeof maxLength === 'string' && /^\d+$/.test(maxLength.trim()) ? ': write it without quotes' : ''),
    });
  }
  return problems;
}

/** The rating properties that decide the values SurveyJS shows (survey-core 2.5, `QuestionRatingModel`). */
export interface RatingScale {
  rateMin?: number | undefined;
  rateMax?: number | undefined;
  rateStep?: unknown;
  rateCount?: unknown;
  rateValues?: unknown;
  autoGenerate?: unknown;
  rateType?: unknown;
}

/** SurveyJS shows at most this many values of a rating of smileys. */
const MAX_SMILEYS = 10;

/**
 * The values a rating without `rateValues` takes: rateMin, rateMin + rateStep, … up to rateMax, as SurveyJS makes
 * them (createRateValues, at most 20, a fractional step's values rounded to its decimals as correctValue does). A
 * definition loaded today has a whole step dividing the range (ratingRangeProblem); a wave opened before that check
 * keeps its snapshot, so any other step is read as SurveyJS reads a positive one, and one that is not a positive
 * number as 1, the server's reading then (a step of 0 was an endless list: a 500 at every save).
 */
export function ratingScaleValues(e: RatingScale): number[] {
  const min = e.rateMin ?? 1;
  const step = typeof e.rateStep === 'number' && e.rateStep > 0 && Number.isFinite(e.rateStep) ? e.rateStep : 1;
  const decimals = Number.isInteger(step) ? 0 : (String(step).split('.')[1]?.length ?? 0);
  const count = Math.min(Math.floor(((e.rateMax ?? 5) - min) / step) + 1, MAX_RATING_VALUES);
  return Array.from({ length: Math.max(count, 0) }, (_, i) => (decimals ? Number.parseFloat((min + i * step).toFixed(decimals)) : min + i * step));
}

/**
 * A text box's input mask decides the type SurveyJS stores (survey-core 2.5): a numeric or currency mask on a text
 * question stores a number (1234 where the question takes text; refused at every save, attacker pass 11) unless
 * `maskSettings.saveMaskedValue` keeps the masked text ("1,234"). A number question stores a number whatever its mask.
 */
function maskProblem(e: Element): ShapeProblem | null {
  if (e.type !== 'text' || e.maskType === undefined || e.maskType === 'none') return null;
  const savesMasked = (e.maskSettings as { saveMaskedValue?: unknown } | undefined)?.saveMaskedValue === true;
  if (e.inputType !== 'number' && (e.maskType === 'numeric' || e.maskType === 'currency') && !savesMasked) {
    return { path: ['maskType'], message: `SurveyJS would store a number for a ${e.maskType} mask where the text question takes text (add "inputType": "number" to ask a number), ${REFUSED}` };
  }
  return null;
}

/**
 * A rating given by `rateMin`, `rateMax` and `rateStep` (no `rateValues`) has from 2 to 20 values: SurveyJS shows
 * none when rateMin is not below rateMax and only the first 20 of a longer range, while the server would take the
 * whole range (and a range of 10⁸ values was an array of 10⁸ built on the respondents' thread). A step must be a
 * whole number dividing the range: SurveyJS shows 1.5 for a step of 0.5, twenty 1s for a step of 0, 1, 0, -1 …
 * for -1, and stops short of rateMax (1 to 100 by 10 ends at 91), where the server took every whole number of the
 * range (attacker pass 11).
 */
export function ratingRangeProblem(e: RatingScale): ShapeProblem | null {
  if (e.rateValues !== undefined) return null;
  const min = e.rateMin ?? 1;
  const max = e.rateMax ?? 5;
  const place = e.rateMax !== undefined ? 'rateMax' : 'rateMin';
  if (max <= min) return { path: [place], message: `${max} is not above rateMin ${min}: the rating would have fewer than two values (SurveyJS shows none)` };
  const step = e.rateStep ?? 1;
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 1) {
    return { path: ['rateStep'], message: `expected a whole number from 1 up (SurveyJS would show other values than the server takes), got ${JSON.stringify(step)}` };
  }
  const count = Math.floor((max - min) / step) + 1;
  const most = e.rateType === 'smileys' ? MAX_SMILEYS : MAX_RATING_VALUES;
  if (count > most) {
    return {
      path: [place],
      message: `a rating from ${min} to ${max}${step === 1 ? '' : ` by ${step}`} has ${count} values, and SurveyJS shows at most ${most}${e.rateType === 'smileys' ? ' smileys' : ''} (the others could never be answered): narrow it, or list the values in rateValues`,
    };
  }
  if ((max - min) % step !== 0) {
    return { path: ['rateStep'], message: `${step} does not divide rateMax − rateMin (${max} − ${min} = ${max - min}): the scale would stop short of rateMax ${max}` };
  }
  return null;
}

/**
 * `rateCount` and `autoGenerate` make SurveyJS show other values than the definition's: a count with only rateMin
 * moves rateMax (rateMin 1, rateCount 10 shows 1 to 10, the server took 1 to 5), `autoGenerate: true` shows
 * rateMin to rateMax instead of the rateValues. Either is refused unless it changes nothing.
 */
export function ratingCountProblem(e: RatingScale): ShapeProblem | null {
  const values = Array.isArray(e.rateValues) ? e.rateValues.length : ratingScaleValues(e).length;
  if (e.rateCount !== undefined && e.rateCount !== values) {
    return {
      path: ['rateCount'],
      message: `SurveyJS would show ${JSON.stringify(e.rateCount)} values or recompute rateMin or rateMax from it, where the rating has ${values}: remove rateCount and give rateMin, rateMax (and rateStep) or rateValues`,
    };
  }
  if (e.autoGenerate === true && e.rateValues !== undefined) {
    return { path: ['autoGenerate'], message: 'SurveyJS would show the numbers from rateMin to rateMax instead of the rateValues: remove autoGenerate' };
  }
  if (e.rateType === 'smileys' && Array.isArray(e.rateValues) && e.rateValues.length > MAX_SMILEYS) {
    return { path: ['rateType'], message: `SurveyJS shows at most ${MAX_SMILEYS} smileys, and the rating has ${e.rateValues.length} rateValues (the others could never be answered)` };
  }
  return null;
}

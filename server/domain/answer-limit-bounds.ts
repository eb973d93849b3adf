import { numberPropertyLimit, rangeLimit } from './answer-limit-readings.ts';
import { MAX_ANSWER_TEXT, type ShapeProblem } from './surveyjs-answer-shape.ts';

// A question's limits (answer-limits.ts) come from several properties: a number question's min and max with its
// numeric validators' minValue and maxValue, a text box's maxLength with its text validators' lengths, a checkbox's
// choices with its answercount validators' counts. A lower limit above an upper one leaves no answer the page takes
// (survey-core refuses every value on Next), so a required question could never be passed: refused at load instead.

/** One limit of a question: its value, where it is in the element, and its property's name. */
interface Bound {
  value: number;
  path: PropertyKey[];
  name: string;
}

type Element = { type: string } & Record<string, unknown>;
type Validator = Record<string, unknown>;

/** The element's validators of `type`, with their index in `validators`. */
function validatorsOf(e: Element, type: string): [Validator, number][] {
  const validators = Array.isArray(e.validators) ? (e.validators as unknown[]) : [];
  return validators.flatMap((v, k) => (v && typeof v === 'object' && (v as Validator).type === type ? [[v as Validator, k] as [Validator, number]] : []));
}

/** `owner[name]` as a bound, when it is a limit (`zeroIsNone`: 0 is no limit to SurveyJS, as for lengths and counts). */
function bound(owner: Validator, name: string, path: PropertyKey[], zeroIsNone: boolean, read = numberPropertyLimit): Bound[] {
  const value = read(owner[name]);
  return value === null || (zeroIsNone && value === 0) ? [] : [{ value, path: [...path, name], name }];
}

const fromValidators = (e: Element, type: string, name: string, zeroIsNone: boolean) =>
  validatorsOf(e, type).flatMap(([v, k]) => bound(v, name, ['validators', k], zeroIsNone));

/** The lower and upper limits of the element's answers, as answer-limits.ts applies them. */
function boundsOf(e: Element): { lower: Bound[]; upper: Bound[] } {
  const numeric = e.type === 'text' || e.type === 'comment';
  const lower = numeric ? fromValidators(e, 'numeric', 'minValue', false) : [];
  const upper = numeric ? fromValidators(e, 'numeric', 'maxValue', false) : [];
  if (e.type === 'text' && e.inputType === 'number') {
    lower.push(...bound(e, 'min', [], false, rangeLimit));
    upper.push(...bound(e, 'max', [], false, rangeLimit));
  }
  return { lower, upper };
}

/** A text box's lengths (its maxLength and its text validators'), or a checkbox's counts (its choices and answercount). */
function sizeBoundsOf(e: Element): { lower: Bound[]; upper: Bound[] } {
  if (e.type === 'text' || e.type === 'comment') {
    const upper = [...(typeof e.maxLength === 'number' ? bound(e, 'maxLength', [], true) : []), ...fromValidators(e, 'text', 'maxLength', true)];
    return { lower: fromValidators(e, 'text', 'minLength', true), upper };
  }
  if (e.type !== 'checkbox') return { lower: [], upper: [] };
  const choices: Bound[] = Array.isArray(e.choices) ? [{ value: e.choices.length, path: ['choices'], name: 'choices' }] : [];
  return { lower: fromValidators(e, 'answercount', 'minCount', true), upper: [...choices, ...fromValidators(e, 'answercount', 'maxCount', true)] };
}

function crossing({ lower, upper }: { lower: Bound[]; upper: Bound[] }): ShapeProblem | null {
  if (!lower.length || !upper.length) return null;
  const highest = lower.reduce((a, b) => (b.value > a.value ? b : a));
  const lowest = upper.reduce((a, b) => (b.value < a.value ? b : a));
  if (highest.value <= lowest.value) return null;
  const what = lowest.name === 'choices' ? `${lowest.value} choices` : String(lowest.value);
  return { path: lowest.path, message: `${what} is below ${highest.name} ${highest.value}: no answer could meet both, so the page would refuse every one` };
}

/** The element's limits that no answer can meet together (none for an element without limits). */
export function answerLimitBoundProblems(e: Element): ShapeProblem[] {
  return [crossing(boundsOf(e)), crossing(sizeBoundsOf(e))].filter((p): p is ShapeProblem => p !== null);
}

/** A question's limits as the server and the page apply them (the codebook's `limits`); a name is left out when unset. */
export interface AnswerLimits {
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  minCount?: number;
  maxCount?: number;
}

const highest = (bounds: Bound[]) => (bounds.length ? Math.max(...bounds.map((b) => b.value)) : undefined);
const lowest = (bounds: Bound[]) => (bounds.length ? Math.min(...bounds.map((b) => b.value)) : undefined);

/** A comment box, or a text box that is not a number: its answer is text, whose length has limits. */
const answersText = (e: Element) => e.type === 'comment' || (e.type === 'text' && e.inputType !== 'number');
/** The tightest size the question itself sets (maxLength, a validator's, maxSelectedChoices): not its number of choices. */
const ownUpperSize = (size: { upper: Bound[] }) => lowest(size.upper.filter((b) => b.name !== 'choices'));

/**
 * Whether a text or comment box's `maxLength` in `answerLimits` is the server's cap on any text answer (5,000
 * characters), not a limit the study set: neither the box nor a text validator sets one below it.
 */
export function lengthIsServerCap(e: Element): boolean {
  return answersText(e) && (ownUpperSize(sizeBoundsOf(e)) ?? Infinity) > MAX_ANSWER_TEXT;
}

/**
 * The limits the question's answers meet, each the tightest of the properties that set it (a box's maxLength and
 * its text validators', min and the numeric validators' minValue, …); a text box without one takes the server's
 * 5,000 characters. A checkbox's number of choices is no limit of its own: only its answercount counts are given.
 * Null for a question without limits.
 */
export function answerLimits(e: Element): AnswerLimits | null {
  const { lower, upper } = boundsOf(e);
  const size = sizeBoundsOf(e);
  const sizeUpper = ownUpperSize(size);
  const limits: AnswerLimits = { min: highest(lower), max: lowest(upper) };
  if (answersText(e)) Object.assign(limits, { minLength: highest(size.lower), maxLength: Math.min(sizeUpper ?? MAX_ANSWER_TEXT, MAX_ANSWER_TEXT) });
  if (e.type === 'checkbox') Object.assign(limits, { minCount: highest(size.lower), maxCount: sizeUpper });
  const given = Object.entries(limits).filter(([, value]) => value !== undefined);
  return given.length ? (Object.fromEntries(given) as AnswerLimits) : null;
}

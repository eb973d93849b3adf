import type { ShapeProblem } from './surveyjs-answer-shape.ts';

// How survey-core 2.5 reads a limit that a definition writes, which is not always the number the researcher wrote.
// A number question's `min`/`max` is a text property: survey-core keeps the value and compares the answer to it
// with JavaScript's `<` and `>` (QuestionTextModel.isValueGreaterMax), so "1e3" is 1000, " 5 " is 5 and "ten" is no
// limit (every comparison with NaN is false). A validator's `minValue`, `maxLength`, `maxCount`, … is a number
// property: survey-core turns a text into a number with parseInt when the definition loads
// (JsonObjectProperty.setValue), so "1e3" is 1, "2.5" is 2 and "ten" no limit. The server reads both the same way
// (answer-limits.ts, answer-limit-bounds.ts), and refuses at load a limit that SurveyJS would not read as the
// number it says, so what the page refuses is what the researcher meant.

/** A number question's `min` or `max` as survey-core compares answers with it, or null for no limit. */
export function rangeLimit(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  // survey-core's isValueEmpty: an empty text is no limit; any other text or a boolean is compared as a number.
  if ((typeof value !== 'string' || value === '') && typeof value !== 'boolean') return null;
  const number = Number(value);
  return Number.isNaN(number) ? null : number;
}

/** A validator's number property (`minValue`, `maxLength`, `minCount`, …) as survey-core loads it, or null. */
export function numberPropertyLimit(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value === '') return null;
  const number = parseInt(value);
  return Number.isNaN(number) ? null : number;
}

/** Why `value`, written where a limit goes, is not read by SurveyJS as the number it says (null when it is). */
function readingProblem(value: unknown, read: (value: unknown) => number | null): string | null {
  if (value === undefined || value === null || typeof value === 'number') return null;
  if (typeof value !== 'string') return `expected a number, got ${JSON.stringify(value)}`;
  if (value.trim() === '') return `expected a number, got ${JSON.stringify(value)}: leave the property out for no limit`;
  const meant = Number(value);
  const reading = read(value);
  if (reading === null || Number.isNaN(meant)) return `expected a number, got ${JSON.stringify(value)}: SurveyJS reads no limit from it`;
  if (reading !== meant) {
    return `expected a number, got ${JSON.stringify(value)}, which SurveyJS reads as ${reading} (a text here is read up to its first character that is not a digit): write ${meant} without quotes`;
  }
  return null;
}

/** What a text or answercount validator's limits count, which comes in whole numbers only. */
const COUNTED: Readonly<Record<string, string>> = { text: 'characters', answercount: 'choices' };

/**
 * Why a length or count written as a number is not a whole one (null when it is): survey-core compares with 2.5 as
 * written, so the limit works as 2 (a maximum) or 3 (a minimum), but the page tells respondents "no more than 2.5
 * character(s)"; the researcher meant one of the two, so they are asked which.
 */
function wholeCountProblem(value: unknown, counted: string | undefined): string | null {
  if (counted === undefined || typeof value !== 'number' || !Number.isFinite(value) || Number.isInteger(value)) return null;
  return `expected a whole number of ${counted}, got ${value}: write ${Math.floor(value)} or ${Math.ceil(value)}`;
}

/** The number properties of each validator type the server applies (answer-limits.ts). */
const VALIDATOR_LIMITS: Readonly<Record<string, readonly string[]>> = {
  numeric: ['minValue', 'maxValue'],
  text: ['minLength', 'maxLength'],
  answercount: ['minCount', 'maxCount'],
};

type Element = { type: string } & Record<string, unknown>;

/** The element's limits that SurveyJS would not read as the number they say, at their property. */
export function answerLimitReadingProblems(e: Element): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  if (e.type === 'text' && e.inputType === 'number') {
    for (const name of ['min', 'max']) {
      const message = readingProblem(e[name], rangeLimit);
      if (message) problems.push({ path: [name], message });
    }
  }
  const validators = Array.isArray(e.validators) ? (e.validators as unknown[]) : [];
  validators.forEach((v, k) => {
    if (!v || typeof v !== 'object') return;
    const type = (v as Record<string, unknown>).type;
    const names = typeof type === 'string' && Object.hasOwn(VALIDATOR_LIMITS, type) ? VALIDATOR_LIMITS[type]! : [];
    for (const name of names) {
      const value = (v as Record<string, unknown>)[name];
      const message = readingProblem(value, numberPropertyLimit) ?? wholeCountProblem(value, COUNTED[type as string]);
      if (message) problems.push({ path: ['validators', k, name], message });
    }
  });
  return problems;
}

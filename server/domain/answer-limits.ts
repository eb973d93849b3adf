import type { Answers } from './answers.ts';
import { numberPropertyLimit, rangeLimit } from './answer-limit-readings.ts';
import { DomainError } from './errors.ts';
import { allElements, type StudyDefinition, type SurveyElement } from './study-definition.ts';

/**
 * The limits a definition puts on its answers beyond their type, checked once at the completion (saves happen as
 * the respondent types, so a number on its way to 15 past a minimum of 10 is saved as 1 first): a number question's
 * `min`/`max`, a text box's `maxLength`, and the SurveyJS validators whose rule the server can apply exactly as
 * survey-core 2.5 does (NumericValidator, TextValidator, AnswerCountValidator): the page refuses the same answers on
 * Next, so only a client that skips or changes the page's checks meets these refusals. Left to the page: `regex` (a
 * researcher's pattern run over a respondent's 5,000 characters could backtrack for minutes on the event loop every
 * respondent shares), `email` (a pattern of SurveyJS's own that may change with it) and `expression` (SurveyJS's
 * expression language, with functions and other answers).
 */

/** A refused answer: the question's name and what is wrong, in words. */
export interface AnswerLimitProblem {
  question: string;
  message: string;
}

type Validator = Record<string, unknown>;


/** SurveyJS's isValueEmpty for an answer: nothing, an empty text or an empty list. */
const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * The number an answer holds as a numeric validator reads it, or null when the server cannot be sure how SurveyJS
 * reads it (a text such as "1,5" or "0x10": survey-core's own parsing) — then the page's check alone decides.
 */
function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && /^\s*[-+]?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : null;
}

const between = (min: number | null, max: number | null) =>
  min !== null && max !== null ? `from ${min} to ${max}` : min !== null ? `at least ${min}` : `at most ${max}`;

/** The question's `min`/`max` (a number question: inputType number). */
function rangeProblem(e: SurveyElement, value: unknown): string | null {
  if (e.type !== 'text' || e.inputType !== 'number' || typeof value !== 'number') return null;
  const min = rangeLimit((e as Validator).min);
  const max = rangeLimit((e as Validator).max);
  if ((min !== null && value < min) || (max !== null && value > max)) return `must be a number ${between(min, max)} (its min and max), got ${value}`;
  return null;
}

/** The text box's own `maxLength` (a whole number from 1; 0 is no limit to SurveyJS). */
function maxLengthProblem(e: SurveyElement, value: unknown): string | null {
  const { maxLength } = e as Validator;
  if (typeof value !== 'string' || typeof maxLength !== 'number' || !Number.isInteger(maxLength) || maxLength < 1) return null;
  return value.length > maxLength ? `is ${value.length} characters long, and the question takes at most ${maxLength} (its maxLength)` : null;
}

function numericProblem(v: Validator, value: unknown): string | null {
  const number = numberOf(value);
  if (number === null) return null;
  const min = numberPropertyLimit(v.minValue);
  const max = numberPropertyLimit(v.maxValue);
  if ((min !== null && number < min) || (max !== null && number > max)) return `must be a number ${between(min, max)} (its numeric validator), got ${number}`;
  return null;
}

function textProblem(v: Validator, value: unknown): string | null {
  // survey-core tests /\d+$/: a text that ends in digits.
  if (v.allowDigits === false && (typeof value === 'string' || typeof value === 'number') && /\d+$/.test(String(value))) {
    return 'ends in digits, which its text validator does not allow (allowDigits: false)';
  }
  if (typeof value !== 'string') return null;
  const min = numberPropertyLimit(v.minLength);
  const max = numberPropertyLimit(v.maxLength);
  const tooShort = min !== null && min > 0 && value.length < min;
  const tooLong = max !== null && max > 0 && value.length > max;
  if (!tooShort && !tooLong) return null;
  const range = between(min !== null && min > 0 ? min : null, max !== null && max > 0 ? max : null);
  return `must be ${range} characters long (its text validator), got ${value.length}`;
}

function answerCountProblem(v: Validator, value: unknown): string | null {
  if (!Array.isArray(value)) return null;
  const min = numberPropertyLimit(v.minCount);
  const max = numberPropertyLimit(v.maxCount);
  // survey-core: `this.minCount && count < this.minCount`, so 0 is no limit.
  const tooFew = min !== null && min !== 0 && value.length < min;
  const tooMany = max !== null && max !== 0 && value.length > max;
  if (!tooFew && !tooMany) return null;
  return `has ${value.length} choices ticked, and its answercount validator takes ${between(min || null, max || null)}`;
}

const VALIDATOR_CHECKS: Readonly<Record<string, (v: Validator, value: unknown) => string | null>> = {
  numeric: numericProblem,
  text: textProblem,
  answercount: answerCountProblem,
};

function validatorProblem(e: SurveyElement, value: unknown): string | null {
  const validators = (e as Validator).validators;
  if (!Array.isArray(validators)) return null;
  for (const v of validators) {
    if (!v || typeof v !== 'object' || typeof v.type !== 'string' || !Object.hasOwn(VALIDATOR_CHECKS, v.type)) continue;
    const problem = VALIDATOR_CHECKS[v.type]!(v as Validator, value);
    if (problem) return problem;
  }
  return null;
}

/** Every answer of `answers` outside its question's limits, in page order. */
export function answerLimitProblems(def: StudyDefinition, answers: Answers): AnswerLimitProblem[] {
  const problems: AnswerLimitProblem[] = [];
  for (const e of allElements(def)) {
    const value = answers[e.name];
    if (e.type === 'html' || !Object.hasOwn(answers, e.name) || isEmpty(value)) continue;
    const problem = rangeProblem(e, value) ?? maxLengthProblem(e, value) ?? validatorProblem(e, value);
    if (problem) problems.push({ question: e.name, message: problem });
  }
  return problems;
}

/**
 * The completion's answers (`answers`: the stored ones with the request's, `sent`, laid over) within their limits.
 * An answer the request sends outside them is refused (422), naming the question; `reason` and `question` let the
 * page say it in the respondent's language with the question's title. One it does not send (or sends as `null`:
 * hidden at the end) is left out instead: it was saved as typed and never checked by the page that completes — a
 * number on its way to 15 saved as 1 on another device, then hidden or left empty here (a resume on another device
 * starts with empty fields) — and refusing it would leave the respondent no way to finish.
 */
export function answersWithinLimits(def: StudyDefinition, answers: Answers, sent: unknown): Answers {
  const problems = answerLimitProblems(def, answers);
  if (!problems.length) return answers;
  const given = (typeof sent === 'object' && sent !== null ? sent : {}) as Record<string, unknown>;
  const refused = problems.find((p) => Object.hasOwn(given, p.question) && given[p.question] !== null);
  if (refused) {
    throw new DomainError('invalid_input', `the answer to "${refused.question}" ${refused.message}`, { reason: 'answer_out_of_limits', question: refused.question });
  }
  const kept = { ...answers };
  for (const { question } of problems) delete kept[question];
  return kept;
}

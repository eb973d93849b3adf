import { z } from 'zod';
import { conjointAnswerShape, missingConjointAnswers } from './conjoint-survey.ts';
import { DomainError } from './errors.ts';
import { allElements, choiceValues, CONSENT_QUESTION, isConditional, offersReread, VIGNETTE_REOPENED, type StudyDefinition, type SurveyElement } from './study-definition.ts';
import { unicodeEscape } from '../../analysis/helpers/invisible-characters.ts';
import { MAX_ANSWER_TEXT } from './surveyjs-answer-shape.ts';
import { firstIssue } from './zod-issues.ts';

/** A respondent's answers: question name → value, as SurveyJS reports `survey.data`. */
export type Answers = Record<string, unknown>;

function valueSchema(e: SurveyElement): z.ZodType | null {
  switch (e.type) {
    case 'html':
      return null;
    case 'radiogroup':
    case 'dropdown':
    case 'rating':
      return z.literal(choiceValues(e));
    case 'checkbox': {
      const values = choiceValues(e);
      // SurveyJS stores each ticked choice once; a list naming one twice comes only from a client that skips the
      // page, and would count that choice twice in the analysis (accessibility pass 25, hostile completions).
      return z
        .array(z.literal(values))
        .max(values.length)
        .refine((list) => new Set(list).size === list.length, { message: 'lists a choice more than once; each ticked choice is listed once' });
    }
    case 'boolean':
      return z.boolean();
    case 'text':
      return e.inputType === 'number' ? z.number().finite() : answerText;
    case 'comment':
      return answerText;
  }
}

/**
 * A free-text answer. Half a surrogate pair is refused (attacker pass 44): it is no character, JSON carries it only
 * escaped, and a CSV export (UTF-8) wrote U+FFFD for it, so the researcher's file differed from the answer. A text
 * box never holds one (Chromium's maxlength drops a whole pair). A NUL is taken: a text pasted into the box keeps it
 * (Chromium, 2026-12-07), so refusing it would leave that respondent unable to go on; the CSV files write it as
 * U+FFFD (spreadsheet-safe.ts) and JSON keeps it.
 */
const answerText = z
  .string()
  .max(MAX_ANSWER_TEXT)
  .check((ctx) => {
    const found = /\p{Cs}/u.exec(ctx.value)?.[0];
    if (found !== undefined) ctx.issues.push({ code: 'custom', input: ctx.value, message: `holds half of a surrogate pair (${unicodeEscape(found)}), which is no character: send the whole pair` });
  });

const schemaCache = new WeakMap<StudyDefinition, z.ZodType<Answers>>();

/** Strict: a name that is not a question of this survey, or a value of the wrong type or choice, is refused. */
function answersSchema(def: StudyDefinition): z.ZodType<Answers> {
  let schema = schemaCache.get(def);
  if (!schema) {
    const shape: Record<string, z.ZodType> = {
      [CONSENT_QUESTION]: z.boolean().optional(),
      // Not an answer: the page's record that the vignette was opened again on an outcome page (only ever true).
      ...(offersReread(def) ? { [VIGNETTE_REOPENED]: z.literal(true).optional() } : {}),
      // A conjoint's task answers: each task's choice and ratings (conjoint-survey.ts).
      ...Object.fromEntries(Object.entries(conjointAnswerShape(def)).map(([name, value]) => [name, value.optional()])),
    };
    for (const e of allElements(def)) {
      const value = valueSchema(e);
      if (value) shape[e.name] = value.optional();
    }
    schema = z.strictObject(shape) as unknown as z.ZodType<Answers>;
    schemaCache.set(def, schema);
  }
  return schema;
}

/** Validates a partial save: any subset of the survey's questions, each with a value of the right kind. */
export function validateAnswers(def: StudyDefinition, raw: unknown): Answers {
  const result = answersSchema(def).safeParse(raw);
  // The refused value is quoted (shortened, its invisible characters escaped), as in every other refusal: the
  // client sent it, and 422 messages are not logged (attacker pass 41).
  if (!result.success) throw new DomainError('invalid_input', firstIssue(result.error, 'answers', raw));
  return result.data;
}

// Per parsed definition (never changed after parsing): every completion asks.
const requiredOf = new WeakMap<StudyDefinition, readonly string[]>();

/**
 * The questions every completion must answer: required, and shown to everyone — neither the question nor its page
 * conditional. A required question on a page with visibleIf was required of everyone, so a respondent never shown
 * that page could not complete.
 */
function requiredQuestions(def: StudyDefinition): readonly string[] {
  let names = requiredOf.get(def);
  if (!names) {
    names = [...def.pages.pretreatment, ...def.pages.outcomes, ...def.pages.posttreatment]
      .filter((page) => !isConditional(page))
      .flatMap((page) => page.elements)
      .filter((e) => e.type !== 'html' && e.isRequired === true && !isConditional(e))
      .map((e) => e.name);
    requiredOf.set(def, names);
  }
  return names;
}

export type FinalOutcome = { status: 'complete' } | { status: 'screened_out'; reason: 'consent_declined' };

/**
 * Validates final answers and decides how the participant leaves: declined consent → screened out;
 * otherwise every required question must be answered.
 */
export function finalOutcome(def: StudyDefinition, answers: Answers): FinalOutcome {
  const consent = answers[CONSENT_QUESTION];
  if (consent === undefined) throw new DomainError('invalid_input', 'answers.consent: required');
  if (consent === false) return { status: 'screened_out', reason: 'consent_declined' };
  const missing = requiredQuestions(def)
    .filter((name) => answers[name] === undefined)
    .concat(missingConjointAnswers(def, answers));
  if (missing.length) {
    throw new DomainError('invalid_input', `answers: required question${missing.length > 1 ? 's' : ''} not answered: ${missing.join(', ')}`);
  }
  return { status: 'complete' };
}

/**
 * Columns computed from the answers at completion: `attention_pass` (1 if the check was passed) and
 * `vignette_reopened` (1 if the respondent read the vignette again on an outcome page).
 */
export function derivedColumns(def: StudyDefinition, answers: Answers): Record<string, number> {
  const derived: Record<string, number> = {};
  const check = def.attentionCheck;
  if (check) derived[check.derivedColumn] = answers[check.question] === check.passValue ? 1 : 0;
  if (offersReread(def)) derived[VIGNETTE_REOPENED] = answers[VIGNETTE_REOPENED] === true ? 1 : 0;
  return derived;
}

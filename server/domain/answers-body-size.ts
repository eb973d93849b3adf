import { conjointAnswerShape } from './conjoint-survey.ts';
import { allElements, choiceValues, CONSENT_QUESTION, offersReread, VIGNETTE_REOPENED, type StudyDefinition, type SurveyElement } from './study-definition.ts';
import { fieldedDefinition } from './repeated-vignettes.ts';
import { MAX_ANSWER_TEXT } from './surveyjs-answer-shape.ts';

/**
 * Bytes a typed character can take in the page's JSON: a letter of most scripts outside Latin (Chinese, Japanese,
 * Korean, Hindi, Thai…) is 3 bytes of UTF-8 and one unit of the 5,000 a text box takes; `"`, `\` and an emoji
 * (two units) take 2 a unit. Control characters (6 bytes as `\u0001`) are pasted, not typed: left out.
 */
const TYPED_BYTES_PER_UNIT = 3;
/** The longest finite number JSON.stringify writes: `-1.2345678901234567e-308`. */
const NUMBER_BYTES = 24;
/** `{"answers":` … `,"currentPage":…,"honeypot":""}` around the answers, with room to spare. */
const BODY_FRAME_BYTES = 64;

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/** The longest value the page can send for one question; 0 for an html element, which has no answer. */
function largestValueBytes(e: SurveyElement): number {
  if (e.type === 'html') return 0;
  if (e.type === 'text' && e.inputType === 'number') return NUMBER_BYTES;
  if (e.type === 'text' || e.type === 'comment') {
    const maxLength = 'maxLength' in e && typeof e.maxLength === 'number' && e.maxLength >= 1 ? Math.min(e.maxLength, MAX_ANSWER_TEXT) : MAX_ANSWER_TEXT;
    return 2 + maxLength * TYPED_BYTES_PER_UNIT;
  }
  if (e.type === 'boolean') return jsonBytes(false);
  const values = choiceValues(e);
  // A checkbox sends the chosen values as a list: at most all of them.
  if (e.type === 'checkbox') return jsonBytes(values);
  return Math.max(0, ...values.map(jsonBytes));
}

/** The longest value a literal of `values` (a conjoint task's choice or rating) takes. */
function largestLiteralBytes(schema: unknown): number {
  const values = (schema as { values?: Iterable<unknown> }).values;
  return values ? Math.max(0, ...[...values].map(jsonBytes)) : NUMBER_BYTES;
}

/**
 * The largest request body a respondent who keeps to the survey can make the page send (a save or the completion
 * carries every answer so far): each text box filled to its length (5,000 characters unless its `maxLength` says
 * fewer; a repeated design's outcome boxes once per vignette) with typed characters of 3 bytes, each checkbox with every choice, each other question its longest value.
 * A study whose bound is over `VLAB_BODY_LIMIT` can have such a respondent's saves and completion refused `413`,
 * losing their answers: `vlab wave create` and `vlab serve` say so (attacker pass 19).
 *
 * @example largestAnswersBody(busLineFunding) // 1,2xx bytes; with five comment boxes added, over 75,000
 */
export function largestAnswersBody(def: StudyDefinition): number {
  const entry = (name: string, valueBytes: number) => jsonBytes(name) + 1 + valueBytes + 1;
  let bytes = BODY_FRAME_BYTES + entry(CONSENT_QUESTION, jsonBytes(false));
  if (offersReread(def)) bytes += entry(VIGNETTE_REOPENED, jsonBytes(true));
  for (const [name, schema] of Object.entries(conjointAnswerShape(def))) bytes += entry(name, largestLiteralBytes(schema));
  // A repeated-vignette design asks its outcome questions once per vignette, each copy under its own name.
  for (const e of allElements(fieldedDefinition(def))) if (e.type !== 'html') bytes += entry(e.name, largestValueBytes(e));
  return bytes;
}

/**
 * What to tell the researcher when a study's answers can outgrow the body limit, or null when they cannot.
 *
 * @example answersBodyWarning('open-questions', def, 65_536) // 'a respondent who fills every text box of open-questions can send up to 75,254 bytes …'
 */
export function answersBodyWarning(studyKey: string, def: StudyDefinition, limit: number): string | null {
  const largest = largestAnswersBody(def);
  if (largest <= limit) return null;
  const n = (x: number) => x.toLocaleString('en-US');
  return (
    `a respondent who fills every text box of ${studyKey} can send up to ${n(largest)} bytes of answers, more than VLAB_BODY_LIMIT ` +
    `(${n(limit)}): such a respondent's saves and completion would be refused (413) and their answers lost; ` +
    `set VLAB_BODY_LIMIT=${largest} (or more) for vlab serve, or give the text boxes a smaller maxLength`
  );
}

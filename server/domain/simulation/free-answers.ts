import { blockRandom } from '../assignment.ts';
import type { Answers } from '../answers.ts';
import { numberPropertyLimit, rangeLimit } from '../answer-limit-readings.ts';
import { isConditional } from '../definition-elements.ts';
import { vignetteQuestionName } from '../repeated-vignettes.ts';
import type { StudyDefinition, SurveyElement } from '../study-definition.ts';

/**
 * Answers to the questions no simulation model can give — an optional number box, a text box, a comment box — as
 * real respondents leave them: most give a number, fewer write a comment, the rest leave them empty. `vlab simulate`
 * left every one empty, so a simulated wave's data, codebook and estimates never showed such a column filled
 * (walk-through 22). Drawn from a stream of their own (`simulate-free:<seed>`, respondent `index`), so the model's
 * answers — and every estimate planted through them — are the same with or without these.
 */

/** The share of simulated respondents who answer an optional number question, and a text or comment box. */
export const FREE_ANSWER_SHARES = { number: 0.85, text: 0.35 } as const;

/** Short remarks, in the survey's language (English for one without its own). No digits: a text validator may refuse them. */
const REMARKS: Readonly<Record<string, readonly string[]>> = {
  en: ['No comment.', 'It was clear.', 'Interesting questions.', 'Hard to decide.', 'I am not sure what I would do.', 'The scenario seemed realistic.'],
  es: ['Sin comentarios.', 'Estaba claro.', 'Preguntas interesantes.', 'Difícil de decidir.', 'No sé qué haría.', 'El escenario parecía realista.'],
};

/** With no bounds of its own, a number is drawn from 0 to this (and bounded on one side, this far from the bound). */
const NUMBER_SPAN = 100;

type Loose = SurveyElement & Record<string, unknown>;

/**
 * Respondent `index`'s answers (run seed `seed`) to the study's unmodelled optional number, text and comment
 * questions; a repeated design's outcome-page ones under each vignette's name (`<name>__V<k>`, for `vignettes` of them).
 * Left out: questions shown to some only (`visibleIf`), and text boxes whose answer has a form (an `autocomplete`
 * purpose, an email or pattern validator) a remark would not fit.
 */
export function freeAnswers(def: StudyDefinition, { seed, index, locale, vignettes = 1 }: { seed: string; index: number; locale: string; vignettes?: number }): Answers {
  const boxes = boxesOf(def);
  const answers: Answers = {};
  // A study without such boxes (every shipped one) draws nothing: `vlab power` hashes no second seed per respondent.
  if (!boxes.length) return answers;
  const next = blockRandom(`simulate-free:${seed}`, index);
  for (const { element, onOutcomePage } of boxes) {
    const names = vignettes > 1 && onOutcomePage ? Array.from({ length: vignettes }, (_, k) => vignetteQuestionName(element.name, k + 1)) : [element.name];
    for (const name of names) {
      // Two uniforms a question whatever is answered, so one question's answer never moves another's.
      const [answered, pick] = [next(), next()];
      const value = freeAnswer(element, answered, pick, locale);
      if (value !== undefined) answers[name] = value;
    }
  }
  return answers;
}

const boxesByDefinition = new WeakMap<StudyDefinition, readonly { element: Loose; onOutcomePage: boolean }[]>();

/** The study's optional questions no model answers, shown to everyone who reaches their page; found once a definition. */
function boxesOf(def: StudyDefinition): readonly { element: Loose; onOutcomePage: boolean }[] {
  let boxes = boxesByDefinition.get(def);
  if (!boxes) {
    const modelled = modelledNames(def);
    const onPages = (pages: typeof def.pages.outcomes, onOutcomePage: boolean) =>
      pages.filter((p) => !isConditional(p)).flatMap((p) => (p.elements as Loose[]).map((element) => ({ element, onOutcomePage })));
    boxes = [...onPages(def.pages.pretreatment, false), ...onPages(def.pages.outcomes, true), ...onPages(def.pages.posttreatment, false)].filter(
      ({ element: e }) => (e.type === 'text' || e.type === 'comment') && !modelled.has(e.name) && !e.isRequired && !isConditional(e),
    );
    boxesByDefinition.set(def, boxes);
  }
  return boxes;
}

/** The answer of one respondent, or undefined (left empty): `answered` decides whether, `pick` what. */
function freeAnswer(e: Loose, answered: number, pick: number, locale: string): number | string | undefined {
  if (e.type === 'text' && e.inputType === 'number') return answered < FREE_ANSWER_SHARES.number ? numberIn(e, pick) : undefined;
  if (e.type !== 'comment' && e.type !== 'text') return undefined;
  if (answered >= FREE_ANSWER_SHARES.text || hasForm(e)) return undefined;
  const [min, max] = lengthBounds(e);
  const fitting = (REMARKS[locale.split('-')[0]!] ?? REMARKS.en!).filter((r) => r.length >= min && r.length <= max);
  return fitting.length ? fitting[Math.floor(pick * fitting.length)] : undefined;
}

/** A whole number within the question's `min`/`max` and numeric validators (SurveyJS's readings of them). */
function numberIn(e: Loose, u: number): number | undefined {
  const range = numberRange(e);
  return range ? range[0] + Math.floor(u * (range[1] - range[0] + 1)) : undefined;
}

/**
 * The optional number boxes `freeAnswers` fills, by name, with the lowest and highest whole number it draws. Each is
 * drawn independently of the condition, the model's answers and whether anything else is answered, so in the design's
 * population it is independent of all of them: estimands.ts models a plan's term of such a box that way.
 */
export function freeNumberRanges(def: StudyDefinition): Map<string, readonly [number, number]> {
  const ranges = new Map<string, readonly [number, number]>();
  for (const { element } of boxesOf(def)) {
    const range = element.type === 'text' && element.inputType === 'number' ? numberRange(element) : undefined;
    if (range) ranges.set(element.name, range);
  }
  return ranges;
}

/** The whole numbers the question takes: from its `min`/`max` and numeric validators, else a span of 100. */
function numberRange(e: Loose): [number, number] | undefined {
  let [lo, hi] = [rangeLimit(e.min), rangeLimit(e.max)];
  for (const v of validators(e, 'numeric')) {
    const [vMin, vMax] = [numberPropertyLimit(v.minValue), numberPropertyLimit(v.maxValue)];
    if (vMin !== null) lo = lo === null ? vMin : Math.max(lo, vMin);
    if (vMax !== null) hi = hi === null ? vMax : Math.min(hi, vMax);
  }
  const from = Math.ceil(lo ?? (hi === null ? 0 : hi - NUMBER_SPAN));
  const to = Math.floor(hi ?? from + NUMBER_SPAN);
  return from <= to ? [from, to] : undefined;
}

/** A text box whose answer has a form of its own: an autocomplete purpose (an email, a postcode) or a pattern to match. */
function hasForm(e: Loose): boolean {
  if (e.type === 'text' && e.autocomplete !== undefined) return true;
  return validators(e).some((v) => v.type === 'email' || v.type === 'regex' || v.type === 'expression');
}

/** The shortest and longest text the box and its text validators take. */
function lengthBounds(e: Loose): [number, number] {
  let [min, max] = [0, typeof e.maxLength === 'number' && e.maxLength >= 1 ? e.maxLength : Infinity];
  for (const v of validators(e, 'text')) {
    const [vMin, vMax] = [numberPropertyLimit(v.minLength), numberPropertyLimit(v.maxLength)];
    if (vMin !== null && vMin > 0) min = Math.max(min, vMin);
    if (vMax !== null && vMax > 0) max = Math.min(max, vMax);
  }
  return [min, max];
}

function validators(e: Loose, type?: string): Record<string, unknown>[] {
  const all = Array.isArray(e.validators) ? (e.validators as unknown[]) : [];
  return all.filter((v): v is Record<string, unknown> => !!v && typeof v === 'object' && (type === undefined || (v as { type?: unknown }).type === type));
}

/** The questions the model answers (and the attention check): never drawn here. */
function modelledNames(def: StudyDefinition): Set<string> {
  const model = def.simulation;
  const sections = model ? [model.covariates, model.outcomes, model.choices ?? {}, model.recall] : [];
  const names = new Set(sections.flatMap((s) => Object.keys(s)));
  if (def.attentionCheck) names.add(def.attentionCheck.question);
  return names;
}

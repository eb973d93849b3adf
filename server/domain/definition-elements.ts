import type { ChoiceValue, StudyDefinition, SurveyElement } from './study-definition.ts';
import { ratingScaleValues } from './surveyjs-answer-shape.ts';

// Helpers over a parsed definition, apart from the schema so that modules the schema itself uses (the analysis
// plan's checks) can import them without an import cycle. study-definition.ts re-exports them.

// Definitions are parsed once and never changed afterwards; every answer check and completion walks the elements.
const elementsOf = new WeakMap<StudyDefinition, readonly SurveyElement[]>();

/** Every element of the definition's own pages, in page order. */
export function allElements(def: StudyDefinition): readonly SurveyElement[] {
  let elements = elementsOf.get(def);
  if (!elements) {
    elements = Object.freeze([...def.pages.pretreatment, ...def.pages.outcomes, ...def.pages.posttreatment].flatMap((p) => p.elements));
    elementsOf.set(def, elements);
  }
  return elements;
}

/** Shown to some respondents only (`visibleIf`), or to none (`visible: false`): a page or a question. */
export function isConditional(shown: object): boolean {
  return 'visibleIf' in shown || (shown as { visible?: unknown }).visible === false;
}

/** The values a choice-like element accepts (empty for free-text and html). */
export function choiceValues(e: SurveyElement): ChoiceValue[] {
  const list = 'choices' in e && Array.isArray(e.choices) ? e.choices : 'rateValues' in e && Array.isArray(e.rateValues) ? e.rateValues : null;
  if (list) return list.map((c) => (typeof c === 'object' ? c.value : c));
  if (e.type === 'rating') return ratingScaleValues(e);
  return [];
}

/** JSON with object keys sorted, so equal content serializes (and hashes) equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

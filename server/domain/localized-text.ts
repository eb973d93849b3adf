import { z } from 'zod';
import { DEFAULT_LOCALE, RESPONDENT_LOCALES } from '../../public/src/i18n/messages.ts';
import type { StudyDefinition } from './study-definition.ts';

/**
 * Studies in several languages. A study declares `locales` (the first is its default; without the field a
 * study is English only), and every respondent-facing text is either one string (a study in one language) or
 * an object with one translation per locale: `{ "en": "Next question", "es": "Siguiente pregunta" }`. The
 * server builds each participant's survey in that participant's locale, so the page only ever sees strings.
 */

export { DEFAULT_LOCALE };

/** A BCP 47 language tag as studies use them: `en`, `es`, `pt-BR`. */
export const LOCALE_CODE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

const text = z.string().trim().min(1);
export const localeCode = z.string().regex(LOCALE_CODE, 'expected a locale code such as "en" or "es"');
export const localizedText = z.union([text, z.record(localeCode, text)]);
export type LocalizedText = z.infer<typeof localizedText>;
/**
 * A vignette level's text may be empty: the level leaves its sentence out ("costs not mentioned" against a sentence
 * on costs; vignette.ts). A conjoint's level is a table cell and needs one (design-problems.ts).
 */
const mayBeEmpty = z.string().trim();
export const levelText = z.union([mayBeEmpty, z.record(localeCode, mayBeEmpty)]);

/**
 * SurveyJS element properties that respondents read. In a study with several locales each must be given per
 * locale; a text in any other property is passed to SurveyJS as it is.
 */
export const ELEMENT_TEXT_KEYS = [
  'title', 'description', 'html', 'labelTrue', 'labelFalse', 'placeholder', 'minRateDescription', 'maxRateDescription',
  'requiredErrorText', 'otherText', 'otherPlaceholder', 'noneText', 'selectAllText', 'commentText', 'commentPlaceholder',
  'minErrorText', 'maxErrorText',
] as const;

/** The locales a study's participants may take it in; the first is the default. */
export function studyLocales(def: Pick<StudyDefinition, 'locales'>): readonly string[] {
  return def.locales ?? [DEFAULT_LOCALE];
}

export function defaultLocale(def: Pick<StudyDefinition, 'locales'>): string {
  return studyLocales(def)[0]!;
}

/** The text in `locale`; a plain string is the same in every locale. */
export function textIn(value: LocalizedText, locale: string): string {
  if (typeof value === 'string') return value;
  return value[locale] ?? Object.values(value)[0]!;
}

/**
 * The locale a new participant takes the study in: the one asked for by the link (`?lang=es`; `es-MX` finds `es`)
 * when the study has it; else the first of the study's locales in the link's language (`pt` and `pt-PT` find
 * `pt-BR`); else the wave's default. The link's code is read as a language tag in its canonical form first
 * (canonicalLocale), so an old code (`iw`), an underscore (`es_MX`, as POSIX and Java write it: such links started
 * respondents in English until attacker pass 38) or a script (`ar-Arab-EG`) finds the study's locale; subtags are
 * dropped from the end until one matches (BCP 47's lookup, RFC 4647 §3.4). A locale other than the one asked for is
 * taken only when both are likely written in one script (likelyScript): a `zh-TW` reader (Traditional) is not given
 * the study's `zh-Hans` (Simplified), nor `sr-Latn` the Cyrillic `sr`, as they were until attacker pass 39.
 */
export function chooseLocale(requested: string | undefined, locales: readonly string[], fallback: string): string {
  if (!requested?.trim()) return fallback;
  const asked = canonicalLocale(requested);
  const script = likelyScript(asked);
  const readable = locales.map((l) => [canonicalLocale(l), l] as const).filter(([code]) => code === asked || sameScript(script, likelyScript(code)));
  const byCode = new Map(readable);
  const subtags = asked.split('-');
  for (let n = subtags.length; n > 0; n--) {
    const found = byCode.get(subtags.slice(0, n).join('-'));
    if (found !== undefined) return found;
  }
  const language = subtags[0];
  return (language && readable.find(([code]) => code.split('-')[0] === language)?.[1]) || fallback;
}

/**
 * The script a language tag is most likely written in (CLDR's likely subtags: `zh-TW` → Hant, `zh` → Hans, `sr` →
 * Cyrl, `sr-ME` → Latn), or undefined for a tag Intl cannot read or a language CLDR has no data for.
 */
function likelyScript(code: string): string | undefined {
  try {
    return new Intl.Locale(code).maximize().script;
  } catch {
    return undefined;
  }
}

/** Scripts agree when they are one, or when either is unknown (nothing says the reader cannot read it). */
const sameScript = (a: string | undefined, b: string | undefined): boolean => a === undefined || b === undefined || a === b;

/**
 * A language code as BCP 47 writes it today, lower-cased for comparing: `iw` → `he`, `in` → `id`, `ji` → `yi`
 * (ISO 639's withdrawn codes, which Java's and Android's `Locale` still write and panels pass on), `es_MX` → `es-mx`.
 * What is around it that no tag begins or ends with is taken off: a link pasted from a sentence into a panel's
 * settings ends its last parameter with the sentence's full stop, a bracket, quotes or an invisible character
 * (`?lang=es.`), which sent every respondent of it to the wave's default until attacker pass 40. A code that is no
 * language tag (`a b`) is only lower-cased: a link's odd wish falls back, it never throws.
 */
function canonicalLocale(code: string): string {
  const tag = code.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').replaceAll('_', '-');
  try {
    return Intl.getCanonicalLocales(tag)[0]!.toLowerCase();
  } catch {
    return tag.toLowerCase();
  }
}

/** One respondent-facing text of a definition: where it is, and the object and key that hold it. */
interface TextSlot {
  path: PropertyKey[];
  holder: Record<string, unknown>;
  key: string;
  /** A level's text, which may be empty (levelText). */
  mayBeEmpty?: true;
}

function textSlots(def: StudyDefinition): TextSlot[] {
  const slots: TextSlot[] = [];
  const add = (path: PropertyKey[], holder: object, key: string, mayBeEmpty?: true) => {
    if ((holder as Record<string, unknown>)[key] !== undefined) slots.push({ path: [...path, key], holder: holder as Record<string, unknown>, key, ...(mayBeEmpty && { mayBeEmpty }) });
  };
  const addList = (path: PropertyKey[], list: unknown[]) => list.forEach((_, i) => add(path, list, String(i)));
  add([], def, 'title');
  for (const key of ['title', 'question', 'agreeLabel', 'declineLabel']) add(['consent'], def.consent, key);
  addList(['consent', 'paragraphs'], def.consent.paragraphs);
  def.factors.forEach((f, i) => {
    add(['factors', i], f, 'text');
    f.levels.forEach((l, j) => add(['factors', i, 'levels', j], l, 'text', true));
  });
  if (def.vignette) {
    add(['vignette'], def.vignette, 'title');
    add(['vignette'], def.vignette, 'instructions');
    addList(['vignette', 'template'], def.vignette.template);
  }
  if (def.design?.kind === 'conjoint') {
    const { task, outcomes } = def.design;
    add(['design', 'task'], task, 'title');
    add(['design', 'task'], task, 'instructions');
    addList(['design', 'task', 'profileLabels'], task.profileLabels);
    if (outcomes.choice) add(['design', 'outcomes', 'choice'], outcomes.choice, 'title');
    if (outcomes.rating) {
      add(['design', 'outcomes', 'rating'], outcomes.rating, 'title');
      outcomes.rating.choices.forEach((c, k) => add(['design', 'outcomes', 'rating', 'choices', k], c, 'text'));
    }
  }
  for (const section of ['pretreatment', 'outcomes', 'posttreatment'] as const) {
    def.pages[section].forEach((page, i) => {
      const pagePath = ['pages', section, i];
      add(pagePath, page, 'title');
      add(pagePath, page, 'description');
      page.elements.forEach((element, j) => {
        const path = [...pagePath, 'elements', j];
        for (const key of ELEMENT_TEXT_KEYS) add(path, element, key);
        // A choice's text, and a validator's error text (SurveyJS's `text` of a validator).
        for (const listKey of ['choices', 'rateValues', 'validators']) {
          const list = (element as Record<string, unknown>)[listKey];
          if (!Array.isArray(list)) continue;
          list.forEach((item, k) => {
            if (item && typeof item === 'object') add([...path, listKey, k], item, 'text');
          });
        }
      });
    });
  }
  // The path of a list item was built with a string index; a reader expects `[2]`.
  return slots.map((s) => (Array.isArray(s.holder) ? { ...s, path: [...s.path.slice(0, -1), Number(s.key)] } : s));
}

/**
 * Missing or unexpected translations: a study in several locales must give every respondent-facing text as an
 * object with exactly its locales, and may only use locales the respondent page has messages for.
 */
export function translationProblems(def: StudyDefinition): { path: PropertyKey[]; message: string }[] {
  const locales = studyLocales(def);
  const problems: { path: PropertyKey[]; message: string }[] = [];
  locales.forEach((locale, i) => {
    if (locales.indexOf(locale) !== i) problems.push({ path: ['locales', i], message: `"${locale}" is listed twice` });
    else if (!RESPONDENT_LOCALES.includes(locale)) {
      problems.push({
        path: ['locales', i],
        message: `the respondent page has no messages in "${locale}" (it has ${RESPONDENT_LOCALES.join(', ')}; see public/src/i18n/messages.ts)`,
      });
    }
  });
  for (const { path, holder, key, mayBeEmpty } of textSlots(def)) {
    const value = holder[key];
    if (typeof value === 'string') {
      if (locales.length > 1) problems.push({ path, message: `missing translation: one text for every locale (${locales.join(', ')}) is needed, as { "${locales[0]}": "…", "${locales[1]}": "…" }` });
      continue;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string' || (!mayBeEmpty && !v.trim()))) {
      problems.push({ path, message: 'expected a text, or an object with one text per locale' });
      continue;
    }
    const missing = locales.filter((l) => !(l in value));
    const unknown = Object.keys(value).filter((l) => !locales.includes(l));
    if (missing.length) problems.push({ path, message: `missing translation "${missing[0]}"` });
    else if (unknown.length) problems.push({ path, message: `"${unknown[0]}" is not one of the study's locales (${locales.join(', ')})` });
  }
  return problems;
}

const localized = new WeakMap<StudyDefinition, Map<string, StudyDefinition>>();

/**
 * The definition with every respondent-facing text in `locale` (plain strings): what a participant in that
 * locale reads. Computed once per definition and locale; the result is shared, never change it.
 */
export function localizeDefinition(def: StudyDefinition, locale: string): StudyDefinition {
  let byLocale = localized.get(def);
  if (!byLocale) {
    byLocale = new Map();
    localized.set(def, byLocale);
  }
  let copy = byLocale.get(locale);
  if (!copy) {
    copy = structuredClone(def);
    for (const { holder, key } of textSlots(copy)) holder[key] = textIn(holder[key] as LocalizedText, locale);
    byLocale.set(locale, copy);
  }
  return copy;
}

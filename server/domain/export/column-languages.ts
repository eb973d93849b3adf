import { textIn, type LocalizedText } from '../localized-text.ts';

/**
 * A respondent-facing text in each of the study's languages, for the codebook's `labels` beside a column's or an
 * answer's `label` (which is in the default language): undefined in a study of one language, whose `label` says all.
 * Walk-through 30: a two-language study's codebook gave its questions in English alone, and did not say so.
 *
 * @example inEveryLanguage({ en: 'For the plan', es: 'A favor del plan' }, ['en', 'es']) // { en: 'For the plan', es: 'A favor del plan' }
 */
export function inEveryLanguage(text: LocalizedText, locales: readonly string[]): Record<string, string> | undefined {
  return locales.length > 1 ? Object.fromEntries(locales.map((l) => [l, textIn(text, l)])) : undefined;
}

/** `{ label, labels? }` of a respondent-facing text: the default language's words, and each language's where there are several. */
export function labelled(text: LocalizedText, locales: readonly string[]): { label: string; labels?: Record<string, string> } {
  const labels = inEveryLanguage(text, locales);
  return { label: textIn(text, locales[0]!), ...(labels ? { labels } : {}) };
}

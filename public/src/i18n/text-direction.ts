/**
 * The writing direction of a locale, for `<html dir>` and for a text marked with its own `lang` inside a page of
 * another direction (an Arabic study title in the English dashboard). Without `dir="rtl"` an Arabic page is laid
 * out left to right: the question's number and its title's full stop on the wrong side, "Next" where a reader of
 * Arabic looks for "Back", and a sentence mixing Latin words (a country's name, "NATO") reordered by the browser's
 * guess. Not `Intl.Locale#textInfo`: Node 20 has it as a property, current Chromium as a method
 * (`getTextInfo()`), and the server and the page must agree.
 */
const RTL_SCRIPTS = new Set(['arab', 'hebr', 'thaa', 'syrc', 'nkoo', 'adlm', 'rohg', 'mand', 'samr']);
/** Languages written right to left when the locale names no script (CLDR's likely scripts). */
const RTL_LANGUAGES = new Set(['ar', 'arc', 'azb', 'bal', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'lrc', 'mzn', 'ps', 'prs', 'sd', 'syr', 'ug', 'ur', 'yi']);

export type TextDirection = 'ltr' | 'rtl';

/** `'rtl'` for a locale written right to left (`ar`, `he-IL`, `pa-Arab`), else `'ltr'` (`en`, `az-Latn`, malformed). */
export function textDirection(locale: string): TextDirection {
  const [language = '', ...rest] = locale.toLowerCase().split(/[-_]/);
  const script = rest.find((part) => /^[a-z]{4}$/.test(part));
  if (script !== undefined) return RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  return RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
}

/**
 * `text` as a first-strong isolate (U+2068 … U+2069), for a value from elsewhere (a panel parameter's name, a
 * question's title) inside a right-to-left sentence: without it the bidi algorithm moves the value's punctuation
 * ("PROLIFIC_PID:" read as ":PROLIFIC_PID"). Screen readers ignore the two marks.
 */
export const isolate = (text: string): string => `\u2068${text}\u2069`;

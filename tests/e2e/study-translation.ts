// A study the browser tests open in a language it is not written in (arabic-texts.ts, hebrew-texts.ts): each English
// text given its translation from a table, the language added to the study's locales.

/**
 * `study` (a parsed study.json, English and Spanish) with `table`'s translation beside each English text and `locale`
 * among its locales. A text the table lacks stops the test with its words and the table's file (`tableFile`), so a
 * change to the shipped study shows as a missing line, not as an English sentence on a page in another language.
 */
export function withTranslation<T>(study: T, locale: string, table: Readonly<Record<string, string>>, tableFile: string): T {
  const translate = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(translate);
    if (value === null || typeof value !== 'object') return value;
    const record = value as Record<string, unknown>;
    if (typeof record.en === 'string' && typeof record.es === 'string') {
      const text = table[record.en];
      if (text === undefined) throw new Error(`${tableFile} has no ${locale} text for ${JSON.stringify(record.en)}`);
      return { ...record, [locale]: text };
    }
    return Object.fromEntries(Object.entries(record).map(([key, v]) => [key, key === 'locales' ? [...(v as string[]), locale] : translate(v)]));
  };
  return translate(study) as T;
}

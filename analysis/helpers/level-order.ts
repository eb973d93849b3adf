/**
 * Code-point order: R's `sort` in the C locale. Deterministic on every machine, unlike R's default, which
 * follows the locale's collation.
 */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Numeric order of labels of numbers (R's `factor()` of a numeric vector sorts its values, not their text).
 *
 * @example ['10', '5', '20'].sort(compareNumericLabels) // ['5', '10', '20']
 */
export function compareNumericLabels(a: string, b: string): number {
  return Number(a) - Number(b);
}

// Two readings of "a UTF-8 locale such as en_US": ICU's default collation, and one that ignores punctuation
// and spaces as glibc's does at its first level. Labels in code-point order under both are safe.
const LOCALE_ORDERS = [new Intl.Collator('en-US'), new Intl.Collator('en-US', { ignorePunctuation: true })];

/**
 * Levels sorted in code-point order, and whether R in a UTF-8 locale (en_US and the like) may sort them
 * otherwise — "Banana" before "apple" here, after it there; "< 10k" before "100k+" here, after it where
 * punctuation is ignored — which changes the reference level and every estimate. `localeFirst` is the level
 * such a locale puts first.
 *
 * @example sortLevels(['apple', 'Banana']) // { levels: ['Banana', 'apple'], mayDiffer: true, localeFirst: 'apple' }
 */
export function sortLevels(labels: readonly string[]): { levels: string[]; mayDiffer: boolean; localeFirst: string } {
  const levels = [...labels].sort(compareCodePoints);
  for (const collator of LOCALE_ORDERS) {
    const other = [...labels].sort((a, b) => collator.compare(a, b) || compareCodePoints(a, b));
    if (other.some((level, k) => level !== levels[k])) return { levels, mayDiffer: true, localeFirst: other[0] };
  }
  return { levels, mayDiffer: false, localeFirst: levels[0] };
}

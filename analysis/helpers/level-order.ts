/**
 * Code-point order: R's `sort` in the C locale (strcmp on UTF-8 bytes, which orders as the code points do).
 * Deterministic on every machine, unlike R's default, which follows the locale's collation. JavaScript's `<`
 * compares UTF-16 code units, which is code-point order except where a character beyond U+FFFF (a surrogate pair:
 * emoji, mathematical letters, rarer CJK) meets one of U+E000–U+FFFF (fullwidth forms such as "（", the private use
 * area, "�"): the pair's 0xD800–0xDFFF unit sorts first there, its code point last. So the first differing units
 * are compared with surrogates moved above U+FFFF (ICU's code-point order fix-up).
 *
 * @example ['😀', '（'].sort(compareCodePoints) // ['（', '😀'], as R's sort() in the C locale
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length - b.length;
  return codePointRank(a.charCodeAt(i)) - codePointRank(b.charCodeAt(i));
}

/** A UTF-16 unit's place in code-point order: surrogates (0xD800–0xDFFF) after every unit of U+E000–U+FFFF. */
function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
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
 * punctuation is ignored — which changes the reference level and every estimate. `localeOrder` is such a locale's
 * order, and `localeFirst` its first level: a reading that moves the reference is preferred to one that only reorders
 * the levels after it (ICU keeps "-b" first of "-b", "a", "B"; ignoring punctuation puts "a" first — R trial 38).
 *
 * @example sortLevels(['apple', 'Banana']) // { levels: ['Banana', 'apple'], mayDiffer: true, localeFirst: 'apple', localeOrder: ['apple', 'Banana'] }
 */
export function sortLevels(labels: readonly string[]): { levels: string[]; mayDiffer: boolean; localeFirst: string; localeOrder: string[] } {
  const levels = [...labels].sort(compareCodePoints);
  const others = LOCALE_ORDERS.map((collator) => [...labels].sort((a, b) => collator.compare(a, b) || compareCodePoints(a, b)))
    .filter((other) => other.some((level, k) => level !== levels[k]));
  const other = others.find((order) => order[0] !== levels[0]) ?? others[0];
  if (!other) return { levels, mayDiffer: false, localeFirst: levels[0], localeOrder: levels };
  return { levels, mayDiffer: true, localeFirst: other[0], localeOrder: other };
}

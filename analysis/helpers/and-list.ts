/**
 * Items joined as a sentence lists them: "a", "a and b", "a, b and c" (no serial comma); "" for none. One helper for
 * every message that names several things (plan terms, raking variables, reset cycles, waves of a version, lmRobust's
 * terms without an SE, and with "or" the levels a plan's subset keeps).
 *
 * @example andList(['age_group', 'gender', 'region']) // 'age_group, gender and region'
 * @example andList(['A', 'B', 'C'], 'or') // 'A, B or C'
 */
export function andList(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

// What to write instead of a function R users often type into a model formula but vlab does not compute: the words
// name the alternative, where a list of every supported function would leave the user to guess (the fifteenth R trial).

const SPLINES = 'for a curve write poly(x, 2) or poly(x, 3); for bins, cut(x, quantile(x, probs = seq(0, 1, 0.25)), include.lowest = TRUE)';
const EQUAL_COUNT = 'write cut(x, quantile(x, probs = seq(0, 1, 0.25)), include.lowest = TRUE) for groups of equal counts, or cut(x, k) for k intervals of equal width';
const CONTRASTS = 'contrasts other than R\'s defaults are not supported: a factor gets treatment contrasts (an ordered one contr.poly); choose the reference with relevel(factor(x), ref = "b") or factor(x, levels = c(…))';

const ADVICE: Readonly<Record<string, string>> = {
  ns: SPLINES,
  bs: SPLINES,
  if_else: 'write ifelse(test, yes, no), which lm_robust reads the same way',
  case_when: 'write nested ifelse(test, yes, no), or cut(x, breaks, labels = c(…)) for ranges of a number',
  C: CONTRASTS,
  'contr.sum': CONTRASTS,
  'contr.helmert': CONTRASTS,
  ntile: EQUAL_COUNT,
  cut_number: EQUAL_COUNT,
  cut_interval: EQUAL_COUNT,
  findInterval: EQUAL_COUNT,
  replace: 'write ifelse(condition, value, x)',
  recode: 'write factor(x, levels = c(…), labels = c(…)), or ifelse()',
  fct_recode: 'write factor(x, levels = c(…), labels = c(…))',
  fct_relevel: 'write relevel(factor(x), ref = "b") or factor(x, levels = c(…))',
  // dplyr's ranks leave a missing x missing (its row dropped), R's rank() ranks it last unless na.last = "keep".
  min_rank: 'write rank(x, ties.method = "min", na.last = "keep"), which dplyr\'s min_rank() is',
  row_number: 'write rank(x, ties.method = "first", na.last = "keep"), which dplyr\'s row_number(x) is',
  dense_rank: 'write as.numeric(factor(x)), the codes of x\'s sorted distinct values, which dplyr\'s dense_rank() is',
  percent_rank: 'write rank(x, ties.method = "min", na.last = "keep"): percent_rank() rescales it linearly, which changes its slope but not its test',
};

/** What to write instead of `name(…)`, for the functions analysts commonly reach for; undefined for the others. */
export function functionAdvice(name: string): string | undefined {
  return Object.hasOwn(ADVICE, name) ? ADVICE[name] : undefined;
}

/** The functions vlab computes that R finds in stats; the others are base's. */
const STATS_FUNCTIONS = new Set(['poly', 'relevel', 'median', 'sd', 'var', 'quantile']);

/**
 * `ns::name(…)`: base:: and stats:: of a function vlab computes are that function (R's term names keep the prefix);
 * anything else is refused in words. `known` tells whether vlab computes `name` at all.
 *
 * @example namespaceProblem('stats', 'poly', true) // undefined; namespaceProblem('splines', 'ns', false) // 'splines::ns(): …'
 */
export function namespaceProblem(ns: string, name: string, known: boolean): string | undefined {
  const call = `${ns}::${name}()`;
  if (name === 'offset') return `${call}: write offset(x), without the package, as lm_robust reads an offset`;
  if ((ns === 'base' || ns === 'stats') && known) {
    const home = STATS_FUNCTIONS.has(name) ? 'stats' : 'base';
    return ns === home ? undefined : `${call}: R finds ${name}() in ${home}, not ${ns} ('${name}' is not an exported object from 'namespace:${ns}'): write ${home}::${name}() or ${name}()`;
  }
  const advice = functionAdvice(name);
  const what = ns === 'base' || ns === 'stats' ? `${name}() is not supported` : `functions of package "${ns}" are not supported in a formula`;
  return `${call}: ${what}${advice ? `: ${advice}` : ' (base and stats functions without a package prefix are listed in docs/analysis.md, Formula syntax)'}`;
}

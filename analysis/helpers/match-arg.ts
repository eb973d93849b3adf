import { AnalysisError } from '../errors.ts';

/**
 * R's `match.arg` of one value against its choices (by `pmatch`): the exact choice, else the one choice the value
 * begins. `""` and a beginning shared by several choices match none, and R stops there ("'arg' should be one of …").
 * Read this way: p.adjust's method, power.t.test's type and alternative.
 *
 * @example matchArg('bonf', ['holm', 'bonferroni']) // 'bonferroni'
 */
export function matchArg<T extends string>(value: string, choices: readonly T[]): T | undefined {
  const exact = choices.find((choice) => choice === value);
  if (exact !== undefined) return exact;
  const begun = choicesBegunBy(value, choices);
  return begun.length === 1 ? begun[0] : undefined;
}

/** The choices `value` is the beginning of (none for `""`, which R's pmatch matches to nothing). */
export function choicesBegunBy<T extends string>(value: string, choices: readonly T[]): T[] {
  return value === '' ? [] : choices.filter((choice) => choice.startsWith(value));
}

/**
 * A choice as R's match.arg reads it ("one" is one.sided), or `fn`'s error naming the choices: the alternative and
 * type of powerAnalysis, powerPropTest and powerCohenH.
 *
 * @example matchChoice('powerAnalysis', 'alternative', 'one', ['two.sided', 'one.sided']) // 'one.sided'
 */
export function matchChoice<T extends string>(fn: string, what: string, value: unknown, choices: readonly T[]): T {
  const found = typeof value === 'string' ? matchArg(value, choices) : undefined;
  if (found === undefined) throw new AnalysisError(fn, `${what} must be one of ${choices.join(', ')} (got ${JSON.stringify(value)})`);
  return found;
}

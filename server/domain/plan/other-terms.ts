import { andList } from '../../../analysis/helpers/and-list.ts';

/**
 * What a hypothesis card's folded terms are, in a researcher's words, for `vlab estimates`' table and the dashboard
 * alike: "intercept and Behavior, not tested by H3" (a control), "intercept and the other level of Measure, not
 * tested by H1" (a level of the factor the hypothesis tests), "… Regime × Capability …" (an interaction), "Capability
 * (when Regime: Democracy)" (a variable an interaction contains, named where its terms are taken, as its rows are:
 * termVariableNamer). Until newcomer16 every card said "controls and intercept", which was wrong wherever the plan
 * tests only some of a factor's levels or of an interaction's factors.
 *
 * @example otherTermsInWords('H3', ['regimeautocracy'], ['(Intercept)', 'behaviorskip_exercises'], namer) // "intercept and Behavior, not tested by H3"
 */
export function otherTermsInWords(
  hypothesis: string,
  tested: readonly string[],
  others: readonly string[],
  variableOf: (term: string) => string | null,
): string {
  const testedVariables = new Set(tested.map(variableOf));
  const counts = new Map<string | null, number>();
  for (const term of others) {
    const variable = variableOf(term);
    counts.set(variable, (counts.get(variable) ?? 0) + 1);
  }
  const parts = [...counts].map(([variable, n]) => {
    if (variable === null) return 'intercept';
    if (!testedVariables.has(variable)) return variable;
    // A factor the hypothesis tests some levels of; an interaction some of whose products it tests.
    const what = variable.includes(' × ') ? 'term' : 'level';
    return `the other ${what}${n === 1 ? '' : 's'} of ${variable}`;
  });
  if (parts.length === 0) return `none: the model has no term ${hypothesis} does not test`;
  return `${listInWords(parts)}, not tested by ${hypothesis}`;
}

/** "a", "a and b", "a, b and c"; past five, the first four and "and N more". */
function listInWords(parts: readonly string[]): string {
  const shown = parts.length > 5 ? [...parts.slice(0, 4), `${parts.length - 4} more`] : parts;
  return andList(shown);
}

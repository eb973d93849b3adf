// The words for the family a card's p-values are adjusted over, shared by `vlab estimates` and the dashboard.
import type { HypothesisReport } from './hypothesis-report.ts';

/**
 * The family a hypothesis' p-values are adjusted over: its tested terms, or, when the plan gives the pre-registered
 * family's size (adjust.n), that size with the terms tested here.
 *
 * @example adjustmentFamilyWords({ method: 'holm', family: 'F', terms: 4, n: 10 }) // "family F's 10 pre-registered tests (4 tested here)"
 */
export function adjustmentFamilyWords({ terms, family, n }: NonNullable<HypothesisReport['adjustment']>): string {
  return n === undefined ? `the ${terms} tested terms of family ${family}` : `family ${family}'s ${n} pre-registered tests (${terms} tested here)`;
}

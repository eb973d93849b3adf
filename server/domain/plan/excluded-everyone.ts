import type { Row } from '../../../analysis/index.ts';
import type { AnalysisPlan } from './plan-schema.ts';

/**
 * Why nothing is estimable when respondents are there but the plan's exclusions removed every one: "the plan's
 * exclusions leave none of the 3 respondents so far (it keeps attention_pass = 1)". Without it each card said
 * "no respondents with an answer in this comparison yet" beside a count of completes. Null when a row is kept or
 * there are none.
 *
 * @example everyoneExcluded(plan, rows, [], 'participant')
 */
export function everyoneExcluded(plan: AnalysisPlan, rows: readonly Row[], kept: readonly unknown[], idColumn: string): string | null {
  if (kept.length > 0 || rows.length === 0) return null;
  const respondents = new Set(rows.map((row) => row[idColumn])).size;
  const keeps = (plan.exclusions ?? []).map((e) => (e.keep.length === 1 ? `${e.column} = ${e.keep[0]}` : `${e.column} in ${e.keep.join(', ')}`));
  const left = respondents === 1 ? 'leave out the one respondent' : `leave none of the ${respondents} respondents`;
  return `the plan's exclusions ${left} so far (it keeps ${keeps.join(' and ')})`;
}

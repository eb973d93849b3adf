import type { Row } from '../../../analysis/index.ts';
import type { PopulationMargins } from '../study-definition.ts';

/** variable → level → share, as analysis/rake.ts takes them. */
export type RakingTargets = Record<string, Record<string, number>>;

/**
 * The targets raking uses. An answer listed in `noPopulationShare` (gender: "prefer_not_to_say") has no
 * population figure, so it keeps its own share (`shareOf`: the sample's share when raking a wave) and the
 * margins' shares, which are of the respondents giving the other answers, divide the rest. Without such
 * answers the targets are the margins. replication-script.ts writes the same rule in R.
 *
 * @example rakingTargets({ source, margins: { gender: { female: 0.51, male: 0.49 } }, noPopulationShare: { gender: ['nonbinary'] } },
 *   () => 0.02) // { gender: { female: 0.4998, male: 0.4802, nonbinary: 0.02 } }
 */
export function rakingTargets(margins: PopulationMargins, shareOf: (variable: string, answer: string) => number): RakingTargets {
  return Object.fromEntries(
    Object.entries(margins.margins).map(([variable, shares]) => {
      const own = (margins.noPopulationShare?.[variable] ?? []).map((answer) => [answer, shareOf(variable, answer)] as const).filter(([, p]) => p > 0);
      const rest = 1 - own.reduce((sum, [, p]) => sum + p, 0);
      return [variable, { ...Object.fromEntries(Object.entries(shares).map(([level, share]) => [level, share * rest])), ...Object.fromEntries(own) }];
    }),
  );
}

/** The share of `rows` answering `answer` to `variable`: what an answer without a population share keeps. */
export function sampleShare(rows: readonly Row[]): (variable: string, answer: string) => number {
  return (variable, answer) => (rows.length ? rows.filter((row) => row[variable] != null && String(row[variable]) === answer).length / rows.length : 0);
}

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

/**
 * The share of `rows` answering `answer` to `variable`: what an answer without a population share keeps. With
 * base weights (`vlab rake --weights`), the weighted share — the design's estimate, survey's svymean on the design
 * raking starts from — so raking leaves that answer's weighted share as the design has it. A weight that is not a
 * number ≥ 0 counts 0 here; rake itself then refuses it in words.
 */
export function sampleShare(rows: readonly Row[], weightColumn?: string): (variable: string, answer: string) => number {
  const weights = rows.map((row) => {
    if (weightColumn === undefined) return 1;
    const w = Number(row[weightColumn]);
    return row[weightColumn] != null && Number.isFinite(w) && w >= 0 ? w : 0;
  });
  const total = weights.reduce((a, b) => a + b, 0);
  return (variable, answer) =>
    total > 0 ? rows.reduce((sum, row, i) => sum + (row[variable] != null && String(row[variable]) === answer ? weights[i] : 0), 0) / total : 0;
}

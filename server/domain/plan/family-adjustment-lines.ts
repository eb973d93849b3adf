// p.adjust of one family, in replicate.R and in words shared with executePlan: a family whose adjust.n is below its
// tested p-values is left unadjusted on both sides, with the same sentence (R's p.adjust would stop the script).
import type { PAdjustMethod } from '../../../analysis/index.ts';
import { r, rComment } from './r-source.ts';

/**
 * The plan problem of an adjust.n below the p-values a family tests, around the count: `${head}${count}${tail}`.
 * The count is known to vlab at once and to replicate.R only when it runs, so the words come in two halves.
 *
 * @example adjustNTooSmallWords('F', 1).head // 'family "F": adjust.n = 1 is below the '
 */
export function adjustNTooSmallWords(family: string, n: number): { head: string; tail: string } {
  return {
    head: `family "${family}": adjust.n = ${n} is below the `,
    tail: ` tested terms with a p-value; n is the whole family's size, at least the tests this plan runs (R's p.adjust stops: "n >= lp is not TRUE")`,
  };
}

/**
 * The R lines adjusting one family of `table` (est or cj) whose rows are `idx`: p.adjust with the plan's n; where n
 * is below the p-values present (R counts !is.na, as vlab counts p-values that are numbers), the script says so in
 * vlab's words and leaves them unadjusted, as executePlan does (adjustTested), so the comparison still runs.
 */
export function familyAdjustmentLines(table: string, family: { name: string; method: PAdjustMethod; n: number | undefined }, idx: string, label = ''): string[] {
  const { name, method, n } = family;
  const adjust = [`${table}$p_adjusted[idx] <- p.adjust(${table}$p_value[idx], ${r(method)}${n === undefined ? '' : `, n = ${n}`})`, `${table}$adjust_method[idx] <- ${r(method)}`];
  const head = [`# Family ${rComment(name)}${label}: ${method}${n === undefined ? '' : ` over a pre-registered family of ${n} (adjust.n)`}`, `idx <- ${idx}`];
  if (n === undefined) return [...head, ...adjust];
  const words = adjustNTooSmallWords(name, n);
  return [
    ...head,
    `lp <- sum(!is.na(${table}$p_value[idx]))`,
    `if (lp > ${n}) {`,
    `  cat(paste0("replicate.R: ", ${r(words.head)}, lp, ${r(`${words.tail}; p-values not adjusted, as the platform leaves them\n`)}))`,
    '} else {',
    ...adjust.map((line) => `  ${line}`),
    '}',
  ];
}

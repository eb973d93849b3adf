import { AnalysisError } from '../errors.ts';
import type { Row } from '../helpers/data.ts';
import type { Column, DataTable } from '../helpers/data-table.ts';
import { compareCodePoints } from '../helpers/level-order.ts';
import { asTable } from './profiles.ts';

const FN = 'freqs';

/**
 * The features of a `~ a + b` formula as freqs counts them (an outcome on the left is ignored; `a * b` is a and b),
 * each still quoted if it was written with backticks.
 */
export function formulaFeatures(formula: string): string[] {
  const tilde = formula.indexOf('~');
  const rhs = tilde < 0 ? formula : formula.slice(tilde + 1);
  const features = [...new Set(rhs.split(/[+*]/).map((term) => term.trim()))];
  if (features.some((name) => !/^[A-Za-z.][\w.]*$|^`[^`]+`$/.test(name))) {
    throw new AnalysisError(FN, `formula "${formula}": write the features as "~ a + b" (plain column names)`);
  }
  return features;
}

/**
 * Design probabilities read from the data, as `vlab export --format profiles-csv` writes them: beside each
 * feature `f`, a column `f_probability` holding the probability that a profile shows its level (restrictions make
 * it other than uniform: 6/11 for troops "stationed" in the flagship conjoint). A feature without such a column
 * is left out (freqs then takes it as uniform); a column that differs within a level, or whose levels in the
 * data do not add up to 1 (a level never shown), is refused rather than guessed.
 *
 * @example probabilitiesFromColumns(rows, '~ troops') // { probabilities: { troops: { none: 5/11, stationed: 6/11 } }, columns: ['troops_probability'] }
 */
export function probabilitiesFromColumns(
  rows: readonly Row[] | DataTable,
  formula: string,
): { probabilities: Record<string, Record<string, number>>; columns: string[] } {
  const table = asTable(rows);
  const probabilities: Record<string, Record<string, number>> = {};
  const columns: string[] = [];
  for (const feature of formulaFeatures(formula).map((name) => name.replace(/^`|`$/g, ''))) {
    const name = `${feature}_probability`;
    const levels = table.column(feature);
    const values = table.column(name);
    if (!levels || values?.type !== 'numeric') continue;
    const byLevel = new Map<string, number>();
    for (let i = 0; i < table.length; i++) {
      const level = labelAt(levels, i);
      const value = values.values[i]!;
      if (level === null || Number.isNaN(value)) continue;
      const seen = byLevel.get(level);
      if (seen !== undefined && seen !== value) {
        throw new AnalysisError(FN, `${name} differs between rows of level "${level}" (${seen}, ${value}): give the design probabilities with --probabilities FILE`);
      }
      byLevel.set(level, value);
    }
    const sum = [...byLevel.values()].reduce((a, b) => a + b, 0);
    if (byLevel.size > 0 && Math.abs(sum - 1) > 1e-6) {
      throw new AnalysisError(FN, `the levels of "${feature}" in the data carry probability ${Number(sum.toPrecision(6))} in ${name}, not 1: a level of the design never shown? Give every level's probability with --probabilities FILE`);
    }
    probabilities[feature] = Object.fromEntries([...byLevel].sort(([a], [b]) => compareCodePoints(a, b)));
    columns.push(name);
  }
  return { probabilities, columns };
}

function labelAt(column: Column, i: number): string | null {
  if (column.type === 'character') return column.codes[i]! < 0 ? null : column.labels[column.codes[i]!]!;
  return Number.isNaN(column.values[i]!) ? null : String(column.values[i]);
}

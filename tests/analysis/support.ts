// Shared by the analysis tests: R's numbers pasted from R output, compared at the reference README's tolerance.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { rowsFromCsv, type Row, type TidyRow } from '../../analysis/index.ts';

// tests/reference/differential reads the PRNG from here.
export { seededRandom } from '../../support/seeded-random.ts';

/**
 * The reference cases the repo carries (tests/reference/cases: R's expected values and their data; README there).
 * Big data files are stored gzipped (`taxes.csv.gz`); the readers below accept the name with or without `.gz`.
 */
export const referenceFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../reference/cases');

/** The text of a reference file, inflating `file.gz` when only that is stored. */
export function referenceText(file: string): string {
  const path = join(referenceFolder, file);
  if (file.endsWith('.gz')) return gunzipSync(readFileSync(path)).toString('utf8');
  if (!existsSync(path) && existsSync(`${path}.gz`)) return gunzipSync(readFileSync(`${path}.gz`)).toString('utf8');
  return readFileSync(path, 'utf8');
}

const cache = new Map<string, Row[]>();
/** A data file of the reference folder (mtcars.csv, alliance_violators.csv, taxes.csv, ...) as rows. */
export function referenceRows(file: string): Row[] {
  let rows = cache.get(file);
  if (!rows) cache.set(file, (rows = rowsFromCsv(referenceText(file))));
  return rows;
}

/** [term, estimate, std_error, statistic, p_value, conf_low, conf_high, df] as R printed them; null = NA. */
export type RRow = [string, ...(number | null)[]];

export function assertMatchesR(actual: TidyRow[], expected: RRow[], what: string): void {
  assert.deepEqual(actual.map((row) => row.term), expected.map((row) => row[0]), `${what}: terms`);
  const columns = ['estimate', 'std_error', 'statistic', 'p_value', 'conf_low', 'conf_high', 'df'] as const;
  expected.forEach(([term, ...numbers], k) => {
    columns.forEach((column, c) => {
      const want = numbers[c];
      const got = actual[k][column];
      if (want === undefined) return;
      if (want === null) {
        assert.equal(got, null, `${what}: ${term} ${column} should be NA`);
        return;
      }
      assert.ok(got !== null, `${what}: ${term} ${column} is NA, expected ${want}`);
      const tolerance = Math.max(1e-6 * Math.abs(want), column === 'p_value' ? 1e-15 : 1e-10);
      assert.ok(Math.abs(got - want) <= tolerance, `${what}: ${term} ${column} got ${got}, expected ${want}`);
    });
  });
}

/**
 * The reference README's tolerance, for one number against R's: relative 1e-6 (absolute 1e-10 near zero);
 * p-values relative 1e-6 where R's p > 1e-15, else absolute 1e-15.
 */
export function assertCloseToR(actual: number | null, expected: number, what: string, isP = false): void {
  assert.ok(actual !== null && Number.isFinite(actual), `${what}: got ${actual}, expected ${expected}`);
  const diff = Math.abs(actual - expected);
  if (isP && expected <= 1e-15) {
    assert.ok(diff <= 1e-15, `${what}: got ${actual}, expected ${expected}`);
    return;
  }
  const ok = diff <= 1e-6 * Math.abs(expected) || (!isP && Math.abs(expected) < 1e-10 && diff <= 1e-10);
  assert.ok(ok, `${what}: got ${actual}, expected ${expected} (relative error ${(diff / Math.abs(expected)).toExponential(2)})`);
}

/** [term, estimate, std_error, df] as R printed them. */
export type EstimateSeDf = [term: string, estimate: number, se: number, df: number];

/** The fit's terms in R's order, and each term's estimate, SE and df at assertCloseToR's tolerance. */
export function assertEstimateSeDfAsR(rows: readonly TidyRow[], want: readonly EstimateSeDf[], what?: string): void {
  const at = what === undefined ? '' : `${what}: `;
  assert.deepEqual(rows.map((row) => row.term), want.map(([term]) => term), `${at}terms`);
  want.forEach(([term, estimate, se, df], k) => {
    assertCloseToR(rows[k]!.estimate, estimate, `${at}${term} estimate`);
    assertCloseToR(rows[k]!.std_error, se, `${at}${term} SE`);
    assertCloseToR(rows[k]!.df, df, `${at}${term} df`);
  });
}

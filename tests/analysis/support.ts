// Shared by the analysis tests: R's numbers pasted from R output, compared at the reference README's tolerance.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rowsFromCsv, type Row, type TidyRow } from '../../analysis/index.ts';

/** Mulberry32: a small seeded PRNG, so tests and benchmarks fit the same data on every run and machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/**
 * <repo>/../shared/reference, or $VLAB_SHARED: the shared folder (holding reference/) or the reference folder
 * itself.
 */
export const referenceFolder = ((): string => {
  const shared = process.env.VLAB_SHARED;
  if (!shared) return join(repo, '..', 'shared', 'reference');
  return existsSync(join(shared, 'manifest.json')) ? shared : join(shared, 'reference');
})();

const cache = new Map<string, Row[]>();
/** A data file of the shared reference folder (mtcars.csv, alliance_violators.csv, ...). */
export function referenceRows(file: string): Row[] {
  let rows = cache.get(file);
  if (!rows) cache.set(file, (rows = rowsFromCsv(readFileSync(join(referenceFolder, file), 'utf8'))));
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

// Runs every case of the shared R reference manifest (R 4.2.2, estimatr 1.0.0, survey 4.1-1) and compares
// every number with the README's tolerance. The folder is <repo>/../shared/reference, or $VLAB_SHARED (the
// shared folder or the reference folder itself). A missing folder fails the run: these cases are the proof that
// the estimators equal R, so they are never skipped.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { differenceInMeans, lmRobust, pAdjust, rake, rowsFromCsv, type Row, type SeType, type TidyRow } from '../../analysis/index.ts';
import { referenceFolder } from '../analysis/support.ts';

const folder = referenceFolder;

interface Case {
  id: string;
  kind: 'lm_robust' | 'difference_in_means' | 'rake' | 'p_adjust';
  expected: string;
  data?: string;
  formula?: string;
  se_type?: SeType;
  clusters?: string;
  weights?: string;
  outcome?: string;
  treatment?: string;
  blocks?: string;
  margins?: string;
  levels?: Record<string, string[]>;
}

const csvCache = new Map<string, Row[]>();
function readRows(file: string): Row[] {
  let rows = csvCache.get(file);
  if (!rows) {
    rows = rowsFromCsv(readFileSync(join(folder, file), 'utf8'));
    csvCache.set(file, rows);
  }
  return rows;
}

/** The README's tolerance: relative 1e-6 (absolute 1e-10 near zero); p-values absolute 1e-15 below 1e-15. */
function assertClose(actual: number | null, expected: number, what: string, isP = false): void {
  assert.ok(actual !== null && Number.isFinite(actual), `${what}: got ${actual}, expected ${expected}`);
  const diff = Math.abs(actual - expected);
  if (isP && expected <= 1e-15) {
    assert.ok(diff <= 1e-15, `${what}: got ${actual}, expected ${expected}`);
    return;
  }
  const ok = diff <= 1e-6 * Math.abs(expected) || (!isP && Math.abs(expected) < 1e-10 && diff <= 1e-10);
  assert.ok(ok, `${what}: got ${actual}, expected ${expected} (relative error ${(diff / Math.abs(expected)).toExponential(2)})`);
}

const NUMBER_COLUMNS = ['estimate', 'std_error', 'statistic', 'p_value', 'conf_low', 'conf_high', 'df'] as const;

function compareTidy(id: string, actual: TidyRow[], expectedRows: Row[]): number {
  let compared = 0;
  assert.deepEqual(actual.map((r) => r.term), expectedRows.map((r) => String(r.term)), `${id}: terms`);
  expectedRows.forEach((expected, k) => {
    const got = actual[k];
    assert.equal(got.outcome, expected.outcome ?? got.outcome, `${id}: outcome of ${got.term}`);
    for (const column of NUMBER_COLUMNS) {
      if (!(column in expected)) {
        // survey::svyglm (cregg) reports no df: normal theory.
        assert.equal(got[column], null, `${id}: ${got.term} ${column} should be absent`);
        continue;
      }
      const value = expected[column];
      if (value === 'NA' || value === '' || value === null) {
        assert.equal(got[column], null, `${id}: ${got.term} ${column} should be NA`);
      } else {
        assertClose(got[column], Number(value), `${id}: ${got.term} ${column}`, column === 'p_value');
      }
      compared++;
    }
  });
  return compared;
}

test('the shared reference folder is present', () => {
  assert.ok(existsSync(join(folder, 'manifest.json')), `reference cases not found at ${folder} (set VLAB_SHARED to the shared folder)`);
});

const manifest: { cases: Case[] } = existsSync(join(folder, 'manifest.json'))
  ? JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'))
  : { cases: [] };

test('the manifest holds the 19 cases', () => {
  assert.equal(manifest.cases.length, 19);
});

for (const c of manifest.cases) {
  test(`reference case ${c.id} (${c.kind})`, () => {
    const expected = readRows(c.expected);
    let compared = 0;
    if (c.kind === 'lm_robust') {
      const result = lmRobust({
        formula: c.formula as string,
        rows: readRows(c.data as string),
        levels: c.levels,
        clusters: c.clusters,
        weights: c.weights,
        seType: c.se_type,
      });
      compared = compareTidy(c.id, result.estimates, expected);
    } else if (c.kind === 'difference_in_means') {
      const result = differenceInMeans({
        rows: readRows(c.data as string),
        outcome: c.outcome as string,
        treatment: c.treatment as string,
        blocks: c.blocks,
        clusters: c.clusters,
      });
      compared = compareTidy(c.id, result.estimates, expected);
    } else if (c.kind === 'rake') {
      const rows = readRows(c.data as string);
      const margins = JSON.parse(readFileSync(join(folder, c.margins as string), 'utf8'));
      const { weights } = rake({ rows, margins });
      assert.equal(weights.length, expected.length);
      expected.forEach((row, i) => {
        assert.equal(rows[i].respondent_id, row.respondent_id);
        assertClose(weights[i], Number(row.weight), `${c.id}: weight of ${row.respondent_id}`);
        compared++;
      });
    } else {
      const raw = expected.map((row) => Number(row.p));
      const methods = [['holm', 'holm'], ['BH', 'bh'], ['bonferroni', 'bonferroni']] as const;
      for (const [method, column] of methods) {
        const adjusted = pAdjust(raw, method);
        expected.forEach((row, i) => {
          assertClose(adjusted[i], Number(row[column]), `${c.id}: ${method} for ${row.measure}`, true);
          compared++;
        });
      }
    }
    assert.ok(compared >= expected.length, `${c.id}: compared ${compared} numbers`);
  });
}

// The path trial: random analysis plans (moderators, extra controls, stacked and blocked hypotheses, exclusions,
// raking, p.adjust families and methods, se types) over simulated waves of the shipped studies, run as `vlab
// estimates` runs them (executePlan) and compared with the replication package's replicate.R run in R (estimatr
// 1.0.x, survey, p.adjust), stored in path-trial/expected.json.gz by path-trial/write-expected.ts. Seeds
// 1…PATH_TRIAL_SEEDS (random-plans.ts); each case's data come from simulateWave with seed "path-trial-<seed>".
// Tolerance: the reference README's (relative 1e-6, absolute 1e-10 near zero; p relative down to 1e-15).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { assertCloseToR } from '../analysis/support.ts';
import { pathPackage } from './path-trial/package-files.ts';
import { pathCase, PATH_TRIAL_SEEDS } from './path-trial/random-plans.ts';

const here = dirname(fileURLToPath(import.meta.url));
type RRow = Record<string, string | number | null>;
const expected: Record<string, { study: string; input_hash: string; estimates: RRow[] }> = JSON.parse(
  gunzipSync(readFileSync(join(here, 'path-trial/expected.json.gz'))).toString('utf8'),
);
const NUMBERS = ['estimate', 'std_error', 'statistic', 'p_value', 'conf_low', 'conf_high', 'df', 'p_adjusted'] as const;
const missing = (x: unknown) => x === null || x === undefined || x === '' || x === 'NA' || (typeof x === 'number' && Number.isNaN(x));

for (let seed = 1; seed <= PATH_TRIAL_SEEDS; seed++) {
  const c = pathCase(seed);
  test(`path trial seed ${seed}: ${c.study}, ${c.target} simulated completes — executePlan equals replicate.R`, () => {
    const stored = expected[seed];
    assert.ok(stored, `seed ${seed}: no stored R output; run path-trial/write-expected.ts`);
    const pkg = pathPackage(c);
    assert.equal(pkg.inputHash, stored.input_hash, `seed ${seed}: plan or simulated data changed; run path-trial/write-expected.ts`);
    const key = (row: Record<string, unknown>) => `${row.hypothesis} ${row.outcome} ${row.term}`;
    const ours = new Map(pkg.result.estimates.map((row) => [key(row as unknown as Record<string, unknown>), row as unknown as Record<string, unknown>]));
    assert.deepEqual([...ours.keys()].sort(), stored.estimates.map(key).sort(), `seed ${seed}: the same hypotheses, outcomes and terms`);
    for (const r of stored.estimates) {
      const row = ours.get(key(r))!;
      for (const column of NUMBERS) {
        const what = `seed ${seed} ${key(r)} ${column}`;
        if (missing(r[column])) assert.ok(missing(row[column]), `${what}: got ${row[column]}, R has NA`);
        else assertCloseToR(row[column] as number | null, Number(r[column]), what, column === 'p_value' || column === 'p_adjusted');
      }
    }
  });
}

// The path trial's CSV half: `vlab fit` and `vlab dim`, run as a user runs them (the built command), on CSV files
// as spreadsheets and other programs write them (random-csvs.ts: byte-order mark, CRLF, quoted headers with
// spaces and values, "NA"/empty/blank cells, TRUE/FALSE, accented labels), against estimatr on read.csv's reading
// of the same file (path-trial/cli.R, stored in path-trial/cli-expected.json.gz). Seeds 1…CSV_TRIAL_SEEDS.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { assertCloseToR } from '../analysis/support.ts';
import { csvCase, CSV_TRIAL_SEEDS, LABELS } from './path-trial/random-csvs.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'vlab-path-trial-cli-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
type Column = (number | string | null)[];
const expected: Record<string, Record<string, Column>> = JSON.parse(gunzipSync(readFileSync(join(here, 'path-trial/cli-expected.json.gz'))).toString('utf8'));
const levels = join(scratch, 'levels.json');
writeFileSync(levels, JSON.stringify({ 'regime type': LABELS }));
const NUMBERS = ['estimate', 'std_error', 'statistic', 'p_value', 'conf_low', 'conf_high', 'df'] as const;

for (let seed = 1; seed <= CSV_TRIAL_SEEDS; seed++) {
  const c = csvCase(seed);
  test(`path trial CSV seed ${seed}: vlab ${c.verb} ${c.args.join(' ')} equals estimatr on read.csv's reading`, () => {
    const file = join(scratch, `${seed}.csv`);
    writeFileSync(file, c.csv);
    const run = spawnSync(process.execPath, [join(repo, 'bin/vlab.js'), c.verb, '--data', file, ...c.args, '--levels', levels, '--format', 'json'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const rows: Record<string, unknown>[] = JSON.parse(run.stdout).estimates;
    const r = expected[seed]!;
    assert.deepEqual(rows.map((row) => row.term), r.term, `seed ${seed}: terms`);
    rows.forEach((row, i) => {
      for (const column of NUMBERS) {
        const what = `seed ${seed} ${row.term} ${column}`;
        const value = r[column]![i];
        if (value === null || value === 'NA') assert.ok(row[column] === null, `${what}: got ${row[column]}, R has NA`);
        else assertCloseToR(row[column] as number | null, Number(value), what, column === 'p_value');
      }
    });
  });
}

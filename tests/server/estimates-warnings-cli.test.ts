// `vlab estimates` and a fit that warns (lm_robust's leverage-1 rows under HC2): the warning line had no test of its
// own, and the table a researcher reads in the terminal never showed it (it went to stderr only, after the table).
// Until 2026-12-04 the CSV (`--out estimates.csv`, the API's download, the replication package) carried no trace of
// it either: a researcher who kept only the file lost it with the terminal (newcomer pass).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rowsFromCsv } from '../../analysis/index.ts';
import { after, before, test } from 'node:test';
import { createStudyService } from '../../server/services/study-service.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { openStore } from '../../server/storage/open-store.ts';
import { seedAllianceWave } from './estimates-support.ts';
import { alliance, withLoneWeakCapability } from './plan-support.ts';
import { createTestLocation } from './test-app.ts';

// A SQLite file, or a PostgreSQL database under VLAB_TEST_ENGINE=postgres.
const { location: dbPath, remove } = await createTestLocation();
let waveId = '';
after(remove);

before(async () => {
  const store = await openStore(dbPath);
  const studies = createStudyService({ store });
  await studies.syncDefinitions(loadDefinitionFiles('survey-definitions'));
  waveId = (await studies.createWave({ studyKey: alliance.id, target: 1502, seed: 'warned' })).wave.id;
  await seedAllianceWave(store, alliance, waveId, '', withLoneWeakCapability);
  await store.close();
});

const estimates = (...args: string[]) => spawnSync(process.execPath, ['bin/vlab.js', 'estimates', `--wave=${waveId}`, '--db', dbPath, ...args], { encoding: 'utf8' });
const H3_OUTCOMES = ['economic_sanctions', 'reduce_military_aid', 'suspend_military_support'];
const LEVERAGE = /1 row has leverage 1 \(the only observation of a factor level or cell, or N = rank\)/;

test('csv and json: one stderr warning line per warned fit, named by hypothesis and outcome, after the estimates', () => {
  for (const format of ['csv', 'json']) {
    const run = estimates('--format', format);
    assert.equal(run.status, 0, run.stderr);
    // The lone respondent is also an arm of one: that problem has its line too (csv carries none).
    const lines = run.stderr.trimEnd().split('\n').filter((line) => line.includes(': warning: '));
    assert.deepEqual(lines.map((line) => line.replace(/: warning: .*/, '')), H3_OUTCOMES.map((o) => `vlab estimates: H3 (${o})`), format);
    for (const line of lines) assert.match(line, /: warning: 1 row has leverage 1 /);
  }
  assert.equal((JSON.parse(estimates('--format', 'json').stdout) as { warnings: unknown[] }).warnings.length, 3);
});

test('csv: a warnings column carries each fit\'s warnings on every row of that fit, empty on the rows of a fit without any', () => {
  const run = estimates('--format', 'csv');
  assert.equal(run.status, 0, run.stderr);
  const rows = rowsFromCsv(run.stdout);
  assert.equal(Object.keys(rows[0]!).at(-1), 'warnings');
  const warned = rows.filter((r) => r.hypothesis === 'H3');
  assert.deepEqual([...new Set(warned.map((r) => r.outcome))], H3_OUTCOMES);
  for (const row of warned) assert.match(String(row.warnings), new RegExp(`^lmRobust: ${LEVERAGE.source}`), `${row.outcome} ${row.term}`);
  const others = rows.filter((r) => r.hypothesis !== 'H3');
  assert.ok(others.length > 0 && others.every((r) => r.warnings === null || r.warnings === ''), 'the other fits gave no warning');
});

test('the table shows each warning under its outcome, wrapped to 100 columns, and stderr stays empty', () => {
  const run = estimates();
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, '', 'the table says it itself, once');
  for (const outcome of H3_OUTCOMES) {
    const block = run.stdout.split(`H3 · ${outcome} · `)[1]!.split('\n\n')[0]!;
    assert.match(block.replace(/\n\s+/g, ' '), new RegExp(`warning: ${LEVERAGE.source}`));
  }
  assert.deepEqual(run.stdout.split('\n').filter((line) => line.length > 100), [], 'fits a terminal of 100 columns');
  const wide = estimates('--wide');
  assert.equal(wide.status, 0, wide.stderr);
  assert.match(wide.stdout, new RegExp(`\\nwarning, H3 \\(economic_sanctions\\): ${LEVERAGE.source}`));
});

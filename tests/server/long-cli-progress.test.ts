// `vlab estimates` and `vlab replication` on a terminal: a bar of the completes read, then one of the plan's
// outcomes fitted, then (replication) one of the data file's rows written. Before 2026-12-04 both said nothing until they had finished (4 s at 20,000 completes, most of a
// minute at 200,000; noticed by the newcomer pass). In a pipe or a log they print no bar, as `vlab export`.
// The terminal is util-linux's `script` (Debian's bsdutils, always installed), which gives the command a pty.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { planFitCount } from '../../server/services/conjoint-estimates.ts';
import { createStudyService } from '../../server/services/study-service.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { openStore } from '../../server/storage/open-store.ts';
import { seedAllianceWave } from './estimates-support.ts';
import { alliance } from './plan-support.ts';
import { createTestLocation } from './test-app.ts';

const { location: dbPath, remove } = await createTestLocation();
const folder = mkdtempSync(join(tmpdir(), 'vlab-progress-'));
let waveId = '';
let completes = 0;
after(async () => {
  rmSync(folder, { recursive: true, force: true });
  await remove();
});

before(async () => {
  const store = await openStore(dbPath);
  const studies = createStudyService({ store });
  await studies.syncDefinitions(loadDefinitionFiles('survey-definitions'));
  waveId = (await studies.createWave({ studyKey: alliance.id, target: 1502, seed: 'bars' })).wave.id;
  completes = (await seedAllianceWave(store, alliance, waveId)).length;
  await store.close();
});

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
/** What a terminal shows of a vlab command: its output through a pty, the bars' redraws as lines, colours gone. */
function onTerminal(args: string[]): { status: number | null; text: string } {
  const command = ['node', 'bin/vlab.js', ...args].map(quote).join(' ');
  const run = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8' });
  // eslint-disable-next-line no-control-regex
  return { status: run.status, text: run.stdout.replace(/\r/g, '\n').replace(/\u001b(\[[0-9;?]*[a-zA-Z]|[78])/g, '') };
}

for (const verb of ['estimates', 'replication'] as const) {
  test(`vlab ${verb} on a terminal: the completes read, then the outcomes fitted, each to the end`, () => {
    const out = join(folder, `${verb}-tty`);
    const args = verb === 'estimates' ? ['--format', 'csv', '--out', `${out}.csv`] : ['--out', out];
    const run = onTerminal([verb, `--wave=${waveId}`, '--db', dbPath, ...args]);
    assert.equal(run.status, 0, run.text);
    const fits = planFitCount(alliance);
    assert.ok(fits > 1 && completes > 1000, `${fits} fits, ${completes} completes`);
    const read = run.text.indexOf(`${verb}: completes read [`);
    const readEnd = run.text.indexOf(`] ${completes}/${completes} 100%`);
    const fitted = run.text.indexOf(`] ${fits}/${fits} 100%`);
    assert.ok(read >= 0 && readEnd > read, `a bar of ${completes} completes read:\n${run.text.slice(0, 400)}`);
    assert.ok(run.text.indexOf(`${verb}: outcomes fitted [`) > readEnd && fitted > readEnd, `then a bar of ${fits} outcomes fitted:\n${run.text.slice(-800)}`);
    if (verb !== 'replication') return;
    // Then the package's writing (the data file's rows, most of it): about 4 of 8.5 s at 20,000 completes, silent
    // until the newcomer pass 14.
    const written = run.text.indexOf('replication: data rows written [');
    assert.ok(written > fitted && run.text.lastIndexOf(`] ${completes}/${completes} 100%`) > written, `then a bar of ${completes} data rows written:\n${run.text.slice(-800)}`);
  });

  test(`vlab ${verb} in a pipe: no bar`, () => {
    const out = join(folder, `${verb}-pipe`);
    const args = verb === 'estimates' ? ['--format', 'csv', '--out', `${out}.csv`] : ['--out', out];
    const run = spawnSync(process.execPath, ['bin/vlab.js', verb, `--wave=${waveId}`, '--db', dbPath, ...args], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /completes read|outcomes fitted|rows written/);
  });
}

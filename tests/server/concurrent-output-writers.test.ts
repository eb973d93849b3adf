// Attacker pass 13 (2026-12-04): every writer of one `--out F` used the same `F.partial`. Two runs at once (a cron
// job and a researcher, two shells) then shared it: the second unlinked the first's partial and made its own, the
// first kept writing into the unlinked file and then renamed the second's unfinished file into place as F — a
// truncated export under its final name, or the second run failing with ENOENT at its own rename. Each writer now
// has its own partial name (`F.partial-<pid>-<random>`); the last rename wins, and whichever wins is whole.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, test } from 'node:test';
import { writeFileWhole } from '../../server/storage/output-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'vlab-concurrent-out-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const ROWS = 300;

function writer(target: string, who: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/server/slow-output-writer.ts', target, who, String(ROWS)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return once(child, 'exit').then(([code]) => ({ code: code as number | null, stderr }));
}

test('two processes writing one --out at once each finish, and the file left is one of them, whole', async () => {
  const target = join(dir, 'export.csv');
  const [a, b] = await Promise.all([writer(target, 'a'), writer(target, 'b')]);
  assert.deepEqual([a.code, b.code], [0, 0], `${a.stderr}\n${b.stderr}`);
  const text = readFileSync(target, 'utf8');
  const who = text.slice(0, 1);
  const whole = Array.from({ length: ROWS }, (_, i) => `${who},${i}\n`).join('');
  assert.equal(text, whole, 'the file is one writer\'s output, every row of it');
  assert.equal(statSync(target).mode & 0o777, 0o600);
  assert.deepEqual(readdirSync(dir), ['export.csv'], 'no partial file left');
});

test('a partial file of a writer that died (kill -9) is removed by the next writer; a live writer\'s is left alone', async () => {
  const folder = mkdtempSync(join(dir, 'stale-'));
  const target = join(folder, 'wave.csv');
  const dead = `${target}.partial-2147483646-0123456789ab`; // no process has this id (above pid_max)
  const live = `${target}.partial-${process.pid}-ba9876543210`; // this test's own process: alive
  writeFileSync(dead, 'half an export\n', { mode: 0o644 });
  writeFileSync(live, 'being written\n', { mode: 0o600 });
  await writeFileWhole(target, Readable.from(['participant\n']));
  assert.equal(existsSync(dead), false, 'the dead writer\'s partial (every panel ID it had written) is gone');
  assert.equal(readFileSync(live, 'utf8'), 'being written\n');
  assert.equal(readFileSync(target, 'utf8'), 'participant\n');
});

// Attacker pass 35 (pass 34's leftover): a kill -9'd run's partial whose pid another process took since (a container
// restarted, its pids counting from 1 again; pid_max is 32,768 on the test machine) looked alive and stayed, every
// panel ID in it, for good. A process that started after the partial last changed is not its writer.
test('a partial whose pid a later process took is removed: that process started after the partial last changed', async () => {
  const folder = mkdtempSync(join(dir, 'reused-'));
  const target = join(folder, 'k.zip');
  const other = spawn('sleep', ['60'], { stdio: 'ignore' }); // holds the pid now, started after the kill
  try {
    const stale = `${target}.partial-${other.pid}-0123456789ab`;
    writeFileSync(stale, 'half a package\n', { mode: 0o600 });
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(stale, hourAgo, hourAgo); // last written an hour before the pid's holder started
    await writeFileWhole(target, Readable.from(['package\n']));
    assert.equal(existsSync(stale), false, 'the killed run\'s partial is gone');
    assert.equal(readFileSync(target, 'utf8'), 'package\n');
  } finally {
    other.kill();
  }
});

// Attacker pass 16: the next run removed what a kill -9 left without a word, so a researcher who had seen
// `wave.csv.partial-…` (or a hidden `.vlab-package.partial-…` in a package folder) could not tell where it went.
test('the CLI says which partial file of a killed run it removed', () => {
  const folder = mkdtempSync(join(dir, 'said-'));
  const db = join(folder, 'vlab.sqlite');
  const created = spawnSync(process.execPath, ['bin/vlab.js', 'wave', 'create', '--study', 'bus-line-funding', '--target', '10', '--db', db, '--json'], { encoding: 'utf8' });
  assert.equal(created.status, 0, created.stderr);
  const wave = (JSON.parse(created.stdout) as { id: string }).id;
  const target = join(folder, 'wave.csv');
  const dead = `${target}.partial-2147483646-0123456789ab`;
  writeFileSync(dead, 'half an export\n', { mode: 0o600 });
  const run = spawnSync(process.execPath, ['bin/vlab.js', 'export', '--wave', wave, '--db', db, '--out', target], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stderr, new RegExp(`^vlab export: removed ${dead.replace(/[.]/g, '\\.')}, left by an earlier run that was stopped \\(process 2147483646 is gone\\)\n`));
  assert.equal(existsSync(dead), false);
});

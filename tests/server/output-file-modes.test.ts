// What `vlab … --out` writes holds panel IDs (an export's rows, a replication package's data.csv) or participant
// codes (`vlab simulate --ack-log`): owner-only (0600) whatever the umask, as the database and `vlab db backup`'s
// copy are, and a replication folder the command creates is 0700. Before (attacker pass 11): 0644 under umask 022,
// every panel ID readable by any user of the machine; a stale 0644 `F.partial` left by a kill -9 kept its mode.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const dir = mkdtempSync(join(tmpdir(), 'vlab-output-modes-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'modes.sqlite');
const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

/** Runs vlab under umask 022, the usual default, so a file left to the umask would be 0644. */
function vlab(args: string[]) {
  const run = spawnSync('/bin/sh', ['-c', 'umask 022 && exec "$0" "$@"', process.execPath, 'bin/vlab.js', ...args, '--db', db], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run;
}

const wave = (JSON.parse(vlab(['wave', 'create', '--study', 'bus-line-funding', '--target', '10', '--json']).stdout) as { id: string }).id;

test('vlab export --out writes its file 0600, also over a stale 0644 partial file and an existing 0644 file', () => {
  const fresh = join(dir, 'fresh.csv');
  vlab(['export', '--wave', wave, '--status', 'all', '--out', fresh]);
  const stale = join(dir, 'stale.csv');
  writeFileSync(`${stale}.partial`, 'left by a kill -9\n', { mode: 0o644 });
  writeFileSync(stale, 'an earlier export\n', { mode: 0o644 });
  vlab(['export', '--wave', wave, '--format', 'json', '--out', stale]);
  assert.deepEqual({ fresh: mode(fresh), stale: mode(stale) }, { fresh: '600', stale: '600' });
});

test('vlab replication --out writes a zip 0600, and a folder it creates 0700 with its files 0600', () => {
  const zip = join(dir, 'package.zip');
  vlab(['replication', '--wave', wave, '--out', zip]);
  const folder = join(dir, 'package');
  vlab(['replication', '--wave', wave, '--out', folder]);
  assert.deepEqual(
    { zip: mode(zip), folder: mode(folder), data: mode(join(folder, 'data.csv')), script: mode(join(folder, 'replicate.R')) },
    { zip: '600', folder: '700', data: '600', script: '600' },
  );
});

test('vlab estimates --out writes its file 0600', () => {
  const out = join(dir, 'estimates.csv');
  vlab(['estimates', '--wave', wave, '--format', 'csv', '--out', out]);
  assert.equal(mode(out), '600');
});

// Attacker pass 14 (2026-12-04): `vlab replication --out FOLDER` wrote its files one by one into the folder itself,
// after checking it was empty, and removed every one of its file names when it failed. Two runs racing past the
// "not empty" check (a cron job and a researcher) then wrote into one folder: the package mixed files of both (a
// data.csv from one snapshot of a filling wave, estimates.csv from another, so replicate.R reports a mismatch), and a
// run that failed late deleted the files the other had completed. Each writer now fills a fresh owner-only folder of
// its own beside the target and renames it into place at the end; a target that is no longer empty is refused.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, test } from 'node:test';
import { writeFolderWhole } from '../../server/storage/output-folder.ts';

const dir = mkdtempSync(join(tmpdir(), 'vlab-concurrent-folder-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const FILES = ['codebook.csv', 'data.csv', 'estimates.csv'];

/** Two writers of `folder`, let go together once both have found it empty: the race two shells or a cron job run. */
async function racingWriters(folder: string, ...writers: { who: string; rows: number; mode?: string }[]) {
  const children = writers.map(({ who, rows, mode }) =>
    spawn(process.execPath, ['--import', 'tsx', 'tests/server/slow-folder-writer.ts', folder, who, String(rows), mode ?? 'ok'], { stdio: ['pipe', 'pipe', 'pipe'] }),
  );
  const results = children.map((child) => {
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return once(child, 'exit').then(([code]) => ({ code: code as number | null, stderr }));
  });
  await Promise.all(children.map((child) => once(child.stdout, 'data')));
  for (const child of children) child.stdin.end('go\n');
  return Promise.all(results);
}

/** Asserts `folder` holds the three files, all whole and all written by `who`. */
function assertWholeFrom(folder: string, who: string, rows: number): void {
  assert.deepEqual(readdirSync(folder).sort(), FILES);
  const whole = Array.from({ length: rows }, (_, i) => `${who},${i}\n`).join('');
  for (const name of FILES) assert.equal(readFileSync(join(folder, name), 'utf8'), whole, `${name} is ${who}'s, whole`);
}

test('two writers of one new package folder at once: one writes the whole package, the other is refused (not empty)', async () => {
  const folder = join(dir, 'pkg');
  const [a, b] = await racingWriters(folder, { who: 'a', rows: 150 }, { who: 'b', rows: 150 });
  assert.deepEqual([a.code, b.code].sort(), [0, 3], `${a.stderr}\n${b.stderr}`);
  assertWholeFrom(folder, a.code === 0 ? 'a' : 'b', 150);
  assert.equal(statSync(folder).mode & 0o777, 0o700, 'the package holds panel IDs: the owner\'s alone');
  assert.deepEqual(readdirSync(dir), ['pkg'], 'no partial folder left beside it');
});

test('two writers of one empty folder the researcher made: the first to finish fills it, the other is refused (not empty)', async () => {
  const folder = join(dir, 'made');
  mkdirSync(folder);
  const [a, b] = await racingWriters(folder, { who: 'a', rows: 150 }, { who: 'b', rows: 150 });
  assert.deepEqual([a.code, b.code].sort(), [0, 3], `${a.stderr}\n${b.stderr}`);
  assertWholeFrom(folder, a.code === 0 ? 'a' : 'b', 150);
});

test('a writer that fails late leaves the other writer\'s finished package alone', async () => {
  const folder = join(dir, 'shared');
  mkdirSync(folder); // an empty folder the researcher made, given to both
  const [ok, failing] = await racingWriters(folder, { who: 'a', rows: 100 }, { who: 'b', rows: 250, mode: 'fail' });
  assert.equal(ok.code, 0, ok.stderr);
  assert.notEqual(failing.code, 0);
  assertWholeFrom(folder, 'a', 100);
  assert.deepEqual(readdirSync(dir).filter((n) => n.startsWith('shared')), ['shared']);
});

test('a package folder a kill -9 left beside the target is removed by the next writer; a live writer\'s is left alone', async () => {
  const parent = mkdtempSync(join(dir, 'stale-'));
  const folder = join(parent, 'pkg');
  const dead = `${folder}.partial-2147483646-0123456789ab`; // no process has this id (above pid_max)
  const live = `${folder}.partial-${process.pid}-ba9876543210`;
  for (const left of [dead, live]) {
    mkdirSync(left, { mode: 0o700 });
    writeFileSync(join(left, 'data.csv'), 'panel ids\n');
  }
  await writeFolderWhole(folder, [{ name: 'data.csv', stream: () => Readable.from(['participant\n']) }]);
  assert.equal(existsSync(dead), false, 'the dead writer\'s folder (its panel IDs) is gone');
  assert.equal(readFileSync(join(live, 'data.csv'), 'utf8'), 'panel ids\n');
  assert.equal(readFileSync(join(folder, 'data.csv'), 'utf8'), 'participant\n');
});

test('an empty folder given as the target stays that folder (its inode and mode: a lab\'s shared setgid folder, a mounted stick)', async () => {
  const folder = join(mkdtempSync(join(dir, 'given-')), 'lab-share');
  mkdirSync(folder);
  chmodSync(folder, 0o2770);
  const before = statSync(folder);
  await writeFolderWhole(folder, [
    { name: 'data.csv', stream: () => Readable.from(['participant\n']) },
    { name: 'codebook.json', stream: () => Readable.from(['{}\n']) },
  ]);
  const after = statSync(folder);
  assert.equal(after.ino, before.ino, 'the same folder, not a new one renamed over it');
  assert.equal(after.mode & 0o7777, 0o2770);
  assert.deepEqual(readdirSync(folder).sort(), ['codebook.json', 'data.csv']);
  assert.equal(statSync(join(folder, 'data.csv')).mode & 0o777, 0o600);
});

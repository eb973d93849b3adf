// An output file (`vlab export|estimates|replication --out F`) is whole or absent: the attacker trial of
// 2026-12-04 found a Ctrl-C mid-export left `F.partial` behind, a full disk under `vlab replication --out F.zip`
// left a truncated zip under its final name, and `--out /dev/stdout` run as root replaced the device link with a
// regular file (written beside it as `/dev/stdout.partial`, then renamed over it).
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Readable } from 'node:stream';
import { after, test } from 'node:test';
import { writeFileWhole } from '../../server/storage/output-files.ts';
import { writeFolderWhole } from '../../server/storage/output-folder.ts';

const dir = mkdtempSync(join(tmpdir(), 'vlab-output-files-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function vlab(args: string[]) {
  return spawnSync(process.execPath, ['bin/vlab.js', ...args], { encoding: 'utf8' });
}

/** Waits until the writer's own partial file of `target` (`target.partial-<pid>-<random>`) has data. */
async function untilWritten(target: string): Promise<void> {
  const folder = join(target, '..');
  const prefix = `${target.slice(folder.length + 1)}.partial-`;
  const written = () => readdirSync(folder).some((name) => name.startsWith(prefix) && statSync(join(folder, name)).size > 0);
  for (let waited = 0; !written(); waited += 20) {
    if (waited > 20_000) throw new Error(`${prefix}* never appeared`);
    await sleep(20);
  }
}

/** The partial files of any name left in `folder`. */
function partialsIn(folder: string): string[] {
  return readdirSync(folder).filter((name) => name.includes('.partial'));
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`${signal} during a write removes the partial file and leaves no file under the final name`, async () => {
    const folder = mkdtempSync(join(dir, `${signal}-`));
    const target = join(folder, 'export.csv');
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/server/endless-output-writer.ts', target], { stdio: 'inherit' });
    await untilWritten(target);
    child.kill(signal);
    const [code, exitSignal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    assert.deepEqual({ code, exitSignal }, { code: null, exitSignal: signal }, 'the process still dies of the signal');
    assert.deepEqual(readdirSync(folder), []);
  });
}

/**
 * Waits until the writer's own partial folder inside the existing `folder` (`.vlab-package.partial-<pid>-<random>`)
 * has a whole first file and data in its second.
 */
async function untilFolderHalfWritten(folder: string): Promise<string> {
  for (let waited = 0; waited <= 20_000; waited += 20) {
    const partial = readdirSync(folder).find((name) => name.startsWith('.vlab-package.partial-'));
    if (partial && existsSync(join(folder, partial, 'codebook.csv'))) {
      const inside = join(folder, partial);
      if (readdirSync(inside).some((name) => name.startsWith('data.csv.partial-') && statSync(join(inside, name)).size > 0)) return inside;
    }
    await sleep(20);
  }
  throw new Error(`${folder}/.vlab-package.partial-* never had data`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`${signal} while a replication folder is written removes its partial folder: the target folder is as it was, empty`, async () => {
    const parent = mkdtempSync(join(dir, `folder-${signal}-`));
    const folder = join(parent, 'package');
    mkdirSync(folder);
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/server/endless-folder-writer.ts', folder], { stdio: 'inherit' });
    const partial = await untilFolderHalfWritten(folder);
    assert.equal(statSync(partial).mode & 0o777, 0o700, 'the partial folder is the owner\'s alone');
    child.kill(signal);
    const [code, exitSignal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    assert.deepEqual({ code, exitSignal }, { code: null, exitSignal: signal });
    assert.deepEqual(readdirSync(folder), [], 'the next run would have refused the folder as not empty');
    assert.deepEqual(readdirSync(parent), ['package'], 'no partial folder left beside it');
  });
}

test('a replication folder whose third file fails (a full disk) keeps none of the set', async () => {
  const folder = mkdtempSync(join(dir, 'folder-failed-'));
  const full = new Readable({ read() { this.destroy(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })); } });
  const files = [
    { name: 'a.csv', stream: () => Readable.from(['a\n']) },
    { name: 'b.csv', stream: () => Readable.from(['b\n']) },
    { name: 'c.csv', stream: () => full },
  ];
  await assert.rejects(writeFolderWhole(folder, files), /ENOSPC/);
  assert.deepEqual(readdirSync(folder), []);
});

// Attacker pass 12 (2026-12-04): the partial file was opened with a plain 'w', following a link already under its
// name. In a shared folder another user could plant `wave.csv.partial -> ~you/notes.txt`: the export overwrote
// notes.txt, and the rename then left wave.csv a link to it. The partial name is now random (attacker pass 13), so
// none can be planted beforehand, and it is created O_EXCL|O_NOFOLLOW; a link under the old name is never followed.
test('a .partial already there as a link (planted in a shared folder) is replaced, never written through', async () => {
  const folder = mkdtempSync(join(dir, 'shared-'));
  const victim = join(folder, 'notes.txt');
  writeFileSync(victim, 'mine\n', { mode: 0o644 });
  const planted = join(folder, 'planted.txt'); // a link to no file yet: following it would create a file there
  for (const [name, target] of [['wave.csv', victim], ['other.csv', planted]] as const) {
    const out = join(folder, name);
    symlinkSync(target, `${out}.partial`);
    await writeFileWhole(out, Readable.from(['participant\n']));
    assert.ok(lstatSync(out).isFile(), `${name} is a regular file, not the planted link`);
    assert.equal(readFileSync(out, 'utf8'), 'participant\n');
    assert.equal(statSync(out).mode & 0o777, 0o600);
  }
  assert.equal(readFileSync(victim, 'utf8'), 'mine\n');
  assert.equal(statSync(victim).mode & 0o777, 0o644);
  assert.equal(existsSync(planted), false);
});

test('a partial file a kill -9 left (a regular file, 0644) does not affect the new owner-only one', async () => {
  const out = join(mkdtempSync(join(dir, 'left-')), 'wave.csv');
  writeFileSync(`${out}.partial-2147483646-0123456789ab`, 'half a file from before, longer than the new one\n', { mode: 0o644 });
  await writeFileWhole(out, Readable.from(['participant\n']));
  assert.equal(readFileSync(out, 'utf8'), 'participant\n');
  assert.equal(statSync(out).mode & 0o777, 0o600);
});

// A full disk, honestly: /dev/full fails every write with ENOSPC. Reached as the --out itself (through a link, as
// /dev/stdout is), it is a device, so it is streamed into; the planted-link way this test used before is now refused.
test('a full disk under replication --out F.zip is one line, exit code 2, and leaves no partial file', () => {
  const db = join(dir, 'replication.sqlite');
  const created = vlab(['wave', 'create', '--study', 'bus-line-funding', '--target', '10', '--db', db, '--json']);
  assert.equal(created.status, 0, created.stderr);
  const wave = (JSON.parse(created.stdout) as { id: string }).id;
  const out = join(dir, 'package.zip');
  symlinkSync('/dev/full', out);
  const run = vlab(['replication', '--wave', wave, '--db', db, '--out', out]);
  assert.equal(run.stderr, `vlab replication: ${out}: no space left on the device\n`);
  assert.equal(run.status, 2);
  assert.ok(lstatSync(out).isSymbolicLink(), 'the link is still a link');
  assert.deepEqual(partialsIn(dir), []);
});

// A write failing partway through a regular file (the disk filling up) removes the partial file.
test('a write that fails partway leaves neither the file nor its partial file', async () => {
  const out = join(mkdtempSync(join(dir, 'failing-')), 'wave.csv');
  const chunks = ['participant\n'.repeat(1000)];
  const body = new Readable({
    read() {
      const chunk = chunks.shift();
      if (chunk) this.push(chunk);
      else this.destroy(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    },
  });
  await assert.rejects(writeFileWhole(out, body), /ENOSPC/);
  assert.deepEqual(readdirSync(join(out, '..')), []);
});

test('--out naming a device (through a link, as /dev/stdout is) streams into it and leaves the link alone', () => {
  const db = join(dir, 'device.sqlite');
  const created = vlab(['wave', 'create', '--study', 'bus-line-funding', '--target', '10', '--db', db, '--json']);
  const wave = (JSON.parse(created.stdout) as { id: string }).id;
  const link = join(dir, 'null-link');
  symlinkSync('/dev/null', link);
  const run = vlab(['export', '--wave', wave, '--db', db, '--out', link]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stderr, new RegExp(`^vlab export: wrote ${link}\n`));
  assert.ok(lstatSync(link).isSymbolicLink(), 'the link is still a link');
  assert.ok(lstatSync('/dev/null').isCharacterDevice());
  assert.deepEqual(partialsIn(dir), []);
});

test('--out naming a FIFO writes the data into it for its reader, and the FIFO stays a FIFO', async () => {
  const { writeFileWhole } = await import('../../server/storage/output-files.ts');
  const { Readable } = await import('node:stream');
  const fifo = join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  // A reader in its own process, killed after 10 s if no writer ever opens the FIFO (the old rename never did).
  const reader = spawn('cat', [fifo], { timeout: 10_000 });
  const chunks: Buffer[] = [];
  reader.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const lines = 'participant,wave_id\n'.repeat(100);
  const written = writeFileWhole(fifo, Readable.from([lines]));
  await once(reader, 'exit');
  await written;
  assert.equal(Buffer.concat(chunks).toString(), lines);
  assert.ok(lstatSync(fifo).isFIFO());
  assert.deepEqual(partialsIn(dir), []);
});

test('writeFileWhole never writes over a SQLite database, its WAL or the -shm beside one (attacker pass 16)', async () => {
  const database = join(dir, 'kept.sqlite');
  const bytes = Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4080)]);
  writeFileSync(database, bytes);
  for (const target of [database, `${database}-wal`, `${database}-shm`]) {
    await assert.rejects(writeFileWhole(target, Readable.from(['a,b\n'])), /is (a SQLite database|the -(wal|shm) file of the SQLite database .*kept\.sqlite); vlab never writes over one/);
    assert.equal(existsSync(`${database}-wal`) || existsSync(`${database}-shm`), false, 'no side file made');
  }
  assert.deepEqual(readFileSync(database), bytes);
  assert.deepEqual(readdirSync(dir).filter((name) => name.startsWith('kept.sqlite')), ['kept.sqlite'], 'no partial file left');
});

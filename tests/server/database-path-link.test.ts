// Attacker pass 32: the database path a symbolic link to the file (`/srv/vlab/vlab.sqlite -> /mnt/data/vlab.sqlite`,
// the usual way to put the data on another disk without changing VLAB_DB). SQLite follows every link in the path as it
// opens, and keeps the WAL and -shm beside the file the link leads to; the check that the files are still the ones
// open (sqlite-file-identity.ts) looked for them beside the link, found no `-wal` there and took it for removed.
// Before the fix: `vlab serve` stopped at its start with `…/linkdir/vlab.sqlite-wal was removed or replaced while the
// server ran, so nothing more is stored`, every verb (`wave list`, `wave create`) said the same, and each left an
// empty `vlab.sqlite.rescued-…` beside the link.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../../server/storage/db.ts';
import { fileIdentity } from '../../server/storage/sqlite-file-identity.ts';
import { openStore } from '../../server/storage/open-store.ts';

/** A folder with `real/vlab.sqlite` (not yet made) and `linked/vlab.sqlite`, a relative link to it. */
function linkedLocation(): { dir: string; real: string; link: string } {
  const dir = mkdtempSync(join(tmpdir(), 'vlab-link-'));
  mkdirSync(join(dir, 'real'));
  mkdirSync(join(dir, 'linked'));
  const link = join(dir, 'linked', 'vlab.sqlite');
  symlinkSync('../real/vlab.sqlite', link);
  return { dir, real: join(dir, 'real', 'vlab.sqlite'), link };
}

test('a store opened through a link to its file writes and stays healthy; nothing is left beside the link', async () => {
  const { dir, real, link } = linkedLocation();
  try {
    const store = await openStore(link);
    try {
      await store.ping();
      const salt = Buffer.alloc(16);
      await store.write((repos) => repos.tokens.insert({ publicId: 'linked', name: 'linked', salt, hash: salt, createdAt: new Date().toISOString() }));
      await store.ping();
      assert.equal((await store.read((repos) => repos.tokens.list())).length, 1);
    } finally {
      await store.close();
    }
    assert.deepEqual(readdirSync(join(dir, 'linked')), ['vlab.sqlite'], 'a rescue copy or side file was made beside the link');
    assert.ok(readdirSync(join(dir, 'real')).includes('vlab.sqlite'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('through a link, a WAL or -shm deleted beside the real file, or the link pointed at another file, is still found', () => {
  for (const change of ['-wal', '-shm', 'link'] as const) {
    const { dir, real, link } = linkedLocation();
    const db = openDatabase(link);
    try {
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
      const identity = fileIdentity(link);
      assert.equal(identity.changed(), null, `${change}: a freshly opened linked database was taken for moved`);
      if (change === 'link') {
        const other = openDatabase(join(dir, 'other.sqlite'));
        other.close();
        unlinkSync(link);
        symlinkSync('../other.sqlite', link);
        assert.equal(identity.changed(), link);
      } else {
        unlinkSync(real + change);
        assert.equal(identity.changed(), real + change);
      }
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('the real file moved away from under its link is found', () => {
  const { dir, real, link } = linkedLocation();
  const db = openDatabase(link);
  try {
    const identity = fileIdentity(link);
    assert.equal(identity.changed(), null);
    renameSync(real, `${real}.away`);
    assert.equal(identity.changed(), link);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('vlab wave create, wave list and vlab serve (with its checkpointer) work on a database reached through a link', async () => {
  const { dir, link } = linkedLocation();
  const vlab = (...args: string[]) => spawnSync(process.execPath, ['bin/vlab.js', ...args, '--db', link], { encoding: 'utf8' });
  const created = vlab('wave', 'create', '--study', 'bus-line-funding', '--target', '10');
  assert.equal(created.status, 0, `wave create: ${created.stderr}`);
  const wave = /\/s\/([\w-]+)/.exec(created.stdout)?.[1];
  assert.ok(wave, created.stdout);
  const listed = vlab('wave', 'list');
  assert.equal(listed.status, 0, `wave list: ${listed.stderr}`);
  assert.match(listed.stdout, new RegExp(wave));
  const child = spawn(process.execPath, ['bin/vlab.js', 'serve', '--port', '0', '--no-demo', '--db', link], {
    env: { ...process.env, LOG_LEVEL: 'warn', VLAB_RATE_LIMIT_START: '1000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {

    let out = '';
    let err = '';
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk));
    const base = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk;
        const match = /listening on (\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}${err}`)));
    });
    await sleep(1000); // five checkpoint ticks, each looking at the files
    const started = await fetch(`${base}/api/waves/${wave}/participants`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(started.status, 201, `a start through the linked database: ${started.status} ${await started.text()}`);
    const health = await fetch(`${base}/healthz`);
    assert.equal(health.status, 200, `/healthz ${health.status} ${await health.text()}`);
    assert.doesNotMatch(err, /removed or replaced/);
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
    assert.deepEqual(readdirSync(join(dir, 'linked')), ['vlab.sqlite'], 'something was made beside the link');
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a database path that is a loop of links is one line naming it, exit 2, no stack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vlab-link-loop-'));
  try {
    symlinkSync('two.sqlite', join(dir, 'one.sqlite'));
    symlinkSync('one.sqlite', join(dir, 'two.sqlite'));
    const run = spawnSync(process.execPath, ['bin/vlab.js', 'wave', 'list', '--db', join(dir, 'one.sqlite')], { encoding: 'utf8' });
    assert.equal(run.status, 2, `exit ${run.status}: ${run.stderr}`);
    assert.equal(
      run.stderr,
      `vlab wave list: ${join(dir, 'one.sqlite')}: cannot open the database (its symbolic links lead in a circle: ${join(dir, 'one.sqlite')}); set VLAB_DB or --db to another path\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

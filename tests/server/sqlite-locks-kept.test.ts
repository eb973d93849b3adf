// Attacker pass 31: POSIX record locks belong to a process and a file, not to a descriptor: closing *any* descriptor
// of the database file drops every lock the process holds on it (sqlite.org/howtocorrupt.html, 2.2). SQLite keeps a
// SHARED lock on a WAL database's file for as long as a connection is open; other processes' connections find it
// and never take the file for their own. The overwrite watch (sqlite-overwrite-watch.ts) opened and closed the
// database file with Node's fs on every checkpoint tick, 5 times a second: from the first tick vlab serve held no
// lock. An operator's `sqlite3 vlab.sqlite "UPDATE …"` (Debian's 3.40.1) then found itself alone at its close,
// checkpointed and deleted the -wal and -shm under the running server, which stopped storing anything (every start
// and save 503, /healthz `moved`) until restarted. Nothing in the serving process may open and close that file.
// Linux lists every process's locks in /proc/locks: "1: POSIX  ADVISORY  READ 28546 08:01:2147205 1073741826 1073742335".
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { silentLogger } from '../../server/logger.ts';
import { startCheckpointer } from '../../server/storage/checkpointer.ts';
import { openDatabase } from '../../server/storage/db.ts';

/** SQLite's SHARED lock: a read lock on the bytes from SHARED_FIRST (the lock page's offset, 2^30, plus 2) on. */
const SHARED_FIRST = 2 ** 30 + 2;

/** Whether process `pid` holds a read or write lock covering SHARED_FIRST of the file `path` (by its inode). */
function holdsSharedLock(pid: number, path: string): boolean {
  const inode = String(statSync(path).ino);
  return readFileSync('/proc/locks', 'utf8')
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .some((f) => f[1] === 'POSIX' && f[4] === String(pid) && f[5]?.split(':')[2] === inode && Number(f[6]) <= SHARED_FIRST && (f[7] === 'EOF' || Number(f[7]) >= SHARED_FIRST));
}

test('the WAL checkpointer and its overwrite watch leave the connection\'s SHARED lock on the database file in place', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vlab-locks-'));
  const db = openDatabase(join(dir, 'vlab.sqlite'));
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    assert.ok(holdsSharedLock(process.pid, db.name), 'an open WAL connection holds SHARED on its file');
    const checkpointer = startCheckpointer(db, silentLogger, { intervalMs: 20 });
    db.exec('CREATE TABLE t (x)');
    for (let i = 0; i < 10; i++) {
      db.prepare('INSERT INTO t VALUES (?)').run(i);
      await sleep(30);
    }
    const kept = holdsSharedLock(process.pid, db.name);
    await checkpointer.stop();
    assert.ok(kept, 'after 300 ms of checkpoints every 20 ms the process held no SHARED lock on the database file');
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('vlab serve keeps its SHARED lock on the database file through starts, a token made beside it, downloads and checkpoints', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vlab-locks-serve-'));
  const dbPath = join(dir, 'vlab.sqlite');
  const child = spawn(process.execPath, ['bin/vlab.js', 'serve', '--port', '0', '--db', dbPath], {
    env: { ...process.env, LOG_LEVEL: 'warn', VLAB_RATE_LIMIT_START: '1000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    let out = '';
    const [base, wave] = await new Promise<[string, string]>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk;
        const match = /listening on (\S+)[\s\S]*?\/s\/([\w-]+)/.exec(out);
        if (match) resolve([match[1]!, match[2]!]);
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
    });
    for (let i = 0; i < 5; i++) {
      const started = await fetch(`${base}/api/waves/${wave}/participants`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      assert.equal(started.status, 201);
    }
    // A researcher's downloads run in worker threads on connections of their own; the token is made beside the server.
    const token = spawnSync(process.execPath, ['bin/vlab.js', 'token', 'create', '--name', 'locks', '--db', dbPath], { encoding: 'utf8' }).stdout.trim();
    for (const path of [`export?format=csv`, `export?format=json`, 'replication']) {
      const download = await fetch(`${base}/api/researcher/waves/${wave}/${path}`, { headers: { Authorization: `Bearer ${token}` } });
      assert.equal(download.status, 200, `${path}: ${download.status}`);
      await download.arrayBuffer();
    }
    await sleep(1000); // five checkpoint ticks
    assert.ok(holdsSharedLock(child.pid!, dbPath), 'vlab serve held no SHARED lock on its database file');
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
    rmSync(dir, { recursive: true, force: true });
  }
});

// WAL checkpoints off the respondents' thread (server/storage/checkpointer.ts): with the checkpointer running, the
// committed pages reach the database file without the writer checkpointing (its own automatic checkpoint waits
// for 16 MB of WAL); without it, the same writes stay in the WAL.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { silentLogger } from '../../server/logger.ts';
import { startCheckpointer } from '../../server/storage/checkpointer.ts';
import { openDatabase, type Db } from '../../server/storage/db.ts';
import { checkpointTicker } from '../../server/workers/checkpoint-tick.ts';

/** 8 MB in 200 commits, paced as requests arrive, on a fresh table; then the database file's growth within 5 s. */
async function fileGrowthAfterWrites(db: Db, table: string): Promise<number> {
  db.exec(`CREATE TABLE ${table} (x BLOB)`);
  const insert = db.prepare(`INSERT INTO ${table} VALUES (randomblob(40000))`);
  const before = statSync(db.name).size;
  for (let i = 0; i < 200; i++) {
    insert.run();
    await sleep(2);
  }
  for (let waited = 0; waited < 5000 && statSync(db.name).size - before < 8e6; waited += 50) await sleep(50);
  return statSync(db.name).size - before;
}

test('the checkpointer copies committed pages into the database file while the writer only commits', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vlab-checkpointer-'));
  const db = openDatabase(join(dir, 'vlab.sqlite'));
  try {
    db.pragma('wal_autocheckpoint = 4096');
    const alone = await fileGrowthAfterWrites(db, 'alone');
    const checkpointer = startCheckpointer(db, silentLogger, { intervalMs: 20 });
    const checkpointed = await fileGrowthAfterWrites(db, 'checkpointed');
    await checkpointer.stop();
    // With the checkpointer the file takes both tables: the 8 MB the writer alone had left in the WAL as well.
    console.log(`checkpointer: database file +${(checkpointed / 1e6).toFixed(1)} MB with it, +${(alone / 1e6).toFixed(1)} MB for 8 MB committed by the writer alone`);
    assert.ok(alone < 1e6, `the writer alone checkpointed ${alone} bytes`);
    assert.ok(checkpointed >= 8e6, `the checkpointer copied only ${checkpointed} bytes`);
    assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 4096, 'the writer keeps only its fallback');
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

// The second attacker trial (2026-12-03) filled a 4 MB disk under load: the checkpointer's thread ended at its
// first SQLITE_FULL ("WAL checkpointer failed; the writer checkpoints by itself again") and never came back after
// the disk had room, so every 4 MB of WAL was checkpointed on the respondents' thread until a restart. A disk
// that is full, read-only or failing is a passing state: the thread reports it once, goes on trying, and reports
// when checkpoints succeed again. Anything else (a bug, a corrupt file) still ends the thread, and the writer
// checkpoints by itself as before.
test('a checkpoint that fails on a full or read-only disk is reported once and tried again; it reports when it succeeds again', () => {
  const failures = [{ code: 'SQLITE_FULL', message: 'database or disk is full' }, { code: 'SQLITE_FULL', message: 'database or disk is full' }, { code: 'SQLITE_IOERR_WRITE', message: 'disk I/O error' }, { code: 'SQLITE_BUSY', message: 'database is locked' }];
  const reports: unknown[] = [];
  let calls = 0;
  const tick = checkpointTicker(
    () => {
      const failure = failures[calls++];
      if (failure) throw Object.assign(new Error(failure.message), { code: failure.code });
    },
    (failure) => reports.push(failure),
  );
  for (let i = 0; i < 6; i++) assert.doesNotThrow(tick, `tick ${i + 1} ended the thread`);
  assert.equal(calls, 6);
  assert.deepEqual(reports, [{ code: 'SQLITE_FULL', message: 'database or disk is full' }, { code: 'SQLITE_IOERR_WRITE', message: 'disk I/O error' }, null]);

  const corrupt = checkpointTicker(() => {
    throw Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
  }, () => undefined);
  assert.throws(corrupt, /malformed/);
});

// The third attacker trial (2026-12-03) deleted the -shm file under `vlab serve`: `vlab` verbs run beside it then
// built a new WAL index while the server's threads went on by the old one. A checkpoint by the old index could copy
// stale pages over the file, so the checkpointer stops checkpointing (and says why, once) while the database's
// files are not the ones it opened, as the writer stops committing (database-file-moved.test.ts).
test('the checkpointer checkpoints nothing while the -shm file it opened is gone, and says so once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vlab-checkpointer-'));
  const db = openDatabase(join(dir, 'vlab.sqlite'));
  const warnings: unknown[] = [];
  const logger = { ...silentLogger, warn: (details: unknown) => void warnings.push(details) } as typeof silentLogger;
  const checkpointer = startCheckpointer(db, logger, { intervalMs: 20 });
  try {
    await sleep(100);
    rmSync(`${db.name}-shm`);
    for (let waited = 0; waited < 3000 && warnings.length === 0; waited += 20) await sleep(20);
    assert.equal(warnings.length, 1, 'the checkpointer did not notice');
    assert.equal((warnings[0] as { code: string }).code, 'SQLITE_READONLY_DBMOVED');
    assert.match((warnings[0] as { message: string }).message, /vlab\.sqlite-shm was removed or replaced/);
  } finally {
    await checkpointer.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

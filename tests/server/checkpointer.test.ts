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

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { overwriteWatch } from '../../server/storage/sqlite-overwrite-watch.ts';

// The checkpointer's watch for a database file written over under the running server (database-damaged.test.ts
// runs it live). Here each state is made on purpose, with a writer and a checkpointing connection as the server
// has them, so that what the live test meets only by timing is met every run.

/** A WAL database as vlab's: a writer that never checkpoints by itself, and a second connection that does. */
function walDatabase() {
  const folder = mkdtempSync(join(tmpdir(), 'vlab-overwrite-watch-'));
  const path = join(folder, 'vlab.sqlite');
  const writer = new Database(path);
  writer.pragma('journal_mode = WAL');
  writer.pragma('wal_autocheckpoint = 0');
  writer.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  const insert = writer.prepare('INSERT INTO t (v) VALUES (?)');
  const checkpointer = new Database(path, { fileMustExist: true });
  return {
    path,
    rows: (n: number) => {
      for (let i = 0; i < n; i++) insert.run('x'.repeat(500));
    },
    checkpoint: () => checkpointer.pragma('wal_checkpoint(PASSIVE)'),
    writer,
    close() {
      checkpointer.close();
      writer.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * A copy of the file taken, then the database grown and checkpointed, and the watch started on it. The writer keeps
 * the WAL from its start (nothing restarts it: no write after the last checkpoint), so every page written since the
 * copy is still in it.
 */
function grownSinceCopy(db: ReturnType<typeof walDatabase>) {
  db.rows(150);
  db.checkpoint();
  const older = readFileSync(db.path);
  db.rows(400);
  db.checkpoint();
  const watch = overwriteWatch(db.path);
  watch();
  return { older, watch };
}

test('an older copy written over the file while the WAL still holds every page since: SQLite quick check passes (it reads through the WAL), the watch does not', () => {
  const db = walDatabase();
  try {
    const { older, watch } = grownSinceCopy(db);
    assert.ok(statSync(db.path).size > older.length);
    writeFileSync(db.path, older); // what `cp backup.sqlite vlab.sqlite` does: same inode, older content
    const check = new Database(db.path, { readonly: true });
    assert.equal(check.pragma('quick_check', { simple: true }), 'ok', 'the quick check alone would have said ok');
    check.close();
    assert.throws(watch, (error: { code?: string; message?: string }) => {
      assert.equal(error.code, 'SQLITE_CORRUPT');
      assert.match(error.message!, /shrank from \d+ to \d+ bytes, and its schema cookie did not grow/);
      return true;
    });
  } finally {
    db.close();
  }
});

test("an older copy whose size a checkpoint has written back: the header's page count went down", () => {
  const db = walDatabase();
  try {
    const { older, watch } = grownSinceCopy(db);
    const size = statSync(db.path).size;
    writeFileSync(db.path, older);
    // The same length again (as a checkpoint's size hint extends it), the older header at its start.
    writeFileSync(db.path, Buffer.concat([older, Buffer.alloc(size - older.length)]));
    assert.throws(watch, /header counts \d+ pages, fewer than \d+ before/);
  } finally {
    db.close();
  }
});

test('a VACUUM on the live file shrinks it and is taken as its new size; a later older copy is still seen', () => {
  const db = walDatabase();
  try {
    db.rows(600);
    db.checkpoint();
    const older = readFileSync(db.path);
    const watch = overwriteWatch(db.path);
    watch();
    db.writer.exec('DELETE FROM t WHERE id % 4 <> 0');
    db.writer.exec('VACUUM');
    db.checkpoint();
    assert.ok(statSync(db.path).size < older.length, 'VACUUM did not shrink the file');
    watch(); // no throw: the schema cookie grew and the quick check is ok
    db.rows(10);
    db.checkpoint();
    watch();
    writeFileSync(db.path, older.subarray(0, 4096)); // mid-copy of something else: one page of it
    assert.throws(watch, /SQLITE_CORRUPT|shrank|fewer/);
  } finally {
    db.close();
  }
});

test('a file emptied (mid-copy) is seen without opening it in SQLite, and a removed file is left to the identity check', () => {
  const db = walDatabase();
  try {
    db.rows(200);
    db.checkpoint();
    const watch = overwriteWatch(db.path);
    writeFileSync(db.path, '');
    assert.throws(watch, /shrank from \d+ to 0 bytes/);
    rmSync(db.path);
    assert.doesNotThrow(overwriteWatch(db.path));
  } finally {
    db.close();
  }
});

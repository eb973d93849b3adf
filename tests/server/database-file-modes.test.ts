import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDatabase } from '../../server/storage/db.ts';

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

test('the database, its WAL and shared-memory files are created 0600, and a folder we create 0700 (panel IDs inside)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vlab-modes-'));
  try {
    const path = join(dir, 'new', 'nested', 'vlab.sqlite');
    const db = openDatabase(path);
    db.prepare("INSERT INTO researcher_tokens (public_id, name, salt, hash, created_at) VALUES ('x', 'x', 's', 'h', 'now')").run();
    const modes = { folder: mode(join(dir, 'new')), nested: mode(join(dir, 'new', 'nested')), db: mode(path), wal: mode(`${path}-wal`), shm: mode(`${path}-shm`) };
    db.close();
    assert.deepEqual(modes, { folder: '700', nested: '700', db: '600', wal: '600', shm: '600' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// kill -9 in the middle of a migration, on both engines: the next start finishes it cleanly. Each engine applies a
// migration and records it in one transaction (SQLite: BEGIN IMMEDIATE per file; PostgreSQL: all pending files in one
// transaction under an advisory lock), so a process killed inside it leaves the schema as it was, and the next start
// applies the migration once. The migration killed here is 014 (quota leases carry their end), which also rewrites
// the old rows: applied twice, or half, a lease would end 4 h or 0 h after its last save instead of 2 h.
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import pg from 'pg';
import { migrationFiles } from '../../server/storage/db.ts';
import { openStore } from '../../server/storage/open-store.ts';
import { LAPSED_MARK } from '../../server/storage/quota-slot-repository.ts';
import { createTestDatabase, postgresSkipReason } from './postgres-test-database.ts';

const dir = mkdtempSync(join(tmpdir(), 'vlab-migration-kill-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const BEFORE = 13;
const SAVED = '2026-12-01T10:00:00.000Z';
// The three kinds of slot before 014: a lease last saved at SAVED, a complete's (held for good), one marked lapsed.
const OLD_SLOTS = [
  [1, 'w', 'age_group', '18-29', SAVED],
  [2, 'w', 'age_group', '30-44', null],
  [3, 'w', 'age_group', '45-64', LAPSED_MARK],
] as const;
const EXPECTED = [
  { participant_id: 1, lease_ends_at: '2026-12-01T12:00:00.000Z' },
  { participant_id: 2, lease_ends_at: null },
  { participant_id: 3, lease_ends_at: LAPSED_MARK },
];
const filesUpTo = (engineDir: string) => migrationFiles(engineDir).filter((m) => m.version <= BEFORE);

function worker(location: string, cue: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/server/migrate-worker.ts', location, cue], { stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  return { child, exited };
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let waited = 0; !(await check()); waited += 50) {
    if (waited > 30_000) throw new Error(`waited 30 s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('SQLite: kill -9 inside migration 014 (its old rows half rewritten) leaves 013; the next start applies 014 once', async () => {
  const file = join(dir, 'killed.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = OFF'); // the slots stand alone: no participants or waves
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const m of filesUpTo('server/storage/migrations')) {
    db.exec(m.sql);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.file, SAVED);
  }
  const insert = db.prepare('INSERT INTO quota_slots (participant_id, wave_id, variable, level, active_at) VALUES (?, ?, ?, ?, ?)');
  for (const slot of OLD_SLOTS) insert.run(...slot);
  db.exec("CREATE TRIGGER pause_migration AFTER UPDATE ON quota_slots BEGIN SELECT vlab_test_pause(); END");
  db.close();

  const cue = join(dir, 'paused');
  const { child, exited } = worker(file, cue);
  await until(() => existsSync(cue), 'the migration to reach its UPDATE');
  child.kill('SIGKILL');
  assert.equal(await exited, 'SIGKILL');

  const left = new Database(file);
  assert.equal(left.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get(), BEFORE, 'nothing of 014 recorded');
  assert.deepEqual(left.prepare('SELECT active_at FROM quota_slots ORDER BY participant_id').pluck().all(), [SAVED, null, LAPSED_MARK], 'nor applied');
  left.exec('DROP TRIGGER pause_migration');
  left.close();

  const store = await openStore(file);
  await store.close();
  const done = new Database(file, { readonly: true });
  assert.equal(done.prepare('SELECT COUNT(*) FROM schema_migrations WHERE version = 14').pluck().get(), 1);
  assert.deepEqual(done.prepare('SELECT participant_id, lease_ends_at FROM quota_slots ORDER BY participant_id').all(), EXPECTED);
  assert.equal(done.pragma('integrity_check', { simple: true }), 'ok');
  done.close();
});

test('PostgreSQL: kill -9 while migration 014 waits inside its transaction leaves 013; the next start applies 014 once', { skip: await postgresSkipReason() }, async () => {
  const database = await createTestDatabase();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const m of filesUpTo('server/storage/postgres/migrations')) {
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations VALUES ($1, $2, $3)', [m.version, m.file, SAVED]);
    }
    await client.query('SET session_replication_role = replica'); // the slots stand alone: no participants or waves
    for (const slot of OLD_SLOTS) await client.query('INSERT INTO quota_slots (participant_id, wave_id, variable, level, active_at) VALUES ($1, $2, $3, $4, $5)', [...slot]);
    await client.query('SET session_replication_role = DEFAULT');
    // 014's ALTER TABLE waits on this lock: the killed process is inside its migration transaction, past the lock.
    await client.query('BEGIN');
    await client.query('LOCK TABLE quota_slots IN ACCESS SHARE MODE');
    const { child, exited } = worker(database.url, join(dir, 'unused'));
    // pg_stat_activity is read once a transaction: cleared for each look, as this client is inside one.
    const waiting = async () => {
      await client.query('SELECT pg_stat_clear_snapshot()');
      const sql = "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%quota_slots%'";
      return (await client.query(sql)).rowCount! > 0;
    };
    await until(waiting, 'the migration to wait on quota_slots');
    child.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL');
    await client.query('COMMIT');

    const store = await openStore(database.url);
    await store.close();
    assert.equal((await client.query('SELECT COUNT(*)::int AS n FROM schema_migrations WHERE version = 14')).rows[0].n, 1);
    assert.deepEqual((await client.query('SELECT participant_id, lease_ends_at FROM quota_slots ORDER BY participant_id')).rows, EXPECTED);
  } finally {
    await client.end();
    await database.drop();
  }
});

// `vlab db copy` through the built command (bin/vlab.js runs dist/cli; `node scripts/build.mjs` makes it): a table
// per line with its rows and checksum on stdout, progress for a large table and the summary on stderr, and every
// refusal one line with exit code 2. Runs when PostgreSQL answers; says so when it skips.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createStudyService } from '../../server/services/study-service.ts';
import { openDatabase } from '../../server/storage/db.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { createSqliteStore } from '../../server/storage/sqlite-store.ts';
import { createTestDatabase, postgresSkipReason } from './postgres-test-database.ts';

const skip = await postgresSkipReason();
if (skip) console.log(`db-copy-cli.test.ts: ${skip}`);

const dir = mkdtempSync(join(tmpdir(), 'vlab-db-copy-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the built command without blocking the test's event loop. */
function vlab(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/vlab.js', ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const PARTICIPANTS = 20_500;

/** A SQLite project whose wave has 20,500 started participants (inserted in SQL: enough rows to show progress). */
async function largeProject(): Promise<{ file: string; counts: Map<string, number> }> {
  const file = join(dir, 'large.sqlite');
  const db = openDatabase(file);
  const studies = createStudyService({ store: createSqliteStore(db) });
  await studies.syncDefinitions(loadDefinitionFiles('survey-definitions'));
  const { wave } = await studies.createWave({ studyKey: 'alliance-corrective-measures', target: 100_000, seed: 'cli-copy' });
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1)
     INSERT INTO participants (code, public_ref, wave_id, panel_params_json, draw_index, cell_index, assignment_json,
       assignment_probability, status, current_page, started_at, updated_at)
     SELECT printf('code-%017d', i), lower(hex(randomblob(8))), ?, '{}', i, i % 48, '{}', 1.0 / 48, 'started', 0,
       '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z' FROM n`,
  ).run(PARTICIPANTS, wave.id);
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'schema_migrations' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  const counts = new Map(tables.map((t) => [t, db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number]));
  db.close();
  return { file, counts };
}

test('vlab db copy prints each table with its rows and checksum, progress on stderr; a second copy into it is refused', { skip }, async () => {
  const { file, counts } = await largeProject();
  const database = await createTestDatabase();
  try {
    const copied = await vlab('db', 'copy', '--from', file, '--to', database.url);
    assert.equal(copied.status, 0, copied.stderr);
    const lines = copied.stdout.trim().split('\n').map((line) => line.trim().split(/\s+/));
    assert.deepEqual(new Map(lines.map(([name, rows]) => [name!, Number(rows)])), counts);
    assert.ok(lines.every((l) => l.length === 3 && /^[0-9a-f]{64}$/.test(l[2]!)), copied.stdout);
    assert.match(copied.stderr, new RegExp(`^vlab db copy: participants \\d+/${PARTICIPANTS} rows$`, 'm'));
    assert.match(copied.stderr, new RegExp(`^vlab db copy: participants ${PARTICIPANTS}/${PARTICIPANTS} rows$`, 'm'));
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    assert.match(copied.stderr, new RegExp(`: ${counts.size} tables, ${total} rows in [\\d.]+ s; row counts and sha256 checksums equal on both sides`));

    const again = await vlab('db', 'copy', '--from', file, '--to', database.url);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /^vlab db copy: postgres:\/\/\S+ is not empty \(rows in [a-z_, ]+\); copy into a new database\n$/);
    assert.equal(again.stdout, '');
  } finally {
    await database.drop();
  }
});

test('vlab db copy refuses a target that is no PostgreSQL URL and a missing source, in one line', async () => {
  const notPostgres = await vlab('db', 'copy', '--from', join(dir, 'a.sqlite'), '--to', join(dir, 'b.sqlite'));
  assert.deepEqual([notPostgres.status, notPostgres.stderr], [2, `vlab db copy: --to: ${join(dir, 'b.sqlite')} is not a postgres:// URL\n`]);
  const missing = await vlab('db', 'copy', '--from', join(dir, 'missing.sqlite'), '--to', 'postgres://postgres@127.0.0.1:5432/unused');
  assert.deepEqual([missing.status, missing.stderr], [2, `vlab db copy: --from: ${join(dir, 'missing.sqlite')} does not exist\n`]);
  const fromPostgres = await vlab('db', 'copy', '--from', 'postgres://a/b', '--to', 'postgres://c/d');
  assert.equal(fromPostgres.status, 2);
  assert.match(fromPostgres.stderr, /^vlab db copy: --from: give the SQLite file to copy from .*\n$/);
});

// Attacker pass 30: a FIFO as --from blocked the copy for ever in open(2), before PostgreSQL was even reached.
test('vlab db copy refuses a --from that is a FIFO at once, in one line', () => {
  const fifo = join(dir, 'pipe.sqlite');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
  const args = ['bin/vlab.js', 'db', 'copy', '--from', fifo, '--to', 'postgres://postgres@127.0.0.1:5432/unused'];
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 15_000 });
  assert.equal(run.signal, null, 'ended by itself, not by the 15 s timeout');
  assert.deepEqual([run.status, run.stderr], [2, `vlab db copy: --from: ${fifo} is a FIFO, not a SQLite file\n`]);
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createTestDatabase, postgresSkipReason } from './postgres-test-database.ts';

// `vlab db migrate` through the built command (bin/vlab.js runs dist/cli when it is current, as `npm test` makes
// it): the bundle must find each engine's own migrations — in the bundle db.ts and postgres-store.ts share a
// folder, and once the PostgreSQL store read SQLite's migrations there and could not open a database.
const dir = mkdtempSync(join(tmpdir(), 'vlab-db-migrate-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function vlab(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/vlab.js', ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function assertMigrates(location: string, shown: string): void {
  const first = vlab('db', 'migrate', '--db', location);
  assert.equal(first.status, 0, first.stderr);
  const lines = first.stdout.trim().split('\n');
  assert.ok(lines.length >= 6, first.stdout);
  assert.ok(lines.every((line) => /^\d{3}_[a-z_]+\.sql {2,}\S+ {2}\(now\)$/.test(line)), first.stdout);
  // A table: every time starts in one column, two spaces after the longest name (it followed each name's end).
  const longest = Math.max(...lines.map((line) => line.indexOf('.sql') + 4));
  assert.deepEqual(new Set(lines.map((line) => /\.sql +/.exec(line)![0].length + line.indexOf('.sql'))), new Set([longest + 2]), first.stdout);
  // The schema is at the newest migration's number (numbers may skip: branches take theirs apart).
  const newest = Number(lines.at(-1)!.slice(0, 3));
  assert.equal(first.stderr, `vlab db migrate: ${shown} at migration ${newest}; ${lines.length} applied now\n`);
  const again = vlab('db', 'migrate', '--db', location);
  assert.equal(again.status, 0, again.stderr);
  assert.doesNotMatch(again.stdout, /\(now\)/);
  assert.equal(again.stderr, `vlab db migrate: ${shown} at migration ${newest}; nothing to apply\n`);
}

test('vlab db migrate on a new SQLite file applies every migration once, then nothing', () => {
  const file = join(dir, 'new.sqlite');
  assertMigrates(file, file);
});

test('vlab db migrate on a new PostgreSQL database applies the PostgreSQL migrations once, then nothing', { skip: await postgresSkipReason() }, async () => {
  const database = await createTestDatabase();
  try {
    assertMigrates(database.url, database.url.replace(/:[^:@/]*@/, ':***@'));
  } finally {
    await database.drop();
  }
});

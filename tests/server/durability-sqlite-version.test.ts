import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../../server/config.ts';
import { asUsageError } from '../../server/cli/commands/cli-storage.ts';
import { UsageError } from '../../server/cli/cli-action.ts';
import { openDatabase } from '../../server/storage/db.ts';
import { compareVersions, MIN_SQLITE_VERSION, sqliteVersionProblem } from '../../server/storage/sqlite-version.ts';

test('compareVersions orders dotted versions numerically', () => {
  assert.equal(compareVersions('3.51.3', '3.51.3'), 0);
  assert.equal(compareVersions('3.51.2', '3.51.3'), -1);
  assert.equal(compareVersions('3.52.0', '3.51.3'), 1);
  assert.equal(compareVersions('3.9.0', '3.10.0'), -1);
  assert.equal(compareVersions('4', '3.99.99'), 1);
  assert.equal(compareVersions('3.51', '3.51.0'), 0);
});

test('SQLite before 3.51.3 is refused with a one-line reason; 3.51.3 and later are accepted', () => {
  assert.equal(MIN_SQLITE_VERSION, '3.51.3');
  for (const old of ['3.51.2', '3.50.4', '3.45.1', '2.8.17']) {
    const problem = sqliteVersionProblem(old);
    assert.ok(problem && !problem.includes('\n'), old);
    assert.match(problem!, new RegExp(`^SQLite ${old.replace(/\./g, '\\.')} is older than 3\\.51\\.3`));
  }
  for (const ok of ['3.51.3', '3.51.10', '3.53.2', '4.0.0']) assert.equal(sqliteVersionProblem(ok), null, ok);
  assert.match(sqliteVersionProblem('3.x')!, /unreadable version/);
});

test('the bundled SQLite passes the check (openDatabase would refuse it otherwise)', () => {
  const db = openDatabase(':memory:');
  const version = db.prepare('SELECT sqlite_version()').pluck().get() as string;
  db.close();
  assert.equal(sqliteVersionProblem(version), null);
  console.log(`sqlite version: ${version} (minimum ${MIN_SQLITE_VERSION})`);
});

test('openDatabase refuses a library below the minimum before touching the schema; vlab prints it as one line', () => {
  let error: unknown;
  try {
    openDatabase(':memory:', { minSqliteVersion: '99.0.0' });
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof ConfigError);
  assert.match(error.message, /^SQLite \d+\.\d+\.\d+ is older than 99\.0\.0 \(earlier versions can corrupt a WAL database\); update better-sqlite3$/);
  // cliAction prints a UsageError as `vlab serve: <message>` with exit code 2.
  assert.ok(asUsageError(error) instanceof UsageError);
});

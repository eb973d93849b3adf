import assert from 'node:assert/strict';
import { test } from 'node:test';
import { postgresRefusalWords } from '../../server/storage/postgres/refusal-words.ts';

// The refusal warning's words for each SQLSTATE the PostgreSQL store answers 503 busy for (postgres-store.ts:
// REFUSING_STATES and LOGIN_REFUSED_STATES); postgres-store.test.ts meets 3D000, 28000, 42501 and 25006 live.
test('each PostgreSQL refusal has words of its own; SQLite codes and other errors have none', () => {
  const cases: [string, RegExp][] = [
    ['3D000', /does not exist \(dropped or renamed\?\)/],
    ['28000', /refuses this server's login/],
    ['28P01', /refuses this server's login/],
    ['42501', /privileges revoked/],
    ['25006', /takes no writes \(read-only/],
    ['53100', /disk is full/],
    ['53200', /out of memory/],
    ['53300', /no free connection/],
    ['53400', /temp_file_limit/],
    ['53000', /lacks resources/],
    ['57014', /cancelled statements/],
    ['55P03', /gave up waiting for a row lock \(lock_timeout/],
    ['40001', /kept conflicting past three retries/],
    ['40P01', /kept conflicting past three retries/],
  ];
  for (const [code, words] of cases) assert.match(postgresRefusalWords({ code }) ?? '', words, code);
  for (const code of ['25006', '3D000', '28000', '42501', '53300', '57014', '55P03']) assert.doesNotMatch(postgresRefusalWords({ code })!, /disk full/, code);
  for (const cause of [{ code: 'SQLITE_FULL' }, { code: 'SQLITE_READONLY_DBMOVED' }, { code: '23505' }, { code: 42 }, null, undefined, 'x']) {
    assert.equal(postgresRefusalWords(cause), undefined, JSON.stringify(cause));
  }
});

// Attacker pass 20: `fsync = off` on the PostgreSQL server (a bulk-load or benchmark tip) lets a crash of its machine
// lose answers already acknowledged to respondents, and vlab's sessions cannot turn it on (it is the server's,
// unlike synchronous_commit). `vlab serve` says so once at start, naming the setting and docs/deploy.md. The
// server's fsync is never changed here: the function that decides is given the value.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openStore } from '../../server/storage/open-store.ts';
import { fsyncWarning, serverSettingsWarnings } from '../../server/storage/postgres/server-settings-warnings.ts';
import { createTestDatabase, postgresSkipReason } from './postgres-test-database.ts';

const skip = await postgresSkipReason();
if (skip) console.log(`postgres-settings-warnings.test.ts: ${skip}`);

test('fsync off is a warning naming the setting, what is at risk and docs/deploy.md; on is none', () => {
  const warning = fsyncWarning('off');
  assert.ok(warning, 'a warning for off');
  assert.match(warning, /fsync is off/);
  assert.match(warning, /acknowledged/);
  assert.match(warning, /set fsync = on in postgresql\.conf/);
  assert.match(warning, /docs\/deploy\.md/);
  assert.equal(fsyncWarning('on'), undefined);
});

test('the server settings are asked for fsync: off → the one warning, on → none, unreadable → none', async () => {
  const asked: string[] = [];
  const answering = (value: string) => async (setting: string) => (asked.push(setting), value);
  assert.deepEqual(await serverSettingsWarnings(answering('off')), [fsyncWarning('off')]);
  assert.deepEqual(asked, ['fsync']);
  assert.deepEqual(await serverSettingsWarnings(answering('on')), []);
  assert.deepEqual(await serverSettingsWarnings(() => Promise.reject(new Error('Connection terminated'))), []);
});

test("a PostgreSQL store reads the server's own fsync: none here (the test server keeps fsync on)", { skip }, async () => {
  const database = await createTestDatabase();
  const store = await openStore(database.url);
  try {
    assert.deepEqual(await store.settingsWarnings?.(), []);
  } finally {
    await store.close();
    await database.drop();
  }
});

test('a SQLite store has no server settings to warn of', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vlab-settings-'));
  const store = await openStore(join(dir, 'vlab.sqlite'));
  try {
    assert.equal(store.settingsWarnings, undefined);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

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
import { clockSkewWarning, fsyncWarning, serverSettingsWarnings } from '../../server/storage/postgres/server-settings-warnings.ts';
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

// Pass 41: quota leases end at the taking process's time + its lease (quota_slots.lease_ends_at), and every process
// reads them on its own clock; a host 60 s ahead of the others gives its respondents leases 60 s shorter (never a
// level over its cap: quota-slot-repository.ts LAPSED_MARK). Nothing said so. A start now compares its clock with the
// database's (clock_timestamp()) and warns past 2 s beyond the round trip.
test('a host clock more than 2 s off the database’s is a warning naming the gap, its direction and NTP; closer is none', async () => {
  assert.match(clockSkewWarning(61_000)!, /^this host's clock is 61 s ahead of the database server's \(clock_timestamp\(\)\): quota leases .* keep every host's clock in step \(NTP\)/);
  assert.match(clockSkewWarning(-3_500)!, /is 3\.5 s behind the database server's/);
  assert.equal(clockSkewWarning(1_900), undefined);
  const on = async () => 'on';
  const now = Date.now;
  // Measured ± a few ms: told to the tenth of a second.
  assert.deepEqual(await serverSettingsWarnings(on, async () => now() - 30_000), [clockSkewWarning(30_000)]);
  assert.deepEqual(await serverSettingsWarnings(on, async () => now()), []);
  assert.deepEqual(await serverSettingsWarnings(on, () => Promise.reject(new Error('Connection terminated'))), []);
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

// The rate limits' counters (server/storage/rate-counter.ts) on SQLite: fixed windows in this process's memory,
// with no table and no database round trip; the clock is injected, so no test waits for a window to end.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMemoryRateCounter, windowStart } from '../../server/storage/rate-counter.ts';
import { createTestStore } from './test-app.ts';
import { testSql } from './test-sql.ts';

test('windows are fixed multiples of their length: counts grow within one and start again at the next', async () => {
  const minute = 20_000_000 * 60_000; // an instant that is a whole number of minutes since the epoch (2008)
  let now = minute + 59_000;
  const counter = createMemoryRateCounter(() => now);
  assert.equal(windowStart(now, 60_000), minute, 'the window holding the instant');
  const first = await counter.hit('start:a', 60_000);
  assert.equal(first.count, 1);
  assert.equal(first.resetAt.getTime(), windowStart(now, 60_000) + 60_000);
  assert.equal((await counter.hit('start:a', 60_000)).count, 2);
  assert.equal((await counter.hit('start:b', 60_000)).count, 1, 'each key counts apart');
  await counter.unhit('start:a', 60_000);
  assert.equal((await counter.hit('start:a', 60_000)).count, 2, 'a hit taken back no longer counts');
  now = first.resetAt.getTime();
  assert.equal((await counter.hit('start:a', 60_000)).count, 1, 'the next window starts from 1');
  await counter.unhit('start:c', 60_000);
  await counter.unhit('start:a', 60_000);
  await counter.unhit('start:a', 60_000);
  assert.equal((await counter.hit('start:a', 60_000)).count, 1, 'never below 0');
});

test('ended windows are dropped: the map holds about two windows of addresses, not every address ever seen', async () => {
  let now = 0;
  const counter = createMemoryRateCounter(() => now);
  for (let i = 0; i < 100; i++) await counter.hit(`start:${i}`, 1000);
  assert.equal(counter.windowCount(), 100);
  now = 1000;
  await counter.hit('start:new', 1000);
  assert.equal(counter.windowCount(), 1, 'the 100 ended windows went at the first hit of the next window');
});

test('on SQLite the counts are in memory, per process: no rate-limit table, nothing shared', async () => {
  const t = await createTestStore('sqlite');
  try {
    assert.equal(t.store.rateCounter.shared, false);
    await t.store.rateCounter.hit('start:127.0.0.1', 600_000);
    const tables = await testSql(t.store).column<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rate%'");
    assert.deepEqual(tables, []);
  } finally {
    await t.remove();
  }
});

// The rate limits' counters (server/storage/rate-counter.ts) on SQLite: windows opened by each key's first hit, in this process's memory,
// with no table and no database round trip; the clock is injected, so no test waits for a window to end.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createMemoryRateCounter } from '../../server/storage/rate-counter.ts';
import { createTestStore } from './test-app.ts';
import { testSql } from './test-sql.ts';

test('a key’s window opens at its first hit and lasts its length, wherever the clock is: counts grow within it and start again after it', async () => {
  // An instant 59 s past a whole minute: a window aligned to the clock would end in 1 s and tell someone over
  // the limit to come back at once; the key's own window ends a whole length after its first hit.
  let now = 20_000_000 * 60_000 + 59_000;
  const counter = createMemoryRateCounter(() => now);
  const first = await counter.hit('start:a', 60_000);
  assert.equal(first.count, 1);
  assert.equal(first.resetAt.getTime(), now + 60_000);
  now += 30_000;
  const second = await counter.hit('start:a', 60_000);
  assert.equal(second.count, 2);
  assert.equal(second.resetAt.getTime(), first.resetAt.getTime(), 'later hits do not move the window');
  assert.equal((await counter.hit('start:b', 60_000)).count, 1, 'each key counts apart');
  assert.equal((await counter.hit('start:b', 60_000)).resetAt.getTime(), now + 60_000, 'with a window of its own');
  await counter.unhit('start:a', 60_000);
  assert.equal((await counter.hit('start:a', 60_000)).count, 2, 'a hit taken back no longer counts');
  now = first.resetAt.getTime();
  const next = await counter.hit('start:a', 60_000);
  assert.equal(next.count, 1, 'the next window starts from 1');
  assert.equal(next.resetAt.getTime(), now + 60_000);
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

test('the wall clock stepped back an hour mid-window (NTP, a resumed VM): the window still ends its length after the first hit', async () => {
  // Attacker pass 15: a window's end was an instant of the wall clock, so a clock stepped back by an hour told an address over
  // the limit (a classroom behind one NAT) to wait 1 h 0.2 s and refused it for that long; they run on a monotonic
  // clock now, and only Retry-After's instant is read from the wall clock.
  const counter = createMemoryRateCounter();
  const realNow = Date.now;
  try {
    const first = await counter.hit('start:a', 200);
    Date.now = () => realNow() - 3_600_000;
    const second = await counter.hit('start:a', 200);
    assert.equal(second.count, 2);
    const wait = second.resetAt.getTime() - Date.now();
    assert.ok(wait > 0 && wait <= 200, `Retry-After from the wall clock: ${wait} ms (the first hit's reset said ${first.resetAt.getTime() - realNow()} ms)`);
    await sleep(250);
    assert.equal((await counter.hit('start:a', 200)).count, 1, 'a new window 250 ms later, as without the step');
  } finally {
    Date.now = realNow;
  }
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

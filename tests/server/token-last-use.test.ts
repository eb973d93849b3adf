// Attacker pass 31: a researcher's request (the dashboard's list, a status, a download: reads) wrote the token's last
// use (once a minute) and waited for that write before it read. Behind another process's SQLite write lock (an
// operator's `sqlite3` left in BEGIN IMMEDIATE, a long `vlab` verb) it waited the whole busy_timeout (pass 30: the
// status 200 at 5.1 s); on PostgreSQL behind a session holding the token's row (a transaction left open in psql) it
// waited the statement timeout, 15 s. The last use is bookkeeping for `vlab token list`: the request now goes on at
// once while it is written beside it, one write a token at a time, and written when the lock is free.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { createTokenService } from '../../server/services/token-service.ts';
import type { Store } from '../../server/storage/store.ts';
import { postgresSkipReason } from './postgres-test-database.ts';
import { createResearcherTestApp, eventually } from './researcher-support.ts';

const skip = await postgresSkipReason();
if (skip) console.log(`token-last-use.test.ts (PostgreSQL): ${skip}`);

type ResearcherApp = Awaited<ReturnType<typeof createResearcherTestApp>>;

const lastUse = async (t: ResearcherApp) => (await t.sql.all('SELECT last_used_at FROM researcher_tokens'))[0]!.last_used_at as string | null;

/**
 * Three researcher requests while `hold` keeps the token's last use from being written: each answered 200 well within
 * `waitMs` (what the write could wait), no last use yet; once `release`d, the last use is written without another request.
 */
async function researcherBehindLock(t: ResearcherApp, waitMs: number, hold: () => Promise<void>, release: () => Promise<void>) {
  // Signed in once before (the token's scrypt check is then remembered), its last use cleared again.
  assert.equal((await t.get('/waves')).status, 200);
  assert.ok(await eventually(async () => (await lastUse(t)) !== null, 5_000));
  await t.sql.run('UPDATE researcher_tokens SET last_used_at = NULL');
  await hold();
  const took: number[] = [];
  try {
    for (const path of ['/waves', `/waves/${t.wave.id}`, `/waves/${t.wave.id}/export?format=csv`]) {
      const startedAt = performance.now();
      const res = await t.get(path);
      took.push(Math.round(performance.now() - startedAt));
      assert.equal(res.status, 200, `${path}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    assert.ok(Math.max(...took) < waitMs / 2, `answered after ${took.join(', ')} ms: the request waited for the last-use write (up to ${waitMs} ms)`);
    assert.equal(await lastUse(t), null, 'not written while the lock was held');
  } finally {
    await release();
  }
  assert.ok(await eventually(async () => (await lastUse(t)) !== null, 5_000), 'the last use is written once the lock is free');
  return took;
}

test('SQLite: researcher requests behind another process\'s write lock are answered at once, not after busy_timeout; the last use is written once the lock is free', async () => {
  const t = await createResearcherTestApp({}, {}, 'sqlite');
  const Database = (await import('better-sqlite3')).default;
  const operator = new Database(t.location);
  try {
    t.db.pragma('busy_timeout = 3000');
    const took = await researcherBehindLock(
      t,
      3000,
      async () => void operator.exec('BEGIN IMMEDIATE'),
      async () => void operator.exec('ROLLBACK'),
    );
    console.log(`SQLite write lock held elsewhere (busy_timeout 3,000 ms): list, status, CSV export answered in ${took.join(', ')} ms`);
  } finally {
    if (operator.inTransaction) operator.exec('ROLLBACK');
    operator.close();
    await t.close();
  }
});

test('PostgreSQL: researcher requests while another session holds the token\'s row are answered at once, not after the statement timeout', { skip }, async () => {
  const t = await createResearcherTestApp({}, {}, 'postgres');
  const holder = new pg.Client({ connectionString: t.location });
  try {
    await holder.connect();
    const took = await researcherBehindLock(
      t,
      15_000,
      async () => {
        await holder.query('BEGIN');
        await holder.query('SELECT 1 FROM researcher_tokens FOR UPDATE');
      },
      async () => void (await holder.query('ROLLBACK')),
    );
    console.log(`PostgreSQL token row held by another session (statement timeout 15 s): list, status, CSV export answered in ${took.join(', ')} ms`);
  } finally {
    await holder.end().catch(() => undefined);
    await t.close();
  }
});

test('twenty researcher requests at once behind the lock queue one last-use write, not one each', async () => {
  const t = await createResearcherTestApp({}, {}, 'sqlite');
  const Database = (await import('better-sqlite3')).default;
  const operator = new Database(t.location);
  let writes = 0;
  const counted: Store = { ...t.store, write: (fn) => (writes++, t.store.write(fn)) };
  const tokens = createTokenService({ store: counted });
  try {
    await t.sql.run('UPDATE researcher_tokens SET last_used_at = NULL');
    t.db.pragma('busy_timeout = 3000');
    operator.exec('BEGIN IMMEDIATE');
    const signedIn = await Promise.all(Array.from({ length: 20 }, () => tokens.authenticate(`Bearer ${t.token}`)));
    assert.equal(signedIn.length, 20);
    assert.equal(writes, 1, `${writes} last-use writes queued behind the lock`);
    operator.exec('ROLLBACK');
    assert.ok(await eventually(async () => (await lastUse(t)) !== null, 5_000));
  } finally {
    if (operator.inTransaction) operator.exec('ROLLBACK');
    operator.close();
    await t.close();
  }
});

// A last use written while the wall clock was far ahead (a VM resumed with a wrong clock, NTP not yet run) was never
// written again once the clock was set right: the once-a-minute test read a negative age as recent, so `vlab token
// list` showed a use in the future until the clock passed it.
test('a last use written while the clock was a year ahead is written again once the clock is back', async () => {
  const t = await createResearcherTestApp({}, {}, 'sqlite');
  try {
    let clock = '2027-12-06T12:00:00.000Z';
    const tokens = createTokenService({ store: t.store, now: () => clock });
    await tokens.authenticate(`Bearer ${t.token}`);
    assert.ok(await eventually(async () => (await lastUse(t)) === '2027-12-06T12:00:00.000Z', 5_000), 'the last use at the clock ahead');
    clock = '2026-12-06T12:00:00.000Z';
    await tokens.authenticate(`Bearer ${t.token}`);
    assert.ok(await eventually(async () => (await lastUse(t)) === clock, 5_000), `last use still ${await lastUse(t)}`);
  } finally {
    await t.close();
  }
});

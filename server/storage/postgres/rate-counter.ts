import { createHmac, randomBytes } from 'node:crypto';
import type { RateCounter } from '../rate-counter.ts';
import type { Sql } from './sql.ts';

// The database's clock opens and ends windows, so processes whose clocks differ still agree on a key's window;
// the time left is returned beside the count and added to this process's clock for Retry-After. Epoch
// milliseconds as BIGINT.
const NOW_MS = '(extract(epoch FROM now()) * 1000)::bigint';

// In ON CONFLICT DO UPDATE every `h.` is the row as it was, so both CASEs judge the same ended-or-not window.
const HIT = `INSERT INTO rate_limit_hits AS h (key, window_end, n)
  VALUES ($1, ${NOW_MS} + $2::bigint, 1)
  ON CONFLICT (key) DO UPDATE SET
    n = CASE WHEN h.window_end <= ${NOW_MS} THEN 1 ELSE h.n + 1 END,
    window_end = CASE WHEN h.window_end <= ${NOW_MS} THEN ${NOW_MS} + $2::bigint ELSE h.window_end END
  RETURNING n, window_end - ${NOW_MS} AS ms_left, ${NOW_MS} AS now_ms`;
const UNHIT = `UPDATE rate_limit_hits SET n = n - 1 WHERE key = $1 AND window_end > ${NOW_MS} AND n > 0`;
const SWEEP = `DELETE FROM rate_limit_hits WHERE window_end <= ${NOW_MS}`;

const DAY_MS = 86_400_000;
// The day's key (migration 012): made by the first process to need it; a process that loses the race to make it
// reads the winner's. Made once a day, when the keys of earlier days are deleted.
const ADD_KEY = `INSERT INTO rate_limit_keys (day, secret) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING`;
const READ_KEY = `SELECT secret FROM rate_limit_keys WHERE day = $1`;
const DROP_OLD_KEYS = `DELETE FROM rate_limit_keys WHERE day < $1`;

/**
 * The HMAC of a limiter's key (a door and an address) under the day's key, so that the table holds no address: the
 * privacy promise (README, "Not stored") made for SQLite's files holds on PostgreSQL's rows too. The day is the
 * database's (this process's clock corrected by the difference measured at its first hit, then at every hit), so
 * processes whose clocks differ use the same key. A window open when the day changes starts over under the new key:
 * at most once a day, an address gets one window more.
 */
function dailyKeys(sql: Sql, wall: () => number) {
  let offsetMs: number | undefined;
  // One lookup a day per process, however many hits arrive at once when the day begins; a failed one is retried.
  let current: { day: number; secret: Promise<string> } | undefined;
  const lookUp = async (day: number): Promise<string> => {
    await sql.run(ADD_KEY, [day, randomBytes(32).toString('base64url')]);
    const row = await sql.one<{ secret: string }>(READ_KEY, [day]);
    await sql.run(DROP_OLD_KEYS, [day]);
    return row!.secret;
  };
  const secretOf = (day: number): Promise<string> => {
    if (current?.day !== day) {
      const looked = { day, secret: lookUp(day) };
      looked.secret.catch(() => {
        if (current === looked) current = undefined;
      });
      current = looked;
    }
    return current.secret;
  };
  return {
    async hashed(key: string): Promise<string> {
      offsetMs ??= Number((await sql.one<{ now_ms: string }>(`SELECT ${NOW_MS} AS now_ms`))!.now_ms) - wall();
      const secret = await secretOf(Math.floor((wall() + offsetMs) / DAY_MS));
      return createHmac('sha256', secret).update(key).digest('base64url');
    },
    /** The database's time as a hit returned it, against this process's clock. */
    measured(databaseNowMs: number, localNowMs: number) {
      offsetMs = databaseNowMs - localNowMs;
    },
  };
}

/**
 * Rate-limit counters shared by every process on the database (migration 010): one row per key whose window
 * opened at the key's first hit (as the memory counter, storage/rate-counter.ts), counted with one
 * INSERT … ON CONFLICT DO UPDATE … RETURNING, which PostgreSQL runs atomically, so concurrent hits from several
 * processes each see their own count. Each process deletes ended windows once per window length (on its first
 * hit after that), so the table holds about two windows of addresses. That timing runs on performance.now(), a
 * clock that only runs forward: on the wall clock, one stepped back an hour swept nothing for that hour. Keys are
 * stored as their HMAC under the day's key (dailyKeys), never as the address they hold.
 */
export function createPgRateCounter(sql: Sql, wall: () => number = Date.now): RateCounter {
  const keys = dailyKeys(sql, wall);
  let nextSweep = 0;
  return {
    shared: true,
    async hit(key, windowMs) {
      const row = await sql.one<{ n: number; ms_left: string; now_ms: string }>(HIT, [await keys.hashed(key), windowMs]);
      const local = wall();
      keys.measured(Number(row!.now_ms), local);
      const t = performance.now();
      if (t >= nextSweep) {
        nextSweep = t + windowMs;
        await sql.run(SWEEP);
      }
      return { count: row!.n, resetAt: new Date(local + Number(row!.ms_left)) };
    },
    async unhit(key) {
      await sql.run(UNHIT, [await keys.hashed(key)]);
    },
  };
}

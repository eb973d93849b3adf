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
  RETURNING n, window_end - ${NOW_MS} AS ms_left`;
const UNHIT = `UPDATE rate_limit_hits SET n = n - 1 WHERE key = $1 AND window_end > ${NOW_MS} AND n > 0`;
const SWEEP = `DELETE FROM rate_limit_hits WHERE window_end <= ${NOW_MS}`;

/**
 * Rate-limit counters shared by every process on the database (migration 010): one row per key whose window
 * opened at the key's first hit (as the memory counter, storage/rate-counter.ts), counted with one
 * INSERT … ON CONFLICT DO UPDATE … RETURNING, which PostgreSQL runs atomically, so concurrent hits from several
 * processes each see their own count. Each process deletes ended windows once per window length (on its first
 * hit after that), so the table holds about two windows of addresses. That timing runs on performance.now(), a
 * clock that only runs forward: on the wall clock, one stepped back an hour swept nothing for that hour.
 */
export function createPgRateCounter(sql: Sql): RateCounter {
  let nextSweep = 0;
  return {
    shared: true,
    async hit(key, windowMs) {
      const row = await sql.one<{ n: number; ms_left: string }>(HIT, [key, windowMs]);
      const t = performance.now();
      if (t >= nextSweep) {
        nextSweep = t + windowMs;
        await sql.run(SWEEP);
      }
      return { count: row!.n, resetAt: new Date(Date.now() + Number(row!.ms_left)) };
    },
    async unhit(key) {
      await sql.run(UNHIT, [key]);
    },
  };
}

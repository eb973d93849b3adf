import type { RateCounter } from '../rate-counter.ts';
import type { Sql } from './sql.ts';

// The database's clock picks the window, so processes whose clocks differ still count in the same row; the time
// left is returned beside it and added to this process's clock for Retry-After. Epoch milliseconds as BIGINT.
const NOW_MS = '(extract(epoch FROM now()) * 1000)::bigint';
const WINDOW_START = `(floor(extract(epoch FROM now()) * 1000 / $2::bigint) * $2::bigint)::bigint`;

const HIT = `INSERT INTO rate_limit_hits AS h (key, window_start, window_end, n)
  VALUES ($1, ${WINDOW_START}, ${WINDOW_START} + $2::bigint, 1)
  ON CONFLICT (key, window_start) DO UPDATE SET n = h.n + 1
  RETURNING n, window_end - ${NOW_MS} AS ms_left`;
const UNHIT = `UPDATE rate_limit_hits SET n = n - 1 WHERE key = $1 AND window_start = ${WINDOW_START} AND n > 0`;
const SWEEP = `DELETE FROM rate_limit_hits WHERE window_end <= ${NOW_MS}`;

/**
 * Rate-limit counters shared by every process on the database (migration 010): one row per (key, window start),
 * counted with one INSERT … ON CONFLICT DO UPDATE … RETURNING, which PostgreSQL runs atomically, so concurrent
 * hits from several processes each see their own count. Each process deletes ended windows once per window
 * length (on its first hit after that), so the table holds about two windows of addresses.
 */
export function createPgRateCounter(sql: Sql): RateCounter {
  let nextSweep = 0;
  return {
    shared: true,
    async hit(key, windowMs) {
      const row = await sql.one<{ n: number; ms_left: string }>(HIT, [key, windowMs]);
      if (Date.now() >= nextSweep) {
        nextSweep = Date.now() + windowMs;
        await sql.run(SWEEP);
      }
      return { count: row!.n, resetAt: new Date(Date.now() + Number(row!.ms_left)) };
    },
    async unhit(key, windowMs) {
      await sql.run(UNHIT, [key, windowMs]);
    },
  };
}

/**
 * Hit counters for the rate limits (routes/rate-limit.ts). A key's window opens at its first hit and lasts
 * `windowMs`, as express-rate-limit's own memory store counts: someone over the limit is told to wait the rest of
 * the window that their own first hit opened (about the whole window when they burst), never a time that depends
 * on where the wall clock happens to be. On SQLite (one process by design) the counts live in this process's memory: a limiter check costs no
 * database round trip. On PostgreSQL they live in a table that every `vlab serve` process shares
 * (storage/postgres/rate-counter.ts), so N processes behind a balancer enforce one limit, not N.
 */
export interface RateCounter {
  /** Whether every process on the database sees the same counts (PostgreSQL) or only this one (SQLite). */
  readonly shared: boolean;
  /** Counts one hit on `key` in the current window; resolves with the window's count and when it ends (this process's clock). */
  hit(key: string, windowMs: number): Promise<{ count: number; resetAt: Date }>;
  /** Takes back one hit on `key` in the current window (a request that turned out not to count); never below 0. */
  unhit(key: string, windowMs: number): Promise<void>;
}

/** Milliseconds on a clock that only runs forward (not the wall clock, which NTP or a resumed VM can step back). */
const elapsedMs = () => performance.now();

/**
 * Counters in this process's memory. Windows that have ended are dropped once per window length (on the first hit
 * after it), so the map holds at most the addresses seen in about two windows. Windows run on `now`, a monotonic
 * clock: on the wall clock, one stepped back an hour kept every open window (and the sweep) an hour longer, and
 * refused an address over its limit for that long. Only `resetAt`, an instant for Retry-After, is read from
 * `wall`. Tests inject one clock, which is then both.
 */
export function createMemoryRateCounter(
  now: () => number = elapsedMs,
  wall: () => number = now === elapsedMs ? () => Date.now() : now,
): RateCounter & { windowCount(): number } {
  const windows = new Map<string, { end: number; n: number }>();
  let nextSweep = 0;
  return {
    shared: false,
    windowCount: () => windows.size,
    async hit(key, windowMs) {
      const t = now();
      if (t >= nextSweep) {
        for (const [k, w] of windows) if (w.end <= t) windows.delete(k);
        nextSweep = t + windowMs;
      }
      let current = windows.get(key);
      if (!current || current.end <= t) windows.set(key, (current = { end: t + windowMs, n: 0 }));
      current.n++;
      return { count: current.n, resetAt: new Date(wall() + (current.end - t)) };
    },
    async unhit(key) {
      const current = windows.get(key);
      if (current && current.end > now() && current.n > 0) current.n--;
    },
  };
}

/**
 * The shared counter while its database takes hits, else this process's memory: a PostgreSQL that answers but takes
 * no writes (`refused`: a standby after a failover, `default_transaction_read_only`, a full disk) refused every
 * hit, and every researcher request counts one before it reads, so downloads, estimates and wave status were 503
 * busy on a database they could read (attacker pass 34). Meanwhile the limits hold per process, as on SQLite; a
 * database out of reach still fails the hit (503 busy), since nothing behind the limiter could be answered either.
 */
export function localWhileRefused(shared: RateCounter, refused: (error: unknown) => boolean): RateCounter {
  const local = createMemoryRateCounter();
  // Where the last hit of each key went, so that its take-back goes there too.
  const countedLocally = new Set<string>();
  return {
    shared: shared.shared,
    async hit(key, windowMs) {
      try {
        const counted = await shared.hit(key, windowMs);
        countedLocally.delete(key);
        return counted;
      } catch (error) {
        if (!refused(error)) throw error;
        if (countedLocally.size >= 10_000) countedLocally.clear();
        countedLocally.add(key);
        return local.hit(key, windowMs);
      }
    },
    async unhit(key, windowMs) {
      if (countedLocally.has(key)) return local.unhit(key, windowMs);
      return shared.unhit(key, windowMs);
    },
  };
}

/**
 * What a PostgreSQL server's own settings put at risk that vlab's sessions cannot mend (they set READ COMMITTED
 * and synchronous_commit for themselves: postgres-store.ts), in words for `vlab serve` to say once at start.
 * Attacker pass 20: `fsync = off` (a bulk-load or benchmark tip) made every acknowledged answer depend on the
 * operating system writing it back some time later, and nothing said so.
 */

/**
 * The warning for PostgreSQL's `fsync` setting (`SHOW fsync`: `on` or `off`), or undefined when it is on. With it
 * off PostgreSQL never forces its WAL to disk: a crash of the server's machine (power, kernel) loses answers
 * already acknowledged to respondents, and can leave the database corrupt. Only the server's configuration can turn
 * it on (postgresql.conf and a reload), so vlab says so and goes on serving.
 */
export function fsyncWarning(fsync: string): string | undefined {
  if (fsync.trim().toLowerCase() !== 'off') return undefined;
  return (
    "PostgreSQL's fsync is off on this server (SHOW fsync): answers acknowledged to respondents can be lost, and the " +
    'database corrupted, if its machine crashes or loses power; set fsync = on in postgresql.conf and reload ' +
    '(docs/deploy.md, "Settings vlab\'s sessions set for themselves")'
  );
}

/** Past this gap (beyond the round trip) between the host's clock and the database's, `vlab serve` says so. */
const SKEW_WARNING_MS = 2000;

/**
 * The warning for a host clock `skewMs` ahead of the database server's (negative: behind), or undefined within
 * 2 s. Lease ends, saves and completions are written on each process's clock (docs/deploy.md, "Clocks"), so hosts
 * whose clocks differ give leases that much shorter or longer; the lapsed mark keeps every level within its cap.
 */
export function clockSkewWarning(skewMs: number): string | undefined {
  if (Math.abs(skewMs) <= SKEW_WARNING_MS) return undefined;
  const seconds = Math.round(Math.abs(skewMs) / 100) / 10;
  return (
    `this host's clock is ${seconds} s ${skewMs > 0 ? 'ahead of' : 'behind'} the database server's (clock_timestamp()): quota leases ` +
    'and save and completion times are written on each host’s clock, so respondents here get quota leases that much ' +
    "shorter or longer than other hosts' (never a quota level over its cap); keep every host's clock in step (NTP) " +
    '(docs/deploy.md, "Clocks")'
  );
}

/** This host's clock minus the database's (ms), the database read between two readings of this host's. */
async function clockSkew(databaseClock: () => Promise<number>): Promise<{ skew: number; roundTrip: number }> {
  const before = Date.now();
  const database = await databaseClock();
  const after = Date.now();
  return { skew: (before + after) / 2 - database, roundTrip: after - before };
}

/**
 * Every warning about the server's settings, asking `show` for each setting's value (`SHOW name`), and about this
 * host's clock against the database's (`databaseClock`: its time in ms). What cannot be read (a server that went
 * away just now) is passed over: a warning is advice, not a reason to stop.
 */
export async function serverSettingsWarnings(show: (setting: string) => Promise<string>, databaseClock?: () => Promise<number>): Promise<string[]> {
  const fsync = await show('fsync').catch(() => undefined);
  const warnings = [fsync === undefined ? undefined : fsyncWarning(fsync)];
  const measured = databaseClock && (await clockSkew(databaseClock).catch(() => undefined));
  // Within the round trip the reading cannot tell a gap from the time the query took.
  if (measured) warnings.push(clockSkewWarning(Math.sign(measured.skew) * Math.max(0, Math.abs(measured.skew) - measured.roundTrip / 2)));
  return warnings.filter((w): w is string => w !== undefined);
}

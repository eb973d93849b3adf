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

/**
 * Every warning about the server's settings, asking `show` for each setting's value (`SHOW name`). A setting that
 * cannot be read (a server that went away just now) is passed over: a warning is advice, not a reason to stop.
 */
export async function serverSettingsWarnings(show: (setting: string) => Promise<string>): Promise<string[]> {
  const fsync = await show('fsync').catch(() => undefined);
  const warning = fsync === undefined ? undefined : fsyncWarning(fsync);
  return warning ? [warning] : [];
}

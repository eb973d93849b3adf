/**
 * The once-a-minute warning for writes PostgreSQL refused (server/routes/errors.ts) in words that fit PostgreSQL's
 * cause, by its SQLSTATE (https://www.postgresql.org/docs/current/errcodes-appendix.html): SQLite's "disk full,
 * read-only or overloaded?" sent an operator whose database was dropped, or whose role may no longer log in, to
 * look at the disk. No pg import: the routes read it.
 */
/**
 * Why vlab refuses a connection pooler that shares PostgreSQL sessions between its clients (PgBouncer's `pool_mode =
 * transaction` or `statement`, pgcat or Odyssey in transaction mode). Each of vlab's connections sets its session
 * (session-client.ts: READ COMMITTED, synchronous_commit on, the float digits, the timeouts, the schema it keeps) and
 * names its prepared statements (sql.ts); through such a pooler the next statement may run in another client's
 * session. Live (attacker pass 34, PgBouncer 1.18 in transaction mode): `vlab wave create` passed, then `vlab wave
 * list` ended in a stack trace, `prepared statement "vlab_…" already exists`, and nothing of the session settings
 * was sure to hold.
 */
export const SHARED_SESSIONS_WORDS =
  "its connections share PostgreSQL sessions with other clients: a pooler in transaction or statement mode (PgBouncer's pool_mode = transaction) sits between vlab and PostgreSQL, and vlab keeps settings and prepared statements in each session; point VLAB_DB at PostgreSQL itself, or at a pool in session mode (pool_mode = session)";

const WORDS: readonly [state: RegExp, words: string][] = [
  [/^3D000$/, 'the PostgreSQL database named in VLAB_DB does not exist (dropped or renamed?): nothing is stored until it is back; restore it (pg_restore) or point VLAB_DB at it'],
  [/^28(000|P01)$/, "PostgreSQL refuses this server's login (the role removed, NOLOGIN, or its password changed?): nothing is stored until VLAB_DB's role may log in again"],
  [/^42501$/, "PostgreSQL denies this server's role the use of vlab's tables (privileges revoked, or the role changed?): grant them back to VLAB_DB's role"],
  [/^25006$/, 'the PostgreSQL server takes no writes (read-only: a standby after a failover, or default_transaction_read_only?): point VLAB_DB at the primary, or turn read-only off'],
  [/^53100$/, "the PostgreSQL server's disk is full: free space there"],
  [/^53200$/, 'the PostgreSQL server is out of memory'],
  [/^53300$/, 'the PostgreSQL server has no free connection (too many clients: max_connections, or pools of too many processes?)'],
  [/^53400$/, 'a statement needed more temporary file space than temp_file_limit allows (set for the server, database or role: a large sort or export spills to files past work_mem): raise temp_file_limit for VLAB_DB\'s role, or work_mem'],
  [/^53/, 'the PostgreSQL server lacks resources (disk, memory or connections)'],
  [/^57014$/, "PostgreSQL cancelled statements (the 15 s statement timeout under overload, or an operator's pg_cancel_backend)"],
  [/^40(001|P01)$/, 'PostgreSQL transactions kept conflicting past three retries (serialization failures or deadlocks): many requests on one wave at once, or another program locking its rows'],
  // A prepared statement of vlab's met in a session that another client already prepared it in, or missing from it:
  // the signs of a pooler in transaction mode that the check at the open missed (shared-sessions.ts).
  [/^(42P05|26000)$/, `a prepared statement clashed with another client's on the same PostgreSQL session: ${SHARED_SESSIONS_WORDS}`],
  [/^55P03$/, "PostgreSQL gave up waiting for a row lock (lock_timeout, set for VLAB_DB's database or role): another session held a row vlab needed; look for a long transaction in pg_stat_activity, or raise lock_timeout for vlab's role"],
];

/** The code of the cause the store gives a wait for a pooled connection that timed out with every one in use. */
export const POOL_EXHAUSTED = 'VLAB_POOL_EXHAUSTED';

/** The warning's words for a PostgreSQL error's SQLSTATE, or undefined for any other error (SQLite's, say). */
export function postgresRefusalWords(cause: unknown): string | undefined {
  const { code } = (cause ?? {}) as { code?: unknown };
  if (code === POOL_EXHAUSTED) return "every connection of this process's PostgreSQL pool stayed in use past the wait (slow requests holding them, or more traffic than the pool serves)";
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return undefined;
  return WORDS.find(([state]) => state.test(code))?.[1];
}

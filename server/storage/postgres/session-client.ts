import pg from 'pg';

/** The schema vlab's tables are in, once the store has opened (null while it checks and migrates). */
export interface SchemaPin {
  schema: string | null;
}

/** The statement that keeps a session's search_path on `schema` alone (PostgreSQL's own catalogs stay first). */
export function pinSchema(client: pg.ClientBase, schema: string): string {
  return `SELECT set_config('search_path', ${client.escapeLiteral(client.escapeIdentifier(schema))}, false)`;
}

/**
 * What every connection sets for its own session, over the defaults an operator gave the database or role
 * (attacker pass 19):
 * - READ COMMITTED: vlab's transactions are written for it (rows locked FOR UPDATE are read as last committed, a
 *   conflict waits instead of failing). A default_transaction_isolation of serializable made starts, quota steps
 *   and completions fail past their retries with 40001: 500s.
 * - synchronous_commit on where it was off: an acknowledgement waits for the commit's WAL flush, as SQLite's
 *   `synchronous = FULL`; with it off a PostgreSQL crash loses the last acknowledged answers. Other values (local,
 *   remote_write, remote_apply) flush locally already and are kept.
 * - TCP keepalive of the server's end, 10 s idle, 5 s apart, 3 probes (where the OS's, 7,200 s + 9 × 75 s on Linux,
 *   or a longer value is in force; shorter kept): across a network that drops packets vlab discards a connection
 *   after its query timeout, but the backend kept its open transaction and the participant's or wave's row locks
 *   until its keepalive found vlab gone — two hours of 503s for that wave's completions (attacker pass 21's lead).
 * - extra_float_digits 1 where it was lower: from PostgreSQL 12 on any positive value writes a DOUBLE PRECISION in
 *   the fewest digits that read back exactly; 0 or less rounds it, and node-postgres parses that text. At -15 the
 *   exported assignment probability 1/48 was 0.02 (attacker pass 32).
 * - idle_in_transaction_session_timeout at least 5 s where it is set lower (0, off, kept): vlab's transactions wait
 *   between statements only for its own work, tens of milliseconds on a busy machine; at 50 ms 2–4 of 150 starts were
 *   503 with no word why, at 10 ms `vlab serve` did not start ("cannot be reached"). As vlab's own statement_timeout
 *   overrides the database's, this keeps a DBA's guard against leaked transactions at a length vlab can live with
 *   (attacker pass 33).
 * - lock_timeout at least 5 s where it is set lower (0, off, kept): a DBA's guard meant for migrations queueing behind
 *   a long query also ended vlab's own queue on a wave's row, where processes starting respondents at once wait their
 *   turn for the draw a few ms each; at 10 ms 87 of 90 starts over three processes were 503, at 50 ms 66, each logged
 *   as another session's long transaction. vlab's 15-s statement timeout still bounds every wait (PostgreSQL pass 43).
 * - work_mem at least 4MB (PostgreSQL's default) where it is set lower: a wave's counts by status, quota level and
 *   cell group its rows, which the planner may do by sorting them; at 64kB with temp_file_limit = 0 the sort of a
 *   1,500-participant wave was refused (53400), and the dashboard's wave list and status were 503 (attacker pass
 *   35). Exports and estimates read in pages, so this bounds vlab's memory per sort as PostgreSQL's default does.
 * - search_path: the schema the store opened in (SchemaPin), once it is known. The check that vlab's tables are where
 *   the search_path leads (schema-elsewhere.ts) runs as the store opens; a DBA's `ALTER DATABASE … SET search_path`
 *   while `vlab serve` ran reached every connection the pool opened afterwards (after its idle reap): with a schema
 *   of their own and no `public`, every start, save and /healthz failed with 42P01 (500s); with a schema holding
 *   another project first, answers would have gone into its tables (attacker pass 33).
 */
const SESSION_SETTINGS =
  'SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED; ' +
  "SELECT set_config('synchronous_commit', 'on', false) WHERE current_setting('synchronous_commit') = 'off'; " +
  "SELECT set_config('extra_float_digits', '1', false) WHERE current_setting('extra_float_digits')::int < 1; " +
  // current_setting(), not the pg_settings view: PostgreSQL builds that view's ~350 rows in work_mem, and at 64kB
  // with temp_file_limit = 0 the statement failed and the connection went out with none of these settings
  // (attacker pass 34). A time setting reads as '0', '10ms', '5s' or '2h' (a bare number is seconds, and a count reads as seconds too): an interval.
  "SELECT set_config('idle_in_transaction_session_timeout', '5s', false) " +
  "WHERE current_setting('idle_in_transaction_session_timeout')::interval BETWEEN '1ms' AND '4999ms'; " +
  "SELECT set_config('lock_timeout', '5s', false) WHERE current_setting('lock_timeout')::interval BETWEEN '1ms' AND '4999ms'; " +
  "SELECT set_config('work_mem', '4MB', false) WHERE pg_size_bytes(current_setting('work_mem')) < 4 * 1024 * 1024; " +
  'SELECT set_config(name, want.value::text, false) FROM (VALUES ' +
  "('tcp_keepalives_idle', 10), ('tcp_keepalives_interval', 5), ('tcp_keepalives_count', 3)) AS want(name, value) " +
  "WHERE current_setting(name)::interval = interval '0' OR current_setting(name)::interval > want.value * interval '1 s'";

/**
 * The class of a pool's connections: each sets SESSION_SETTINGS, and keeps `pin`'s schema once it is known, before
 * the pool hands it out (a query queued beside the user's first one is deprecated in node-postgres), listening for
 * errors from its construction. If the settings fail (the connection lost), it is handed out all the same and its
 * first statement fails as unavailable, as before.
 */
export function sessionClient(pin: SchemaPin): typeof pg.Client {
  return class SessionClient extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      super(config);
      // A backend ended the moment its start-up finished (pg_terminate_backend, a failover) sends FATAL 57P01 in the
      // same TCP read as its ReadyForQuery: node-postgres emits the error before anyone awaiting pool.connect() or
      // pool.query() can listen, and an 'error' without a listener ended the process (attacker pass 17). Each client
      // listens for its whole life; a dead client's next statement fails as unavailable (503 busy) and is discarded.
      this.on('error', () => undefined);
    }

    override connect(): Promise<pg.Client>;
    override connect(callback: ((err: Error) => void) | ((err: null, c: pg.Client) => void)): void;
    override connect(callback?: ((err: Error) => void) | ((err: null, c: pg.Client) => void)): Promise<pg.Client> | void {
      const settled = () => this;
      const settings = pin.schema === null ? SESSION_SETTINGS : `${SESSION_SETTINGS}; ${pinSchema(this, pin.schema)}`;
      const ready = super.connect().then(() => this.query(settings).then(settled, settled));
      if (!callback) return ready;
      const done = callback as (err: Error | null, c?: pg.Client) => void;
      ready.then((client) => done(null, client), (error: Error) => done(error));
    }
  };
}

import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { openStore } from '../../server/storage/open-store.ts';
import { createTestDatabase } from './postgres-test-database.ts';

/** How a backend ends: pg_terminate_backend (57P01), or an operator's `idle_session_timeout` (57P05) or idle-in-transaction timeout (25P03). */
export type BackendEnd = { code: string; message: string };
export const TERMINATED_BY_ADMINISTRATOR: BackendEnd = { code: '57P01', message: 'terminating connection due to administrator command' };
export const IDLE_SESSION_TIMEOUT: BackendEnd = { code: '57P05', message: 'terminating connection due to idle-session timeout' };
export const IDLE_IN_TRANSACTION_TIMEOUT: BackendEnd = { code: '25P03', message: 'terminating connection due to idle-in-transaction timeout' };

/**
 * PostgreSQL's FATAL ErrorResponse for a backend ended (by pg_terminate_backend, 57P01, unless `end` says
 * otherwise), as the server sends it before closing the connection.
 */
function backendEnded(end: BackendEnd): Buffer {
  const field = (tag: string, value: string) => Buffer.concat([Buffer.from(tag), Buffer.from(value), Buffer.from([0])]);
  const body = Buffer.concat([
    field('S', 'FATAL'),
    field('V', 'FATAL'),
    field('C', end.code),
    field('M', end.message),
    Buffer.from([0]),
  ]);
  const head = Buffer.alloc(5);
  head.write('E', 0);
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

/**
 * Relays the server's side of a new connection until its first ReadyForQuery ('Z', the end of the start-up),
 * then sends everything held, that message and a FATAL (57P01 unless `ending` says otherwise) in one write and closes:
 * what a client reads when pg_terminate_backend ends a backend the moment it has started (one TCP read holds both
 * messages), or when idle_session_timeout ends one the moment it is handed out.
 */
function terminateAfterStartUp(upstream: Socket, client: Socket, drop: () => void, ending: BackendEnd): void {
  let held = Buffer.alloc(0);
  const onData = (chunk: Buffer) => {
    held = Buffer.concat([held, chunk]);
    for (let at = 0; at + 5 <= held.length; ) {
      const end = at + 1 + held.readInt32BE(at + 1);
      if (end > held.length) return;
      if (held[at] === 0x5a /* 'Z' */) {
        upstream.off('data', onData);
        client.end(Buffer.concat([held.subarray(0, end), backendEnded(ending)]), drop);
        return;
      }
      at = end;
    }
  };
  upstream.on('data', onData);
}

/** A simple-protocol Query ('Q') other than the session settings every connection sends first (/healthz's ping). */
const isStatementQuery = (chunk: Buffer) => chunk[0] === 0x51 /* 'Q' */ && !chunk.includes('SET SESSION CHARACTERISTICS');

/**
 * Relays a new connection as usual until the client's first extended-protocol statement (Parse or Bind: every
 * statement vlab's repositories send; the session settings go before it as a simple query) or simple query other
 * than the session settings (/healthz's ping), which is not passed
 * on: the client is sent the FATAL `ending` instead and the connection closed. What a client reads when the server
 * ended its session (an idle timeout, pg_terminate_backend) while the statement was on its way: the statement was
 * sent, and only the server's code says whether it could have run.
 */
function endAtFirstStatement(upstream: Socket, client: Socket, drop: () => void, ending: BackendEnd): void {
  client.on('data', (chunk: Buffer) => {
    if (chunk[0] === 0x50 /* 'P' */ || chunk[0] === 0x42 /* 'B' */ || isStatementQuery(chunk)) client.end(backendEnded(ending), drop);
    else upstream.write(chunk);
  });
  upstream.pipe(client);
}

/**
 * A TCP relay to the test server that the test can cut and restore: PostgreSQL going away and coming back; and
 * `terminateNextStarts(n)` ends the next n connections right after their start-up, as pg_terminate_backend can
 * (or as `end` says); `endNextAtFirstStatement(n)` ends the next n at their first statement (endAtFirstStatement).
 */
export async function relayTo(
  target: URL,
): Promise<{
  port: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
  terminateNextStarts(n: number, end?: BackendEnd): void;
  /** How many of the connections terminateNextStarts asked for have not been opened yet. */
  terminationsLeft(): number;
  endNextAtFirstStatement(n: number, end: BackendEnd): void;
  /** How many of the connections endNextAtFirstStatement asked for have not been opened yet. */
  statementEndsLeft(): number;
  /**
   * Stops passing bytes either way on every connection, open or new, without closing any: a network that drops
   * packets (a partition, a host gone without a reset), where a statement's answer never comes.
   */
  silence(): void;
}> {
  const sockets = new Set<Socket>();
  let server: Server;
  let port = 0;
  let toTerminate = 0;
  let toEndAtStatement = 0;
  let ending = TERMINATED_BY_ADMINISTRATOR;
  let silent = false;
  const start = async () => {
    server = createServer((client) => {
      const upstream = connect(Number(target.port || 5432), target.hostname);
      sockets.add(client).add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        sockets.delete(client);
        sockets.delete(upstream);
      };
      if (toEndAtStatement > 0) {
        toEndAtStatement--;
        endAtFirstStatement(upstream, client, drop, ending);
      } else if (toTerminate > 0) {
        client.pipe(upstream);
        toTerminate--;
        terminateAfterStartUp(upstream, client, drop, ending);
      } else {
        client.pipe(upstream);
        upstream.pipe(client);
      }
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      // After pipe(), which resumes its source.
      if (silent) (client.pause(), upstream.pause());
    });
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    // The same port again on restore: the pool's URL names it.
    port = (server.address() as { port: number }).port;
  };
  await start();
  const stop = async () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    port,
    cut: stop,
    restore: start,
    close: stop,
    terminateNextStarts: (n, end = TERMINATED_BY_ADMINISTRATOR) => ((toTerminate = n), (ending = end)),
    terminationsLeft: () => toTerminate,
    endNextAtFirstStatement: (n, end) => ((toEndAtStatement = n), (ending = end)),
    statementEndsLeft: () => toEndAtStatement,
    silence: () => {
      silent = true;
      for (const socket of sockets) socket.pause();
    },
  };
}

/**
 * A new test database, a relay to it and a store opened through the relay (as `vlab serve` would be): `url` is
 * the relayed address, and `close()` closes the store and the relay and drops the database.
 */
export async function storeBehindRelay() {
  const database = await createTestDatabase();
  const relay = await relayTo(new URL(database.url));
  const viaRelay = new URL(database.url);
  viaRelay.hostname = '127.0.0.1';
  viaRelay.port = String(relay.port);
  const store = await openStore(viaRelay.toString());
  return {
    relay,
    store,
    url: viaRelay.toString(),
    async close() {
      await store.close();
      await relay.close().catch(() => undefined);
      await database.drop();
    },
  };
}

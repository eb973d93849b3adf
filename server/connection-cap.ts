import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { addressGroup } from './address-group.ts';

/** What a refused client is asked to wait: connections free up within the headers timeout or a download's end. */
export const CONNECTION_RETRY_AFTER_SECONDS = 5;

/** How long a refused connection may stay open for its answer to leave before it is destroyed. */
const REFUSED_LINGER_MS = 1000;

const BODY = JSON.stringify({ error: { code: 'busy', message: 'the server has too many open connections; try again in a few seconds' } });

/**
 * The answer past the cap, written raw on the socket: one write, no parser, no app. A 503 rather than a closed
 * connection, so the respondent page says "busy, retrying" (it retries every 5xx) instead of "check your connection".
 */
const BUSY_ANSWER =
  `HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(BODY)}\r\n` +
  `Retry-After: ${CONNECTION_RETRY_AFTER_SECONDS}\r\nConnection: close\r\n\r\n${BODY}`;

const refused = new WeakSet<Socket>();

/** Whether `socket` was answered 503 by the cap: a request the parser still reads on it must not reach the app. */
export const wasRefused = (socket: Socket) => refused.has(socket);

/**
 * Caps the open connections at `total`, and those from one address at `perAddress` (null: no per-address share);
 * an IPv6 client's "address" is its /64 (address-group.ts), which it could otherwise rotate through.
 * Node's own `maxConnections` closes a connection past it before any code of ours sees the socket (its 'drop'
 * event has only the addresses), so the count is kept here, on 'connection' and 'close'.
 */
export function capConnections(server: Server, total: number, perAddress: number | null): void {
  let open = 0;
  // Refused connections waiting for their answer to leave: at most `total` more, so that a flood of connections
  // that never read cannot hold more descriptors than twice the cap; past that one is closed without an answer.
  let answering = 0;
  const byAddress = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = addressGroup(socket.remoteAddress ?? '');
    const fromAddress = byAddress.get(address) ?? 0;
    if (open >= total || (perAddress !== null && fromAddress >= perAddress)) {
      if (answering >= total) return void socket.destroy();
      answering++;
      socket.once('close', () => answering--);
      return refuse(socket);
    }
    open++;
    byAddress.set(address, fromAddress + 1);
    socket.once('close', () => {
      open--;
      const left = (byAddress.get(address) ?? 1) - 1;
      if (left > 0) byAddress.set(address, left);
      else byAddress.delete(address);
    });
  });
}

/** Answers 503 and closes; destroyed after a second whatever the client does (it may never read or close). */
function refuse(socket: Socket): void {
  refused.add(socket);
  socket.end(BUSY_ANSWER);
  const timer = setTimeout(() => socket.destroy(), REFUSED_LINGER_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}

import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { addressGroup } from './address-group.ts';
import { parseRequestHead, type RequestHead } from './busy-page.ts';

/** What a refused client is asked to wait: connections free up within the headers timeout or a download's end. */
export const CONNECTION_RETRY_AFTER_SECONDS = 5;

/**
 * How long a refused connection's request head is waited for. A browser sends it with the connection, so this is
 * only ever reached by a client that sends nothing, or a head that never ends: those get the JSON answer then.
 */
const REFUSED_READ_MS = 500;
/** How much of the head is kept: enough for the request line, Accept and Accept-Language (a browser sends Cookie last). */
const REFUSED_HEAD_BYTES = 8192;
/** How long a refused connection may stay open after its answer, to leave, before it is destroyed. */
const REFUSED_LINGER_MS = 1000;

/** The answer a refused connection gets for what it sent (busy-page.ts's busyAnswers). */
export type BusyAnswer = (head: RequestHead | null) => string;

/**
 * Caps the open connections at `total`, and those from one address at `perAddress` (null: no per-address share);
 * an IPv6 client's "address" is its /64 (address-group.ts), which it could otherwise rotate through.
 * Node's own `maxConnections` closes a connection past it before any code of ours sees the socket (its 'drop'
 * event has only the addresses), so the count is kept here. The HTTP server's own 'connection' listeners (Node's
 * parser) are taken off the server and given only the connections admitted: a refused one is read here, a bounded
 * head, and answered `busyAnswer`'s 503, so no request on it can reach the app.
 */
export function capConnections(server: Server, total: number, perAddress: number | null, busyAnswer: BusyAnswer): void {
  const admit = server.listeners('connection') as ((socket: Socket) => void)[];
  server.removeAllListeners('connection');
  let open = 0;
  // Refused connections waiting for their answer to leave: at most `total` more, so that a flood of connections
  // that never read cannot hold more descriptors than twice the cap; past that one is closed without an answer.
  let answering = 0;
  const byAddress = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = addressGroup(socket.remoteAddress ?? '');
    const fromAddress = byAddress.get(address) ?? 0;
    if (open >= total || (perAddress !== null && fromAddress >= perAddress)) {
      socket.on('error', () => {}); // a refused client's reset must not be an uncaught error (Node's parser, which listens, is not attached)
      if (answering >= total) return void socket.destroy();
      answering++;
      socket.once('close', () => answering--);
      return refuse(socket, busyAnswer);
    }
    open++;
    byAddress.set(address, fromAddress + 1);
    socket.once('close', () => {
      open--;
      const left = (byAddress.get(address) ?? 1) - 1;
      if (left > 0) byAddress.set(address, left);
      else byAddress.delete(address);
    });
    for (const listener of admit) listener.call(server, socket);
  });
}

/**
 * Reads the request head (at most REFUSED_HEAD_BYTES, for at most REFUSED_READ_MS), answers 503 and closes; the
 * connection is destroyed at the latest REFUSED_LINGER_MS later whatever the client does (it may never read or
 * close). What arrives after the head (a body, pipelined requests, the rest of a huge header) is read and dropped:
 * closing with unread data would reset the connection, and the client could lose the answer.
 */
function refuse(socket: Socket, busyAnswer: BusyAnswer): void {
  let head = '';
  let answered = false;
  const answer = () => {
    if (answered) return;
    answered = true;
    clearTimeout(reading);
    socket.end(busyAnswer(parseRequestHead(head)));
  };
  const reading = setTimeout(answer, REFUSED_READ_MS);
  const lifetime = setTimeout(() => socket.destroy(), REFUSED_READ_MS + REFUSED_LINGER_MS);
  reading.unref();
  lifetime.unref();
  socket.once('close', () => {
    clearTimeout(reading);
    clearTimeout(lifetime);
  });
  socket.once('end', answer);
  socket.on('data', (chunk: Buffer) => {
    if (answered) return;
    head += chunk.toString('latin1', 0, Math.min(chunk.length, REFUSED_HEAD_BYTES - head.length));
    if (/\r?\n\r?\n/.test(head) || head.length >= REFUSED_HEAD_BYTES) answer();
  });
}

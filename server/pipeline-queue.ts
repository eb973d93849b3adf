import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { addressGroup } from './address-group.ts';
import type { Logger } from './logger.ts';
import { lineThrottle } from './routes/errors.ts';

/** Requests of one connection the app runs at once; the connection's further pipelined requests wait their turn. */
export const PIPELINED_RUNNING = 4;
/** Requests one connection may have waiting for their turn (pipelined) before it is cut off. */
export const PIPELINED_WAITING = 100;

interface Turns {
  running: number;
  waiting: [IncomingMessage, ServerResponse][];
}

/**
 * The app, running at most PIPELINED_RUNNING requests of one connection at a time. Node parses every request of a
 * chunk it reads at once and hands each to the app, so a client writing requests without reading the answers had
 * thousands run per read: 150 connections of 1,500 pipelined page requests (8 MB) held the server 160 s while a new
 * visitor's health check waited (attacker pass 41). Further requests wait and run as earlier ones are answered, so a
 * connection's requests take turns with everyone else's; answers still go out in order (Node queues them). Node
 * keeps reading and parsing meanwhile (its parser reads the socket itself, so pausing the stream would not stop it):
 * the cap on waiting requests is what bounds a connection's share. No browser pipelines; a script that pipelines a few dozen is served (50 starts,
 * tests/server/http-framing.test.ts). Past PIPELINED_WAITING waiting the connection is destroyed without an answer
 * (its client reads none); the requests of the same read that follow reach nothing, and `onCut` is told.
 */
export function pipelineQueue(app: RequestListener, onCut: (socket: Socket) => void = () => undefined): RequestListener {
  const turns = new WeakMap<Socket, Turns>();
  const run = (req: IncomingMessage, res: ServerResponse, socket: Socket, own: Turns) => {
    own.running++;
    res.once('close', () => {
      own.running--;
      const next = own.waiting.shift();
      if (next) run(next[0], next[1], socket, own);
    });
    app(req, res);
  };
  return (req, res) => {
    const socket = req.socket;
    let own = turns.get(socket);
    if (!own) turns.set(socket, (own = { running: 0, waiting: [] }));
    if (socket.destroyed) return;
    if (own.running < PIPELINED_RUNNING) return run(req, res, socket, own);
    if (own.waiting.length >= PIPELINED_WAITING) {
      own.waiting.length = 0;
      onCut(socket);
      socket.destroy();
      return;
    }
    own.waiting.push([req, res]);
  };
}

/**
 * A warning when pipelineQueue cuts a connection off: the cut left no trace, so an operator whose load tester or
 * monitoring script pipelines could not tell why its connections closed without answers (attacker pass 42). One line a
 * minute per address group (address-group.ts), with how many cuts since its last line; the address itself is never
 * logged (no IPs in the logs).
 */
export function pipelineCutLog(logger: Logger): (socket: Socket) => void {
  const due = lineThrottle();
  return (socket) => {
    const line = due(addressGroup(socket.remoteAddress ?? ''));
    if (!line) return;
    logger.warn(
      { pipelinedCut: line.count },
      `closed a connection that had more than ${PIPELINED_WAITING} pipelined requests waiting (${PIPELINED_RUNNING} run at a time) without answering them: ` +
        `no browser pipelines; a script or load tester that writes requests without reading the answers must send at most ${PIPELINED_WAITING} ahead, or use more connections`,
    );
  };
}

// The server `vlab serve` listens with (server/http-server.ts), driven over raw sockets: shared by
// http-server.test.ts and connection-cap-answers.test.ts.
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../../server/config.ts';
import { createHttpServer } from '../../server/http-server.ts';
import { createTestApp } from './test-app.ts';

// The server `vlab serve` listens with (server/http-server.ts), over the test app, with short limits.
export async function listening(overrides: Record<string, number | string>) {
  const t = await createTestApp();
  // The requests that reached the app: one read on a refused connection must not (a start would make a participant).
  const reached: string[] = [];
  const app: typeof t.app = Object.assign((req: IncomingMessage, res: ServerResponse) => {
    reached.push(req.url ?? '');
    t.app(req, res);
  }, t.app);
  const server = createHttpServer(app, loadConfig({}, overrides), t.waveLanguages).listen(0);
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    t,
    port,
    reached,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      t.close();
    },
  };
}

/** Resolves with what the server sent once it closes the connection, or with null if it is still open after `ms`. */
export function closedWithin(socket: Socket, ms: number): Promise<string | null> {
  let received = '';
  socket.on('data', (chunk) => (received += chunk));
  return Promise.race([once(socket, 'close').then(() => received), sleep(ms).then(() => null)]);
}

/** Writes `request` on a new connection and answers all the server sent before it closed, or 'still open' after 4 s. */
export async function sentWhole(port: number, request: string): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  const closed = closedWithin(socket, 4000);
  socket.write(request);
  return (await closed) ?? 'still open';
}

/** Opens `count` connections to the server and waits until it has taken each. */
export async function openConnections(port: number, count: number, sockets: Socket[]): Promise<void> {
  for (let i = 0; i < count; i++) {
    const socket = connect(port, '127.0.0.1');
    sockets.push(socket);
    await once(socket, 'connect');
  }
  await sleep(100);
}

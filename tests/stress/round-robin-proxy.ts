// A small round-robin HTTP load balancer for the multi-process proofs (tests/stress/postgres-processes.test.ts):
// what nginx's `upstream` block does in front of several `vlab serve` processes, in a few lines, so a test can
// count which process answered what.
import { Agent, createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyStats {
  /** Answers relayed from each target, by the target's index. */
  answered: number[];
  /** Requests whose target refused the connection (a dead process) and that went to the next target instead. */
  passedOn: number;
  /** 502s the proxy answered itself: the target failed after taking the request (died mid-request). */
  badGateway: number;
  /** Why each 502 was given: the target's index, the request, the socket's error code and whether it was a reused keep-alive socket. */
  badGatewayReasons: string[];
}

export interface RoundRobinProxy {
  url: string;
  stats: ProxyStats;
  close(): Promise<void>;
}

/**
 * Spreads requests over `targets` in turn. A target that refuses the connection is skipped for that request (as
 * nginx's default `proxy_next_upstream error` does: the request never reached it, so sending it elsewhere is
 * safe even for a POST); a target that fails after taking the request gets the client a 502, which the client may
 * retry. Bodies are buffered (respondent requests are small) so a skipped request can be sent again.
 */
export async function startRoundRobinProxy(targets: readonly string[]): Promise<RoundRobinProxy> {
  const stats: ProxyStats = { answered: targets.map(() => 0), passedOn: 0, badGateway: 0, badGatewayReasons: [] };
  const upstreams = targets.map((t) => new URL(t));
  // Connections to the processes are kept, and closed after 1 s idle, well before vlab's keep-alive timeout (5 s),
  // as docs/deploy.md tells a balancer that keeps them to do (nginx's keepalive_timeout). Node's own margin, 1 s
  // before the server's announced timeout, was too small on a loaded machine: this process's event loop, late by
  // more than that, sent a completion on a socket the process was closing as idle, and it was reset (a 502 in the
  // PostgreSQL outage proof, once in 16 runs beside other work: "ECONNRESET on a reused keep-alive socket").
  const agent = new Agent({ keepAlive: true, timeout: 1000 });
  let next = 0;

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const first = next++ % upstreams.length;

    const attempt = (tried: number): void => {
      const index = (first + tried) % upstreams.length;
      const target = upstreams[index]!;
      const upstream = request(
        { agent, host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
        (answer: IncomingMessage) => {
          stats.answered[index]!++;
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        const reused = upstream.reusedSocket;
        if (error.code === 'ECONNREFUSED' && tried + 1 < upstreams.length) {
          stats.passedOn++;
          attempt(tried + 1);
        } else if (!res.headersSent) {
          stats.badGateway++;
          stats.badGatewayReasons.push(`${index} ${req.method} ${req.url}: ${error.code ?? error.message}${reused ? ' on a reused keep-alive socket' : ''}`);
          res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'bad_gateway', message: error.message } }));
        } else {
          res.destroy();
        }
      });
      upstream.end(body);
    };
    attempt(0);
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}

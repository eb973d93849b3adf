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
  const stats: ProxyStats = { answered: targets.map(() => 0), passedOn: 0, badGateway: 0 };
  const upstreams = targets.map((t) => new URL(t));
  const agent = new Agent({ keepAlive: true });
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
        if (error.code === 'ECONNREFUSED' && tried + 1 < upstreams.length) {
          stats.passedOn++;
          attempt(tried + 1);
        } else if (!res.headersSent) {
          stats.badGateway++;
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

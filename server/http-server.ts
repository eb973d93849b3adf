import { createServer, type RequestListener, type Server } from 'node:http';
import type { Config } from './config.ts';

/** How often Node looks for requests past their timeouts (its default, 30 s, would let a slow body run 30 s over). */
const TIMEOUT_CHECK_MS = 1000;

/**
 * The HTTP server `vlab serve` listens with: a client that trickles its headers or body is cut off (408) after
 * the configured timeouts instead of holding a connection for minutes, idle keep-alive connections close, and
 * past the connection cap new connections are refused at once. The timeouts cover receiving a request, not
 * sending the answer, so a long download is not cut.
 */
export function createHttpServer(app: RequestListener, config: Pick<Config, 'requestTimeoutSeconds' | 'headersTimeoutSeconds' | 'keepAliveTimeoutSeconds' | 'maxConnections'>): Server {
  const server = createServer(
    {
      requestTimeout: config.requestTimeoutSeconds * 1000,
      headersTimeout: config.headersTimeoutSeconds * 1000,
      connectionsCheckingInterval: TIMEOUT_CHECK_MS,
    },
    app,
  );
  server.keepAliveTimeout = config.keepAliveTimeoutSeconds * 1000;
  server.maxConnections = config.maxConnections;
  return server;
}

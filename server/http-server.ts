import { createServer, maxHeaderSize, STATUS_CODES, type RequestListener, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Config } from './config.ts';
import { busyAnswers } from './busy-page.ts';
import { http2Refusal } from './http2-refusal.ts';
import { HEAD_READ_LIMIT, refuseOversizedHeads } from './oversized-head.ts';
import { oversizedHeadPage } from './oversized-head-page.ts';
import { capConnections, CONNECTION_RETRY_AFTER_SECONDS } from './connection-cap.ts';
import type { Logger } from './logger.ts';
import { pipelineCutLog, pipelineQueue } from './pipeline-queue.ts';
import { helmetHeaders, helmetOptions } from './routes/security-headers.ts';
import { createWaveLanguages, type WaveLanguages } from './wave-languages.ts';

/** How often Node looks for requests past their timeouts (its default, 30 s, would let a slow body run 30 s over). */
const TIMEOUT_CHECK_MS = 1000;

/**
 * The HTTP server `vlab serve` listens with: a client that trickles its headers or body is cut off (408) after
 * the configured timeouts instead of holding a connection for minutes, idle keep-alive connections close, and
 * past the connection cap (the whole server's, or one address's share) a new connection is answered 503 busy
 * with Retry-After and closed at once (connection-cap.ts): a browser's navigation a small page in its language that
 * reloads itself, anything else the JSON error (busy-page.ts). The timeouts cover receiving a request, not
 * sending the answer, so a long download is not cut.
 */
export function createHttpServer(
  app: RequestListener,
  config: Pick<Config, 'requestTimeoutSeconds' | 'headersTimeoutSeconds' | 'keepAliveTimeoutSeconds' | 'maxConnections' | 'maxConnectionsPerAddress' | 'trustProxy' | 'frameAncestors'>,
  waveLanguages: WaveLanguages = createWaveLanguages(),
  logger?: Logger,
): Server {
  const securityHeaders = helmetHeaders(helmetOptions(config));
  const server = createServer(
    {
      requestTimeout: config.requestTimeoutSeconds * 1000,
      headersTimeout: config.headersTimeoutSeconds * 1000,
      connectionsCheckingInterval: TIMEOUT_CHECK_MS,
      // An HTTP/1.1 request without Host is refused by the app, in words and logged (routes/host-required.ts).
      requireHostHeader: false,
      // Node reads heads up to 64 KB (or its --max-http-header-size, if larger), and our own check refuses those past
      // that setting (16 KB unless set) with the request in hand (oversized-head.ts); past 64 KB Node refuses them
      // itself (clientErrorAnswer).
      maxHeaderSize: Math.max(HEAD_READ_LIMIT, maxHeaderSize),
    },
    pipelineQueue(refuseOversizedHeads(app, maxHeaderSize, oversizedHeadPage(securityHeaders, waveLanguages), jsonBody('HPE_HEADER_OVERFLOW')), logger && pipelineCutLog(logger)),
  );
  server.on('clientError', clientErrorAnswer);
  server.keepAliveTimeout = config.keepAliveTimeoutSeconds * 1000;
  // Behind a proxy every connection comes from the proxy's address: a share per address would cap the whole
  // server at it, so there the proxy must limit per client (docs/deploy.md).
  // The waves' languages the app noted as it served their pages: the busy page speaks the survey's language.
  const busy = busyAnswers(CONNECTION_RETRY_AFTER_SECONDS, securityHeaders, waveLanguages);
  capConnections(server, config.maxConnections, config.trustProxy === false ? config.maxConnectionsPerAddress : null, busy);
  return server;
}

/** What Node's HTTP parser refuses before the app sees a request, as each error code's status, code and words. */
const CLIENT_ERRORS: Readonly<Record<string, [number, string, string]>> = {
  HPE_HEADER_OVERFLOW: [431, 'request_header_fields_too_large', `the request's URL and headers are too long (at most ${Math.round(maxHeaderSize / 1024)} KB together)`],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'payload_too_large', 'the chunk extensions of the request body are too long'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request_timeout', 'the request took too long to arrive'],
};

/**
 * Node's own answer to a request it cannot parse (431 past the 64 KB it reads, 400, 408) has no body; the APIs promise
 * `{ error: { code, message } }` for every refusal, so it is written here, as Node would (only on a connection nothing
 * was sent on yet, then closed). An HTTP/2 client with prior knowledge gets HTTP/2's GOAWAY (http2-refusal.ts). A
 * survey link's page for a head past 16 KB comes from refuseOversizedHeads, which sees the request whole.
 */
function clientErrorAnswer(error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex & { bytesWritten?: number }): void {
  if (socket.writable && socket.bytesWritten === 0) socket.write(http2Refusal(error.rawPacket) ?? jsonClientError(error.code));
  socket.destroy(error);
}

const clientError = (errorCode: string | undefined) => CLIENT_ERRORS[errorCode ?? ''] ?? [400, 'bad_request', 'the request is not valid HTTP'];
const jsonBody = (errorCode: string | undefined) => {
  const [, code, message] = clientError(errorCode);
  return JSON.stringify({ error: { code, message } });
};

function jsonClientError(errorCode: string | undefined): string {
  const [status] = clientError(errorCode);
  const body = jsonBody(errorCode);
  return `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

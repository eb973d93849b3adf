import type { Server } from 'node:http';
import type { Logger } from 'pino';

/** How often, while shutting down, keep-alive connections that fell idle are closed. */
const SHUTDOWN_IDLE_CHECK_MS = 50;

/** The requests a server has taken: those not yet answered, and how many were answered in all. */
export interface RequestCounts {
  inFlight(): number;
  answered(): number;
}

/**
 * Counts the requests a server takes from the moment this is called: one is in flight until its response finishes
 * or its connection closes. What a shutdown waits for, and what it reports.
 */
export function requestsInFlight(server: Server): RequestCounts {
  let inFlight = 0;
  let answered = 0;
  server.on('request', (_request, response) => {
    inFlight++;
    response.once('finish', () => answered++);
    response.once('close', () => inFlight--);
  });
  return { inFlight: () => inFlight, answered: () => answered };
}

/**
 * SIGTERM comes at every deploy and restart. Cutting every connection at once reset each request in flight, and
 * some of them had committed: starts stored that their respondents never heard of. Instead: take no new
 * connection, answer those taken (keep-alive connections close as they fall idle), then `closeRest` (the
 * database last); connections still busy after `drainSeconds` (VLAB_SHUTDOWN_DRAIN_SECONDS, 10 by default: a long
 * download, a database that does not answer) are cut. The log says what the shutdown waited for, what it cut and how long it took (attacker pass
 * 17: it said only "shutting down", and a restart that hung 10 s and cut a download said nothing of either).
 */
export function shutDownGracefully(server: Server, requests: RequestCounts, logger: Logger, signal: string, drainSeconds: number, closeRest: () => Promise<unknown>): void {
  const began = performance.now();
  const { inFlight } = requests;
  const answeredBefore = requests.answered();
  logger.info({ signal, requestsInFlight: inFlight() }, `shutting down: answering ${inFlight()} request(s) in flight (at most ${drainSeconds} s)`);
  const idleCloser = setInterval(() => server.closeIdleConnections(), SHUTDOWN_IDLE_CHECK_MS);
  let cut = 0;
  const cutter = setTimeout(() => {
    cut = inFlight();
    if (cut > 0) logger.warn({ signal, requestsCut: cut }, `shutting down: cut ${cut} request(s) still running after ${drainSeconds} s (downloads, or a database that did not answer)`);
    server.closeAllConnections();
  }, drainSeconds * 1000);
  cutter.unref();
  server.close(() => {
    clearInterval(idleCloser);
    clearTimeout(cutter);
    // Requests whose connections were accepted before the signal and read after it are answered too.
    const requestsAnswered = requests.answered() - answeredBefore;
    const connectionsClosedMs = Math.round(performance.now() - began);
    void closeRest().finally(() => {
      logger.info({ signal, waitedMs: Math.round(performance.now() - began), connectionsClosedMs, requestsAnswered, requestsCut: cut }, 'shut down');
      process.exit(0);
    });
  });
  server.closeIdleConnections();
}

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

/** What a shutdown says as it goes: that it began, what it cut, and that it is done. */
export interface ShutdownReport {
  started(signal: string, requestsInFlight: number, drainSeconds: number): void;
  cut(signal: string, requestsCut: number, drainSeconds: number): void;
  done(signal: string, figures: { waitedMs: number; connectionsClosedMs: number; requestsAnswered: number; requestsCut: number }): void;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * To a pipe, a file or a service manager's journal: the JSON log, whose fields a log reader parses. On a terminal
 * (stderr a TTY: `npm start` by hand) plain lines as `vlab serve` starts with; walk-through 31 saw Ctrl-C print two
 * JSON lines under them. A typed ^C is echoed without a line break, so the first line starts on a line of its own.
 */
export function shutdownReport(logger: Logger, stderr: { isTTY?: boolean; write(text: string): unknown }): ShutdownReport {
  if (!stderr.isTTY) {
    return {
      started: (signal, n, drain) => logger.info({ signal, requestsInFlight: n }, `shutting down: answering ${n} request(s) in flight (at most ${drain} s)`),
      cut: (signal, n, drain) => logger.warn({ signal, requestsCut: n }, `shutting down: cut ${n} request(s) still running after ${drain} s (downloads, or a database that did not answer)`),
      done: (signal, figures) => logger.info({ signal, ...figures }, 'shut down'),
    };
  }
  const say = (line: string) => stderr.write(`${line}\n`);
  return {
    started: (signal, n, drain) =>
      say(`${signal === 'SIGINT' ? '\nvlab serve: Ctrl-C' : `vlab serve: ${signal}`}: shutting down, answering ${plural(n, 'request')} in flight (at most ${drain} s)`),
    cut: (_signal, n, drain) => say(`vlab serve: warning: cut ${plural(n, 'request')} still running after ${drain} s (downloads, or a database that did not answer)`),
    done: (_signal, f) => say(`vlab serve: stopped after ${f.waitedMs} ms (${plural(f.requestsAnswered, 'request')} answered, ${f.requestsCut} cut)`),
  };
}

/**
 * SIGTERM comes at every deploy and restart. Cutting every connection at once reset each request in flight, and
 * some of them had committed: starts stored that their respondents never heard of. Instead: take no new
 * connection, answer those taken (keep-alive connections close as they fall idle), then `closeRest` (the
 * database last); connections still busy after `drainSeconds` (VLAB_SHUTDOWN_DRAIN_SECONDS, 10 by default: a long
 * download, a database that does not answer) are cut. The log says what the shutdown waited for, what it cut and how long it took (attacker pass
 * 17: it said only "shutting down", and a restart that hung 10 s and cut a download said nothing of either).
 */
export function shutDownGracefully(server: Server, requests: RequestCounts, report: ShutdownReport, signal: string, drainSeconds: number, closeRest: () => Promise<unknown>): void {
  const began = performance.now();
  const { inFlight } = requests;
  const answeredBefore = requests.answered();
  report.started(signal, inFlight(), drainSeconds);
  const idleCloser = setInterval(() => server.closeIdleConnections(), SHUTDOWN_IDLE_CHECK_MS);
  let cut = 0;
  const cutter = setTimeout(() => {
    cut = inFlight();
    if (cut > 0) report.cut(signal, cut, drainSeconds);
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
      report.done(signal, { waitedMs: Math.round(performance.now() - began), connectionsClosedMs, requestsAnswered, requestsCut: cut });
      process.exit(0);
    });
  });
  server.closeIdleConnections();
}

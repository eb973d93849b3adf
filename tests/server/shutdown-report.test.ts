// Ctrl-C on `npm start` in a terminal printed two JSON log lines (pino's) under the plain "vlab serve:" lines the
// start printed (walk-through 31). On a terminal the shutdown now speaks as the start does; to a pipe, a file or a
// service manager's journal it stays the JSON log those read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shutdownReport } from '../../server/graceful-shutdown.ts';
import type { Logger } from '../../server/logger.ts';

/** A logger that records what it was given, and a stream that records what was written to it. */
function fakes(isTTY: boolean) {
  const logged: Array<[string, object, string]> = [];
  const logger = {
    info: (fields: object, msg: string) => logged.push(['info', fields, msg]),
    warn: (fields: object, msg: string) => logged.push(['warn', fields, msg]),
  } as unknown as Logger;
  let written = '';
  const stderr = { isTTY, write: (text: string) => (written += text) };
  return { logged, logger, stderr, written: () => written };
}

/** A whole shutdown that had to cut: begun with `inFlight` requests, `cut` cut after `drain` s, then done. */
function shutDown(isTTY: boolean, signal: string, inFlight: number, cut: number, drain: number, done: { waitedMs: number; connectionsClosedMs: number; requestsAnswered: number }) {
  const f = fakes(isTTY);
  const report = shutdownReport(f.logger, f.stderr);
  report.started(signal, inFlight, drain);
  report.cut(signal, cut, drain);
  report.done(signal, { ...done, requestsCut: cut });
  return f;
}

test('on a terminal: plain "vlab serve:" lines in words, no JSON', () => {
  const f = shutDown(true, 'SIGINT', 2, 1, 10, { waitedMs: 44, connectionsClosedMs: 15, requestsAnswered: 2 });
  assert.deepEqual(f.logged, []);
  assert.equal(
    f.written(),
    '\nvlab serve: Ctrl-C: shutting down, answering 2 requests in flight (at most 10 s)\n' +
      'vlab serve: warning: cut 1 request still running after 10 s (downloads, or a database that did not answer)\n' +
      'vlab serve: stopped after 44 ms (2 requests answered, 1 cut)\n',
  );
  assert.ok(!f.written().includes('{'), f.written());
});

test('SIGTERM on a terminal is named as it is, without the blank line that follows a typed ^C', () => {
  const f = fakes(true);
  shutdownReport(f.logger, f.stderr).started('SIGTERM', 1, 10);
  assert.equal(f.written(), 'vlab serve: SIGTERM: shutting down, answering 1 request in flight (at most 10 s)\n');
});

test('to a pipe or a file: the JSON log as before (the fields a log reader parses, "shut down" as its message)', () => {
  const f = shutDown(false, 'SIGTERM', 0, 3, 1, { waitedMs: 1002, connectionsClosedMs: 1000, requestsAnswered: 5 });
  assert.equal(f.written(), '');
  assert.deepEqual(f.logged, [
    ['info', { signal: 'SIGTERM', requestsInFlight: 0 }, 'shutting down: answering 0 request(s) in flight (at most 1 s)'],
    ['warn', { signal: 'SIGTERM', requestsCut: 3 }, 'shutting down: cut 3 request(s) still running after 1 s (downloads, or a database that did not answer)'],
    ['info', { signal: 'SIGTERM', waitedMs: 1002, connectionsClosedMs: 1000, requestsAnswered: 5, requestsCut: 3 }, 'shut down'],
  ]);
});

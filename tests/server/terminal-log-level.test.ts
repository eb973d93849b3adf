// `npm start` typed in a terminal printed pino's JSON line per request under the start-up lines: 1,760 lines for
// 200 simulated respondents (walk-throughs 30 to 32 named it). On a terminal with LOG_LEVEL unset the request lines
// are left out and one start-up line says how to see them; a pipe, a file or a service's journal keeps the JSON log.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serveLogLevel } from '../../server/terminal-log-level.ts';

test('on a terminal with LOG_LEVEL unset, vlab serve logs warnings only and says how to see each request', () => {
  const quiet = serveLogLevel('info', { LOG_LEVEL: undefined }, { isTTY: true });
  assert.equal(quiet.level, 'warn');
  assert.equal(quiet.note, 'vlab serve: one log line per request is left out on a terminal (LOG_LEVEL=info writes them, as JSON on stderr)');
});

test('a LOG_LEVEL set, or stderr that is no terminal, keeps the level as configured and says nothing', () => {
  assert.deepEqual(serveLogLevel('info', { LOG_LEVEL: 'info' }, { isTTY: true }), { level: 'info', note: null });
  assert.deepEqual(serveLogLevel('debug', { LOG_LEVEL: 'debug' }, { isTTY: true }), { level: 'debug', note: null });
  assert.deepEqual(serveLogLevel('info', {}, { isTTY: false }), { level: 'info', note: null });
  assert.deepEqual(serveLogLevel('info', {}, {}), { level: 'info', note: null });
});

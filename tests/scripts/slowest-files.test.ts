// scripts/slowest-files.mjs: the list of slowest test files printed at the end of `npm test`, read from the
// `# file-time <ms> <path>` lines scripts/tap-with-file-times.mjs writes into each pass's TAP.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { slowestFiles } from '../../scripts/slowest-files.mjs';

test('the slowest files of every pass, slowest first, in seconds aligned on the point, the root cut from each path', () => {
  const sqlite = 'TAP version 13\nok 1 - a\n# file-time 1200 /repo/tests/server/a.test.ts\nok 2 - b\n# file-time 95300 /repo/tests/e2e/b.test.ts\n# tests 2\n';
  const postgres = '# file-time 15000 /repo/tests/server/a.test.ts\n';
  assert.deepEqual(slowestFiles([{ text: sqlite }, { text: postgres, suffix: ' (PostgreSQL)' }], { root: '/repo/' }), [
    "run-tests: the 3 slowest files of 3 (wall seconds, each file's whole run):",
    '  95.3  tests/e2e/b.test.ts',
    '  15.0  tests/server/a.test.ts (PostgreSQL)',
    '   1.2  tests/server/a.test.ts',
  ]);
});

test('at most `count` files; lines that are not a file time are passed over; no times, no list', () => {
  const text = Array.from({ length: 20 }, (_, i) => `# file-time ${(i + 1) * 1000} f${i + 1}.test.ts`).join('\n') + '\n# tests 20\n# file-time soon x.test.ts\n';
  const lines = slowestFiles([{ text }]);
  assert.equal(lines.length, 13);
  assert.equal(lines[0], "run-tests: the 12 slowest files of 20 (wall seconds, each file's whole run):");
  assert.deepEqual([lines[1], lines[12]], ['  20.0  f20.test.ts', '   9.0  f9.test.ts']);
  assert.deepEqual(slowestFiles([{ text: '' }, { text: 'garbage' }]), []);
  assert.deepEqual(slowestFiles([{ text: '# file-time 1 one.test.ts' }], { count: 1 }), ["run-tests: the 1 slowest file of 1 (wall seconds, each file's whole run):", '  0.0  one.test.ts']);
});

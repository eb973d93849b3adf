// scripts/failed-tests.mjs reads the failing tests back from the TAP Node's own runner writes, so that
// run-tests.mjs can name them at the very end of a run (the only part of a CI run's output one gets to see).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { failedTests } from '../../scripts/failed-tests.mjs';

const SAMPLE = `import test from 'node:test';
import assert from 'node:assert/strict';
test('outer', async (t) => {
  await t.test("inner's failure", () => assert.equal(1, 2));
  await t.test('inner ok', () => {});
});
test('thrown', () => { throw new Error('boom\\nsecond line'); });
test('passes', () => {});
test('skipped', { skip: 'not here' }, () => {});
`;

test("the failing leaves of a real run's TAP: name, file and line, the error's first line; passing, skipped and parent tests left out", () => {
  const dir = mkdtempSync(join(tmpdir(), 'vlab-failed-tests-'));
  try {
    const file = join(dir, 'sample.test.mjs');
    writeFileSync(file, SAMPLE);
    // Without the parent runner's NODE_TEST_CONTEXT, which would make the child report to it instead of printing TAP.
    const { NODE_TEST_CONTEXT: _parent, ...env } = process.env;
    const run = spawnSync(process.execPath, ['--test', '--test-reporter=tap', file], { encoding: 'utf8', env });
    assert.equal(run.status, 1);
    const failed = failedTests(run.stdout);
    assert.deepEqual(failed.map((f) => f.name), ["inner's failure", 'thrown']);
    assert.deepEqual(failed.map((f) => f.location), [`${file}:4:11`, `${file}:7:1`]);
    assert.equal(failed[0]!.error, 'Expected values to be strictly equal:');
    assert.equal(failed[1]!.error, 'boom');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a passing run has no failing tests', () => {
  assert.deepEqual(failedTests('TAP version 13\n# Subtest: a\nok 1 - a\n  ---\n  duration_ms: 1\n  ...\n1..1\n'), []);
});

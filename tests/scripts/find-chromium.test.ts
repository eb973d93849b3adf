// Where the browser tests find a Chromium (scripts/find-chromium.mjs), which files need one
// (scripts/browser-test-files.mjs), and what `npm test`'s runner does on a machine without one: it leaves the
// browser files out and says so, first and last; with VLAB_TEST_CHROMIUM naming a missing file it fails.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { browserTestFiles } from '../../scripts/browser-test-files.mjs';
import { findChromium } from '../../scripts/find-chromium.mjs';

const fakeDisk = (...paths: string[]) => (p: string) => paths.includes(p);

test('findChromium: VLAB_TEST_CHROMIUM first, then the names a Chromium goes by on PATH, in PATH order', () => {
  const disk = fakeDisk('/opt/c/chrome', '/usr/bin/chromium', '/usr/local/bin/chromium', '/snap/bin/chromium-browser');
  assert.deepEqual(findChromium({ VLAB_TEST_CHROMIUM: '/opt/c/chrome', PATH: '/usr/bin' }, disk), { path: '/opt/c/chrome' });
  assert.deepEqual(findChromium({ PATH: '/usr/local/bin:/usr/bin' }, disk), { path: '/usr/local/bin/chromium' });
  assert.deepEqual(findChromium({ PATH: '/snap/bin' }, disk), { path: '/snap/bin/chromium-browser' });
  assert.deepEqual(findChromium({ PATH: '/bin' }, disk), {});
  assert.deepEqual(findChromium({}, disk), {});
});

test('findChromium: a VLAB_TEST_CHROMIUM with nothing there is a problem, not a search elsewhere', () => {
  const found = findChromium({ VLAB_TEST_CHROMIUM: '/nowhere/chromium', PATH: '/usr/bin' }, fakeDisk('/usr/bin/chromium'));
  assert.equal(found.path, undefined);
  assert.match(found.problem ?? '', /VLAB_TEST_CHROMIUM is \/nowhere\/chromium, and there is no file there/);
});

test('browserTestFiles: the files that reach tests/e2e/chromium.ts, directly or through a helper', () => {
  const files = [
    'tests/e2e/accessibility.test.ts', // through browser-session.ts
    'tests/e2e/cleared-answers-browser.test.ts', // through every-element-study.ts
    'tests/e2e/dashboard-raked-browser.test.ts', // directly
    'tests/e2e/simulate-demo.test.ts',
    'tests/server/respondent-api.test.ts',
    'tests/analysis/lm-robust.test.ts',
  ];
  assert.deepEqual(browserTestFiles(files), files.slice(0, 3));
});

/** scripts/run-tests.mjs on a browser file and a computation file, with `env` over a PATH that holds only node. */
function runTests(env: Record<string, string>) {
  const bin = mkdtempSync(join(tmpdir(), 'vlab-no-chromium-'));
  try {
    symlinkSync(process.execPath, join(bin, 'node'));
    const { NODE_TEST_CONTEXT: _parent, VLAB_TEST_CHROMIUM: _named, ...rest } = process.env;
    return spawnSync(
      process.execPath,
      ['scripts/run-tests.mjs', 'tests/e2e/page-weight.test.ts', 'tests/analysis/r-number.test.ts'],
      { encoding: 'utf8', env: { ...rest, PATH: bin, ...env }, cwd: join(dirname(new URL(import.meta.url).pathname), '../..') },
    );
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
}

test('npm test without a Chromium: the browser files are left out, said first and last; the rest runs and passes', () => {
  const run = runTests({});
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const said = run.stdout.split('\n').filter((l) => l.includes('browser tests SKIPPED'));
  assert.equal(said.length, 2, run.stdout);
  assert.match(said[0]!, /the 1 file that opens a browser was not run; install Chromium/);
  assert.ok(run.stdout.trimEnd().endsWith(said[1]!), 'the last line says it');
  assert.match(run.stdout, /ℹ pass [1-9]/);
  assert.doesNotMatch(run.stdout, /page-weight|page weight/i);
});

test('npm test with VLAB_TEST_CHROMIUM naming a missing file (as CI sets it): fails before running anything', () => {
  const run = runTests({ VLAB_TEST_CHROMIUM: '/nowhere/chromium' });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /VLAB_TEST_CHROMIUM is \/nowhere\/chromium, and there is no file there; the 1 file that opens a browser cannot run/);
  assert.doesNotMatch(run.stdout, /ℹ pass/);
});

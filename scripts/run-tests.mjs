#!/usr/bin/env node
// Runs every tests/**/*.test.ts file (or those under the paths given) with Node's own test runner through tsx.
// Node 20's runner does not expand globs, so we list the files here.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// tests/stress (minutes of crash and load runs) is left out of the default run: `npm run test:stress` names it.
function collect(path, out, top = true) {
  if (statSync(path).isDirectory()) {
    if (!top && path.endsWith('/stress')) return out;
    for (const name of readdirSync(path).sort()) collect(join(path, name), out, false);
  } else if (path.endsWith('.test.ts')) {
    out.push(path);
  }
  return out;
}

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['tests'];
const files = roots.flatMap((root) => collect(root, []));
if (files.length === 0) {
  console.error(`run-tests: no *.test.ts files under ${roots.join(', ')}`);
  process.exit(1);
}
const run = (list, env = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...list], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'test', ...env },
  }).status ?? 1;

// The app tests that hold no SQL of their own run a second time on PostgreSQL (tests/server/test-app.ts reads
// VLAB_TEST_ENGINE), each file on databases of its own. tests/server/postgres-store.test.ts runs in the first pass
// and skips itself, saying so, when no server answers.
const POSTGRES_SUITE = [
  'tests/server/estimates-route.test.ts',
  'tests/server/locales.test.ts',
  'tests/server/multi-process.test.ts',
  'tests/server/quality-flags-export.test.ts',
  'tests/server/quality-flags.test.ts',
  'tests/server/resume-proof.test.ts',
  'tests/server/page-and-assets.test.ts',
  'tests/server/designs/design-definitions.test.ts',
  'tests/server/wave-update.test.ts',
  'tests/server/definition-revert.test.ts',
  'tests/server/conjoint-wave.test.ts',
];

/** Whether a PostgreSQL server answers at VLAB_TEST_POSTGRES or 127.0.0.1:5432 (a TCP connect within 2 s). */
function postgresAnswers() {
  const url = new URL(process.env.VLAB_TEST_POSTGRES || 'postgres://postgres@127.0.0.1:5432/postgres');
  const probe = spawnSync(
    process.execPath,
    ['-e', `require('net').connect(${Number(url.port || 5432)}, ${JSON.stringify(url.hostname)}).on('connect', () => process.exit(0)).on('error', () => process.exit(1))`],
    { timeout: 2000 },
  );
  return probe.status === 0;
}

let status = run(files);
const onPostgres = files.filter((f) => POSTGRES_SUITE.includes(f.replaceAll('\\', '/')));
if (onPostgres.length > 0) {
  if (postgresAnswers()) {
    console.log(`\nrun-tests: the same ${onPostgres.length} app test files again on PostgreSQL`);
    status = run(onPostgres, { VLAB_TEST_ENGINE: 'postgres' }) || status;
  } else if (process.env.VLAB_TEST_POSTGRES) {
    console.error(`\nrun-tests: VLAB_TEST_POSTGRES is set but nothing answers there; the PostgreSQL tests cannot run`);
    status = 1;
  } else {
    console.log(`\nrun-tests: PostgreSQL tests SKIPPED — nothing answers on 127.0.0.1:5432 (set VLAB_TEST_POSTGRES=postgres://… to run them)`);
  }
}
process.exit(status);

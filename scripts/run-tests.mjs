#!/usr/bin/env node
// Runs every tests/**/*.test.ts file (or those under the paths given) with Node's own test runner through tsx.
// Node 20's runner does not expand globs, so we list the files here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failedTests } from './failed-tests.mjs';

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
// No test may hang the run: a test still running after 10 minutes fails (naming itself) instead. The longest,
// the stress run's 100 kills, takes about 4.
const TEST_TIMEOUT_MS = 10 * 60 * 1000;
// Each pass also writes TAP to a file of its own, read back at the end to name every failing test last (CI shows a
// run's tail: a failure of the first pass was out of sight behind the second pass's output).
const tapDir = mkdtempSync(join(tmpdir(), 'vlab-run-tests-'));
const passes = [];
const run = (label, list, env = {}) => {
  const tap = join(tapDir, `${passes.length}.tap`);
  const status =
    spawnSync(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, `--test-timeout=${TEST_TIMEOUT_MS}`, ...list],
      { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test', ...env } },
    ).status ?? 1;
  passes.push({ label, tap, status });
  return status;
};

/** After every pass: each failing pass, and each failing test in it with its place and the first line of its error. */
function reportFailures() {
  for (const { label, tap, status } of passes) {
    if (status === 0) continue;
    let failed = [];
    try {
      failed = failedTests(readFileSync(tap, 'utf8'));
    } catch {
      // No TAP written (the runner itself failed to start): the status line below still says which pass failed.
    }
    console.error(`\nrun-tests: ${label} FAILED (exit ${status}), ${failed.length} failing test${failed.length === 1 ? '' : 's'}:`);
    for (const f of failed) console.error(`  ✖ ${f.name}${f.location ? ` (${f.location.replace(process.cwd() + '/', '')})` : ''}${f.error ? `\n      ${f.error}` : ''}`);
  }
  rmSync(tapDir, { recursive: true, force: true });
}

// The app tests run a second time on PostgreSQL (tests/server/test-app.ts reads VLAB_TEST_ENGINE), each file on
// databases of its own; the SQL they hold of their own runs on either engine (tests/server/test-sql.ts). Left out:
// tests of SQLite itself (WAL, checkpoints, file modes, group commit, backup), the 10,000-request fuzz run, and the
// simulator's HTTP tests (a minute on PostgreSQL for what the respondent-path files above already check).
// tests/server/postgres-store.test.ts, rate-limit-shared.test.ts and db-copy*.test.ts run in the first pass and skip themselves, saying so,
// when no server answers.
const POSTGRES_SUITE = [
  'tests/server/auth.test.ts',
  'tests/server/bad-input.test.ts',
  'tests/server/http-methods.test.ts',
  'tests/server/mturk-preview.test.ts',
  'tests/server/estimates-route.test.ts',
  'tests/server/estimates.test.ts',
  'tests/server/exports.test.ts',
  'tests/server/idempotency.test.ts',
  'tests/server/completion-another-tab.test.ts',
  'tests/server/locales.test.ts',
  'tests/server/multi-process.test.ts',
  'tests/server/quality-flags-durations.test.ts',
  'tests/server/quality-flags-export.test.ts',
  'tests/server/quality-flags.test.ts',
  'tests/server/quota-leases.test.ts',
  'tests/server/quota-slots.test.ts',
  'tests/server/quotas-multi-process.test.ts',
  'tests/server/quotas.test.ts',
  'tests/server/rate-limit.test.ts',
  'tests/server/respondent-api.test.ts',
  'tests/server/resume-proof.test.ts',
  'tests/server/page-and-assets.test.ts',
  'tests/server/security-researcher-auth.test.ts',
  'tests/server/sticky.test.ts',
  'tests/server/token-verified-cache.test.ts',
  'tests/server/treatment-order.test.ts',
  'tests/server/cleared-answers.test.ts',
  'tests/server/panel-refusal.test.ts',
  'tests/server/waves-cli.test.ts',
  'tests/server/waves.test.ts',
  'tests/server/designs/design-definitions.test.ts',
  'tests/server/wave-update.test.ts',
  'tests/server/definition-revert.test.ts',
  'tests/server/designs/repeated-vignette-flow.test.ts',
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

let status = run(`the first pass (${files.length} test file${files.length === 1 ? "" : "s"})`, files);
const onPostgres = files.filter((f) => POSTGRES_SUITE.includes(f.replaceAll('\\', '/')));
if (onPostgres.length > 0) {
  if (postgresAnswers()) {
    console.log(`\nrun-tests: the same ${onPostgres.length} app test files again on PostgreSQL`);
    status = run(`the PostgreSQL pass (${onPostgres.length} files)`, onPostgres, { VLAB_TEST_ENGINE: 'postgres' }) || status;
  } else if (process.env.VLAB_TEST_POSTGRES) {
    console.error(`\nrun-tests: VLAB_TEST_POSTGRES is set but nothing answers there; the PostgreSQL tests cannot run`);
    status = 1;
  } else {
    console.log(`\nrun-tests: PostgreSQL tests SKIPPED — nothing answers on 127.0.0.1:5432 (set VLAB_TEST_POSTGRES=postgres://… to run them)`);
  }
}
reportFailures();
process.exit(status);

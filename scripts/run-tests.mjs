#!/usr/bin/env node
// Runs every tests/**/*.test.ts file (or those under the paths given) with Node's own test runner through tsx.
// Node 20's runner does not expand globs, so we list the files here.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserTestFiles } from './browser-test-files.mjs';
import { compileTests, compiledPath } from './compile-tests.mjs';
import { failedTests } from './failed-tests.mjs';
import { CHROMIUM_HINT, findChromium } from './find-chromium.mjs';
import { slowestFiles } from './slowest-files.mjs';

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

// `--typecheck` (npm test gives it) also runs `tsc --noEmit` as the second lane's first job: before 2026-12-06 npm
// test ran it first, alone, for about 40 s of one core while the other idled.
const TYPECHECK_FLAG = '--typecheck';
const typecheck = process.argv.includes(TYPECHECK_FLAG);
const args = process.argv.slice(2).filter((arg) => arg !== TYPECHECK_FLAG);
const roots = args.length ? args : ['tests'];
// A path mistyped on the command line is said in one line, not with statSync's stack (and nothing runs).
const missing = roots.filter((root) => !existsSync(root));
if (missing.length) {
  console.error(`run-tests: no such file or folder: ${missing.join(', ')}`);
  process.exit(1);
}
const found = roots.flatMap((root) => collect(root, []));
if (found.length === 0) {
  console.error(`run-tests: no *.test.ts files under ${roots.join(', ')}`);
  process.exit(1);
}
// Without a Chromium the files that open one are left out, saying so at the start and again at the very end, as
// the PostgreSQL pass is without a server; with VLAB_TEST_CHROMIUM set (CI sets it) a missing one fails the run.
const browserFiles = browserTestFiles(found);
const chromium = browserFiles.length ? findChromium() : {};
const browserCount = `${browserFiles.length} file${browserFiles.length === 1 ? '' : 's'} that open${browserFiles.length === 1 ? 's' : ''} a browser`;
if (chromium.problem) {
  console.error(`run-tests: ${chromium.problem}; the ${browserCount} cannot run (${CHROMIUM_HINT})`);
  process.exit(1);
}
const browserSkipped = browserFiles.length && !chromium.path
  ? `run-tests: browser tests SKIPPED — no Chromium found: the ${browserCount} ${browserFiles.length === 1 ? 'was' : 'were'} not run; ${CHROMIUM_HINT}`
  : '';
const files = browserSkipped ? found.filter((f) => !browserFiles.includes(f)) : found;
if (browserSkipped) console.log(browserSkipped);
if (files.length === 0) process.exit(0);
// No test may hang the run: a test still running after 10 minutes fails (naming itself) instead. The longest,
// the stress run's 100 kills, takes about 4.
const TEST_TIMEOUT_MS = 10 * 60 * 1000;
// Each pass also writes TAP to a file of its own, read back at the end to name every failing test last (CI shows a
// run's tail: a failure of the first pass was out of sight behind the second pass's output), with each file's wall
// time in a comment line (Node 20's TAP names no file), read back to list the slowest files.
const TAP_REPORTER = fileURLToPath(new URL('./tap-with-file-times.mjs', import.meta.url));
const tapDir = mkdtempSync(join(tmpdir(), 'vlab-run-tests-'));
const passes = [];
// The test files run as JavaScript compiled once for this run (scripts/compile-tests.mjs: under `--import tsx` each
// test process spent about a CPU second more loading our modules through the loader's thread). In a folder of the
// project's own (the current folder, as the paths given are), so that the compiled modules find node_modules as the
// sources do; removed at the end. VLAB_TEST_TSX=1 runs the sources through tsx, as before 2026-12-07.
const projectDir = `${process.cwd()}/`;
const viaTsx = process.env.VLAB_TEST_TSX === '1';
const buildDir = join(projectDir, '.test-build', `run-${process.pid}`);
const removeBuild = () => rmSync(buildDir, { recursive: true, force: true });
/** Folders of earlier runs whose process is gone (killed before it could remove its own). */
function removeStaleBuilds() {
  const parent = join(projectDir, '.test-build');
  if (!existsSync(parent)) return;
  for (const name of readdirSync(parent)) {
    const pid = Number(/^run-(\d+)$/.exec(name)?.[1]);
    if (!pid) continue;
    try {
      process.kill(pid, 0);
    } catch (error) {
      if (error.code === 'ESRCH') rmSync(join(parent, name), { recursive: true, force: true });
    }
  }
}
if (!viaTsx) {
  removeStaleBuilds();
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => (removeBuild(), process.exit(128 + (signal === 'SIGINT' ? 2 : 15))));
  await compileTests(projectDir, buildDir);
}
/** A compiled test file's name as the sources have it (in TAP file times and failure locations). */
const sourceNames = (text) => (viaTsx ? text : text.replaceAll(/(?:file:\/\/)?([^\s()'"]*?\.test-build\/run-\d+\/)([^\s:()'"]+)\.js\b/g, (_, _dir, rest) => `${projectDir}${rest}.ts`));
/**
 * One pass of Node's runner over `list` (one file at a time: its default on 2 cores). Its spec output goes to our
 * stdout, or, with `toFile`, to a file printed after the pass (so two passes at once do not interleave their lines).
 * Resolves to the runner's exit status.
 */
const run = (label, list, env = {}, toFile = false, concurrency = 1) => {
  const tap = join(tapDir, `${passes.length}.tap`);
  const spec = toFile ? join(tapDir, `${passes.length}.spec`) : 'stdout';
  const pass = { label, tap, spec, status: 1, onPostgres: env.VLAB_TEST_ENGINE === 'postgres' };
  passes.push(pass);
  const reporters = ['--test-reporter=spec', `--test-reporter-destination=${spec}`, `--test-reporter=${TAP_REPORTER}`, `--test-reporter-destination=${tap}`];
  const child = spawn(
    process.execPath,
    [
      ...(viaTsx ? ['--import', 'tsx'] : ['--enable-source-maps']),
      '--test', ...reporters, `--test-timeout=${TEST_TIMEOUT_MS}`, `--test-concurrency=${concurrency}`,
      ...(viaTsx ? list : list.map((file) => compiledPath(projectDir, buildDir, file))),
    ],
    { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test', ...env } },
  );
  return new Promise((resolve) => {
    child.on('error', () => resolve(1));
    child.on('exit', (code) => resolve((pass.status = code ?? 1)));
  });
};

/** A pass's spec output that went to a file, shown under a heading once the pass is over. */
function showSpec(pass) {
  if (pass.spec === 'stdout') return;
  console.log(`\nrun-tests: ${pass.label}, run beside the others:`);
  try {
    process.stdout.write(readFileSync(pass.spec, 'utf8'));
  } catch {
    console.log('(no output written)');
  }
}

/**
 * The typecheck (`tsc --noEmit -p tsconfig.json`), its output kept for the end of the run; resolves to its status.
 * Without --typecheck, nothing (0).
 */
const typecheckRun = { status: 0, output: '' };
function runTypecheck() {
  if (!typecheck) return Promise.resolve(0);
  const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
  const child = spawn(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk) => (typecheckRun.output += chunk));
  child.stderr.on('data', (chunk) => (typecheckRun.output += chunk));
  return new Promise((resolve) => {
    child.on('error', (error) => resolve((typecheckRun.status = 1, typecheckRun.output += String(error), 1)));
    child.on('close', (code) => resolve((typecheckRun.status = code ?? 1)));
  });
}

/** After every pass: a failed typecheck with what tsc said, each failing pass, and each failing test in it. */
function reportFailures() {
  if (typecheckRun.status !== 0) console.error(`\nrun-tests: the typecheck (tsc --noEmit) FAILED (exit ${typecheckRun.status}):\n${typecheckRun.output.trimEnd()}`);
  for (const { label, tap, status } of passes) {
    if (status === 0) continue;
    let failed = [];
    try {
      failed = failedTests(sourceNames(readFileSync(tap, 'utf8')));
    } catch {
      // No TAP written (the runner itself failed to start): the status line below still says which pass failed.
    }
    console.error(`\nrun-tests: ${label} FAILED (exit ${status}), ${failed.length} failing test${failed.length === 1 ? '' : 's'}:`);
    for (const f of failed) console.error(`  ✖ ${f.name}${f.location ? ` (${f.location.replace(process.cwd() + '/', '')})` : ''}${f.error ? `\n      ${f.error}` : ''}`);
  }
  rmSync(tapDir, { recursive: true, force: true });
  removeBuild();
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
  'tests/server/participant-rate-limit.test.ts',
  'tests/server/respondent-api.test.ts',
  'tests/server/resume-proof.test.ts',
  'tests/server/page-and-assets.test.ts',
  'tests/server/security-researcher-auth.test.ts',
  'tests/server/sticky.test.ts',
  'tests/server/token-verified-cache.test.ts',
  'tests/server/pasted-token.test.ts',
  'tests/server/treatment-order.test.ts',
  'tests/server/cleared-answers.test.ts',
  'tests/server/answer-limits.test.ts',
  'tests/server/save-order.test.ts',
  'tests/server/panel-refusal.test.ts',
  'tests/server/waves-cli.test.ts',
  'tests/server/waves.test.ts',
  'tests/server/designs/design-definitions.test.ts',
  'tests/server/wave-update.test.ts',
  'tests/server/definition-revert.test.ts',
  'tests/server/designs/repeated-vignette-flow.test.ts',
  'tests/server/conjoint-wave.test.ts',
  'tests/server/privacy.test.ts',
];

/** Whether a PostgreSQL server answers at VLAB_TEST_POSTGRES or 127.0.0.1:5432 (a TCP connect within 10 s, tried twice). */
async function postgresAnswers() {
  const url = new URL(process.env.VLAB_TEST_POSTGRES || 'postgres://postgres@127.0.0.1:5432/postgres');
  // In this process, with time to spare and a second try: the probe was a child Node given 2 s, which on a machine
  // at load 15 (a clean-clone CI beside four helper sessions, 2026-12-07) did not start in time, and the PostgreSQL
  // pass failed as "nothing answers" while the server was up. A server that is down refuses at once either way.
  for (let attempt = 0; attempt < 2; attempt++) {
    const answered = await new Promise((done) => {
      const socket = connect(Number(url.port || 5432), url.hostname);
      socket.setTimeout(10_000, () => finish(false));
      socket.on('connect', () => finish(true)).on('error', () => finish(false));
      function finish(ok) {
        socket.destroy();
        done(ok);
      }
    });
    if (answered) return true;
  }
  return false;
}

// Two lanes at once on CI's 2 cores (Node's runner takes one file at a time there). The first lane runs the files
// that start servers, browsers and other processes (tests/server, tests/e2e) in runs of SERVING_RUN files, taken from
// the front of one queue that holds the browser files first; the second runs the computation-only files (the
// analysis module, the R reference cases, the scripts' own tests), then the PostgreSQL pass, then takes server files
// that open no browser from the BACK of the same queue (the PostgreSQL suite's SQLite runs last of all), a few at a
// time, until the two lanes meet; once it takes, the first lane takes as few at a time, so neither waits long on the
// other's last run. Every server file has always run beside another process (the second lane's), so two at once is
// what each already bears; the browser files stay in the first lane (each runs a Chromium and a server).
// Until 2026-12-06 only the PostgreSQL suite's files were taken: on 2026-12-05 taking every non-browser file saved
// nothing, but at 5,310 tests vmstat beside a clean-clone run showed the cores 30-45 % idle for the first lane's
// last 12 minutes, after the second had nothing left to take (README has the figures).
// VLAB_TEST_SERIAL=1 runs every pass one after another, as before.
const SERVING = /(^|\/)tests\/(server|e2e)\//;
const serving = files.filter((f) => SERVING.test(f.replaceAll('\\', '/')));
const computing = files.filter((f) => !serving.includes(f));
const onPostgres = files.filter((f) => POSTGRES_SUITE.includes(f.replaceAll('\\', '/')));
const serial = process.env.VLAB_TEST_SERIAL === '1' || serving.length === 0 || computing.length === 0;
const SERVING_RUN = 10;
const TAKEN_RUN = 3;
// A browser file spends most of its wall time waiting (on Chromium's frames, its server, the page's own pauses):
// rating-rows.test.ts used 7.5 CPU seconds, Chromium's and the server's included, in 14 s (2026-12-06). Two at
// once fill the first lane's idle core share; see README ("npm test") for the run's figures.
const BROWSER_AT_ONCE = 2;

/** The PostgreSQL pass when a server answers (its status), or 0/1 with a line saying why it did not run. */
async function postgresPass(toFile) {
  if (onPostgres.length === 0) return 0;
  if (await postgresAnswers()) {
    console.log(`\nrun-tests: the same ${onPostgres.length} app test files again on PostgreSQL${toFile ? ' (beside the first lane; its output follows that lane)' : ''}`);
    return run(`the PostgreSQL pass (${onPostgres.length} files)`, onPostgres, { VLAB_TEST_ENGINE: 'postgres' }, toFile);
  }
  if (process.env.VLAB_TEST_POSTGRES) {
    console.error(`\nrun-tests: VLAB_TEST_POSTGRES is set but nothing answers there; the PostgreSQL tests cannot run`);
    return 1;
  }
  console.log(`\nrun-tests: PostgreSQL tests SKIPPED — nothing answers on 127.0.0.1:5432 (set VLAB_TEST_POSTGRES=postgres://… to run them)`);
  return 0;
}

// Wall seconds of each lane's parts, printed at the end so a CI log shows whether the lanes met or one waited.
const laneSeconds = { first: 0, firstRuns: 0, typecheck: 0, computation: 0, postgres: 0, taken: 0, takenRuns: 0 };
/** Runs `job`, adding its wall seconds to laneSeconds[part]; resolves to the job's status. */
async function timed(part, job) {
  const started = performance.now();
  try {
    return await job();
  } finally {
    laneSeconds[part] += (performance.now() - started) / 1000;
  }
}

/**
 * The first lane: runs of SERVING_RUN files (TAKEN_RUN once the second lane takes) from the front of `queue`, their
 * output on stdout; the browser files (the queue's front) in runs of their own, BROWSER_AT_ONCE at a time. Resolves
 * to a status.
 */
async function firstLane(queue, browsing) {
  let status = 0;
  let done = 0;
  while (queue.length) {
    const size = laneSeconds.takenRuns > 0 ? TAKEN_RUN : SERVING_RUN;
    const browserRun = browsing.has(queue[0]);
    const chunk = [];
    while (queue.length && chunk.length < size && browsing.has(queue[0]) === browserRun) chunk.push(queue.shift());
    laneSeconds.firstRuns++;
    const label = browserRun
      ? `the browser files ${done + 1}–${done + chunk.length} of ${serving.length}, ${BROWSER_AT_ONCE} at a time`
      : `the server files ${done + 1}–${done + chunk.length} of ${serving.length}`;
    status = (await timed('first', () => run(label, chunk, {}, false, browserRun ? BROWSER_AT_ONCE : 1))) || status;
    done += chunk.length;
  }
  return status;
}

/** The second lane: the typecheck, computation files, the PostgreSQL pass, then files of `takes` from the back of `queue`. */
async function secondLane(queue, takes) {
  let status = await timed('typecheck', runTypecheck);
  status = (await timed('computation', () => run(`the computation files (${computing.length})`, computing, {}, true))) || status;
  status = (await timed('postgres', () => postgresPass(true))) || status;
  const takeable = () => queue.length > 0 && takes.has(queue.at(-1));
  while (takeable()) {
    const chunk = [];
    while (chunk.length < TAKEN_RUN && takeable()) chunk.unshift(queue.pop());
    laneSeconds.takenRuns++;
    status = (await timed('taken', () => run(`server files on SQLite taken by the second lane (${chunk.join(', ')})`, chunk, {}, true))) || status;
  }
  return status;
}

/** Every pass's counts from its TAP summary, added up: one line a reader can quote. */
function totals() {
  const sum = { tests: 0, pass: 0, fail: 0, skipped: 0 };
  for (const { tap } of passes) {
    let text = '';
    try {
      text = readFileSync(tap, 'utf8');
    } catch {
      continue;
    }
    for (const key of Object.keys(sum)) {
      const found = [...text.matchAll(new RegExp(`^# ${key} (\\d+)$`, 'gm'))].at(-1);
      if (found) sum[key] += Number(found[1]);
    }
  }
  const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `run-tests: ${plural(sum.tests, 'test')} in ${plural(passes.length, 'run')}: ${sum.pass} passed, ${sum.fail} failed, ${sum.skipped} skipped`;
}

/** The slowest files of every pass, from the file times in each pass's TAP (a pass that wrote none adds nothing). */
function showSlowest() {
  const read = (path) => {
    try {
      return sourceNames(readFileSync(path, 'utf8'));
    } catch {
      return '';
    }
  };
  const lines = slowestFiles(passes.map((p) => ({ text: read(p.tap), suffix: p.onPostgres ? ' (PostgreSQL)' : '' })), { root: `${process.cwd()}/` });
  if (lines.length) console.log(`\n${lines.join('\n')}`);
}

/** One line: each lane's wall seconds and its parts'. */
function showLanes() {
  const t = Object.fromEntries(Object.entries(laneSeconds).map(([k, v]) => [k, Math.round(v)]));
  const second = t.typecheck + t.computation + t.postgres + t.taken;
  const runs = (n) => `${n} run${n === 1 ? '' : 's'}`;
  console.log(
    `\nrun-tests: the first lane took ${t.first} s (${runs(t.firstRuns)}); the second ${second} s: ${typecheck ? `typecheck ${t.typecheck}, ` : ''}computation files ${t.computation}, ` +
      `PostgreSQL pass ${t.postgres}, ${runs(t.takenRuns)} taken from the first lane ${t.taken}`,
  );
}

let status;
if (serial) {
  status = await runTypecheck();
  status = (await run(`the first pass (${files.length} test file${files.length === 1 ? '' : 's'})`, files)) || status;
  status = (await postgresPass(false)) || status;
} else {
  console.log(`run-tests: ${serving.length} server and browser files, and beside them ${typecheck ? 'the typecheck, ' : ''}${computing.length} computation files, the PostgreSQL pass, then the server files that open no browser the first lane has not reached (VLAB_TEST_SERIAL=1: one after another)`);
  const browsing = new Set(browserFiles);
  const takes = new Set(serving.filter((f) => !browsing.has(f)));
  const suite = new Set(onPostgres);
  const queue = [...serving.filter((f) => browsing.has(f)), ...serving.filter((f) => takes.has(f) && !suite.has(f)), ...serving.filter((f) => suite.has(f))];
  const [first, second] = await Promise.all([firstLane(queue, browsing), secondLane(queue, takes)]);
  for (const pass of passes) showSpec(pass);
  showLanes();
  status = first || second;
}
showSlowest();
console.log(`\n${totals()}`);
reportFailures();
if (browserSkipped) console.log(`\n${browserSkipped}`);
process.exit(status);

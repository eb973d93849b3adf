// npm test's two lanes (scripts/run-tests.mjs): the first runs the server files from the front of one queue, the
// second, after its computation files and the PostgreSQL pass, takes server files that open no browser from the back
// (the PostgreSQL suite's last). Whoever runs a file, every file must run exactly once on SQLite, a failure anywhere
// fails the run and is named last, and the total adds up every run's counts. Which lane takes how many depends on
// timing, so the test asserts only what must hold whatever the timing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tree = mkdtempSync(join(tmpdir(), 'vlab-run-tests-lanes-'));
after(() => rmSync(tree, { recursive: true, force: true }));

const SERVER_FILES = 14;
const FAILING = 7;
// The last four carry names of POSTGRES_SUITE files (run-tests.mjs): they also run on PostgreSQL, and the queue holds them last.
const SUITE_NAMES = ['auth', 'bad-input', 'privacy', 'waves'];
const fileOf = (i: number) => (i > SERVER_FILES - SUITE_NAMES.length ? SUITE_NAMES[i - 1 - SERVER_FILES + SUITE_NAMES.length] : `s${i}`);

function writeTree(): void {
  mkdirSync(join(tree, 'tests/server'), { recursive: true });
  mkdirSync(join(tree, 'tests/analysis'), { recursive: true });
  symlinkSync(join(repo, 'node_modules'), join(tree, 'node_modules'));
  for (let i = 1; i <= SERVER_FILES; i++) {
    const name = `server file ${String(i).padStart(2, '0')}`;
    const body = i === FAILING ? `assert.equal('${name}', 'another')` : 'await new Promise((r) => setTimeout(r, 50))';
    writeFileSync(join(tree, `tests/server/${fileOf(i)}.test.ts`), `import assert from 'node:assert/strict';\nimport { test } from 'node:test';\ntest('${name}', async () => { ${body}; });\n`);
  }
  writeFileSync(join(tree, 'tests/analysis/c.test.ts'), `import { test } from 'node:test';\ntest('computation file', () => {});\n`);
}

test('every server file runs once whichever lane takes it; the failing one fails the run, named last; the total adds up', () => {
  writeTree();
  const { NODE_TEST_CONTEXT: _parent, VLAB_TEST_SERIAL: _serial, ...env } = process.env;
  const run = spawnSync(process.execPath, [join(repo, 'scripts/run-tests.mjs')], { cwd: tree, encoding: 'utf8', env });
  const output = run.stdout + run.stderr;
  assert.equal(run.status, 1, output);
  const onPostgres = /the same 4 app test files again on PostgreSQL/.test(run.stdout);
  for (let i = 1; i <= SERVER_FILES; i++) {
    const name = `server file ${String(i).padStart(2, '0')}`;
    const lines = run.stdout.split('\n').filter((line) => new RegExp(`^[✔✖] ${name} \\(`).test(line));
    // A failing test is listed twice by the spec reporter (where it ran and under "failing tests"): count the ✔.
    // A suite file passes once on SQLite and once more when a PostgreSQL server answered.
    const runs = (i === FAILING ? 0 : 1) + (fileOf(i).startsWith('s') || !onPostgres ? 0 : 1);
    assert.equal(lines.filter((line) => line.startsWith('✔')).length, runs, `${name}: ${lines.join(' | ')}`);
  }
  const tests = 15 + (onPostgres ? SUITE_NAMES.length : 0);
  assert.match(run.stdout, new RegExp(`^run-tests: ${tests} tests in \\d+ runs: ${tests - 1} passed, 1 failed, 0 skipped$`, 'm'));
  assert.match(run.stderr, new RegExp(`FAILED \\(exit 1\\), 1 failing test:\\n  ✖ server file 0${FAILING}`));
  // Before the totals: the 12 slowest of every run's files (each file's wall seconds, from the TAP's file times).
  const files = 15 + (onPostgres ? SUITE_NAMES.length : 0);
  const slowest = new RegExp(`^run-tests: the 12 slowest files of ${files} \\(wall seconds, each file's whole run\\):\\n((?: +\\d+\\.\\d  tests/\\S+\\.test\\.ts(?: \\(PostgreSQL\\))?\\n){12})\\nrun-tests: ${tests} tests`, 'm');
  assert.match(run.stdout, slowest);
  // And each lane's wall seconds, with the second lane's parts (no --typecheck here: no typecheck part).
  const taken = Number(/^run-tests: the first lane took \d+ s \(\d+ runs?\); the second \d+ s: computation files \d+, PostgreSQL pass \d+, (\d+) runs? taken from the first lane \d+$/m.exec(run.stdout)?.[1]);
  assert.equal(taken, (run.stdout.match(/run-tests: server files on SQLite taken by the second lane/g) ?? []).length, run.stdout);
  // What the second lane took is the queue's end: the suite's files last, the others before them in file order.
  const queue = [...Array.from({ length: SERVER_FILES - SUITE_NAMES.length }, (_, i) => fileOf(i + 1)).sort(), ...[...SUITE_NAMES].sort()];
  const took = [...run.stdout.matchAll(/taken by the second lane \(([^)]*)\)/g)].flatMap((m) => m[1]!.split(', ').map((f) => /tests\/server\/(.+)\.test\.ts$/.exec(f)![1]!));
  assert.deepEqual([...took].sort(), queue.slice(queue.length - took.length).sort(), run.stdout);
});

test('a path that is not there is said in one line, and nothing runs', () => {
  const { NODE_TEST_CONTEXT: _parent, ...env } = process.env;
  const run = spawnSync(process.execPath, [join(repo, 'scripts/run-tests.mjs'), 'tests/scripts/no-such.test.ts', 'tests/scripts/require-node.test.ts'], { cwd: repo, encoding: 'utf8', env });
  assert.equal(run.status, 1);
  assert.equal(run.stderr, 'run-tests: no such file or folder: tests/scripts/no-such.test.ts\n');
  assert.equal(run.stdout, '');
});

// npm test gives --typecheck: tsc runs as the second lane's first job, beside the first lane, instead of alone first.
test('--typecheck runs tsc beside the tests: a type error fails the run, tsc\'s words last, and every test still ran', () => {
  const typed = mkdtempSync(join(tmpdir(), 'vlab-run-tests-typecheck-'));
  try {
    mkdirSync(join(typed, 'tests/server'), { recursive: true });
    mkdirSync(join(typed, 'tests/analysis'), { recursive: true });
    mkdirSync(join(typed, 'src'));
    symlinkSync(join(repo, 'node_modules'), join(typed, 'node_modules'));
    writeFileSync(join(typed, 'tsconfig.json'), JSON.stringify({ compilerOptions: { noEmit: true, strict: true, types: [] }, include: ['src'] }));
    writeFileSync(join(typed, 'src/wrong.ts'), "export const count: number = 'three';\n");
    writeFileSync(join(typed, 'tests/server/s.test.ts'), "import { test } from 'node:test';\ntest('server file', () => {});\n");
    writeFileSync(join(typed, 'tests/analysis/c.test.ts'), "import { test } from 'node:test';\ntest('computation file', () => {});\n");
    const { NODE_TEST_CONTEXT: _parent, VLAB_TEST_SERIAL: _serial, ...env } = process.env;
    const run = spawnSync(process.execPath, [join(repo, 'scripts/run-tests.mjs'), '--typecheck'], { cwd: typed, encoding: 'utf8', env });
    assert.notEqual(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /beside them the typecheck, 1 computation files/);
    assert.match(run.stdout, /^run-tests: the first lane took \d+ s \(1 run\); the second \d+ s: typecheck \d+, computation files \d+, PostgreSQL pass \d+, 0 runs taken from the first lane 0$/m);
    assert.match(run.stdout, /^run-tests: 2 tests in 2 runs: 2 passed, 0 failed, 0 skipped$/m);
    assert.match(run.stderr, /run-tests: the typecheck \(tsc --noEmit\) FAILED \(exit \d\):\nsrc\/wrong\.ts\(1,14\): error TS2322: Type 'string' is not assignable to type 'number'\.\n?$/);
    writeFileSync(join(typed, 'src/wrong.ts'), 'export const count: number = 3;\n');
    const fixed = spawnSync(process.execPath, [join(repo, 'scripts/run-tests.mjs'), '--typecheck'], { cwd: typed, encoding: 'utf8', env });
    assert.equal(fixed.status, 0, fixed.stdout + fixed.stderr);
    assert.doesNotMatch(fixed.stderr, /typecheck/);
  } finally {
    rmSync(typed, { recursive: true, force: true });
  }
});

// A browser file mostly waits (rating-rows.test.ts: 7.5 CPU seconds, Chromium's included, in 14 s of wall): the first
// lane runs them two at a time, in runs of their own, and the server files after them one at a time.
test('the browser files run two at a time in runs of their own; the server files after them one at a time', () => {
  const browsing = mkdtempSync(join(tmpdir(), 'vlab-run-tests-browsers-'));
  try {
    mkdirSync(join(browsing, 'tests/e2e'), { recursive: true });
    mkdirSync(join(browsing, 'tests/server'), { recursive: true });
    mkdirSync(join(browsing, 'tests/analysis'), { recursive: true });
    symlinkSync(join(repo, 'node_modules'), join(browsing, 'node_modules'));
    // A browser file is one that imports tests/e2e/chromium.ts (scripts/browser-test-files.mjs); this one opens none.
    writeFileSync(join(browsing, 'tests/e2e/chromium.ts'), 'export const launched = false;\n');
    const log = join(browsing, 'times.log');
    // Each file writes when it started and ended: two files ran at once if one started before the other ended.
    const timed = (name: string) =>
      `import { appendFileSync } from 'node:fs';\nimport { test } from 'node:test';\nimport { launched } from './chromium.ts';\n` +
      `test('${name}', async () => { void launched; const start = Date.now(); await new Promise((r) => setTimeout(r, 1500)); appendFileSync(${JSON.stringify(log)}, '${name} ' + start + ' ' + Date.now() + '\\n'); });\n`;
    for (const name of ['b1', 'b2', 'b3']) writeFileSync(join(browsing, `tests/e2e/${name}.test.ts`), timed(name));
    const server = (name: string) => timed(name).replace("import { launched } from './chromium.ts';\n", '').replace('void launched; ', '');
    writeFileSync(join(browsing, 'tests/server/s1.test.ts'), server('s1'));
    writeFileSync(join(browsing, 'tests/server/s2.test.ts'), server('s2'));
    // The computation file holds the second lane until s2 has run, so it takes no server file (whatever the load).
    writeFileSync(
      join(browsing, 'tests/analysis/c.test.ts'),
      `import { existsSync, readFileSync } from 'node:fs';\nimport { test } from 'node:test';\n` +
        `test('computation file', async () => { for (let i = 0; i < 600 && !(existsSync(${JSON.stringify(log)}) && /^s2 /m.test(readFileSync(${JSON.stringify(log)}, 'utf8'))); i++) await new Promise((r) => setTimeout(r, 100)); });\n`,
    );
    const { NODE_TEST_CONTEXT: _parent, VLAB_TEST_SERIAL: _serial, ...env } = process.env;
    const run = spawnSync(process.execPath, [join(repo, 'scripts/run-tests.mjs')], { cwd: browsing, encoding: 'utf8', env: { ...env, VLAB_TEST_CHROMIUM: process.execPath } });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^run-tests: the first lane took \d+ s \(2 runs\)/m, run.stdout);
    const spans = new Map(readFileSync(log, 'utf8').trim().split('\n').map((line) => {
      const [name, start, end] = line.split(' ');
      return [name!, { start: Number(start), end: Number(end) }] as const;
    }));
    const overlap = (a: string, b: string) => spans.get(a)!.start < spans.get(b)!.end && spans.get(b)!.start < spans.get(a)!.end;
    assert.ok(overlap('b1', 'b2'), `b1 and b2 ran at once: ${JSON.stringify([...spans])}`);
    // The server files wait for the browser run to end, then run one at a time.
    for (const b of ['b1', 'b2', 'b3']) assert.ok(spans.get(b)!.end <= spans.get('s1')!.start, `${b} ended before s1 started: ${JSON.stringify([...spans])}`);
    assert.ok(!overlap('s1', 's2'), `s1 and s2 ran one after the other: ${JSON.stringify([...spans])}`);
  } finally {
    rmSync(browsing, { recursive: true, force: true });
  }
});

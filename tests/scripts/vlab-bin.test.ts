// bin/vlab.js runs the built bundle and never a stale one. Driven in a copy of the tree (its own dist/), as a
// developer would: first call builds, the next reuse the build, an edited source is rebuilt before it runs, and
// when the build cannot be written the sources run through tsx with a note.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
let tree: string;

before(() => {
  tree = mkdtempSync(join(tmpdir(), 'vlab-bin-'));
  for (const part of ['bin', 'scripts', 'server', 'analysis', 'public/src', 'package.json']) cpSync(join(repo, part), join(tree, part), { recursive: true });
  symlinkSync(join(repo, 'node_modules'), join(tree, 'node_modules'));
});
after(() => rmSync(tree, { recursive: true, force: true }));

function vlab(...args: string[]) {
  const result = spawnSync(process.execPath, [join(tree, 'bin/vlab.js'), ...args], { cwd: tree, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
const record = () => join(tree, 'dist/cli/build.json');
const buildId = () => (JSON.parse(readFileSync(record(), 'utf8')) as { id: string }).id;

test('the first call builds dist/cli; the next ones run that build without rebuilding', () => {
  const first = vlab('--help');
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /^Usage: vlab/);
  assert.equal(first.stderr, '', 'a rebuild says nothing when stderr is not a terminal');
  const id = buildId();
  const written = statSync(record()).mtimeMs;
  assert.equal(vlab('--help').status, 0);
  assert.equal(statSync(record()).mtimeMs, written, 'no rebuild');
  // A file touched without a change (a checkout, an editor's save) costs a hash, not a rebuild.
  const later = new Date(Date.now() + 5000);
  utimesSync(join(tree, 'server/cli/main.ts'), later, later);
  assert.equal(vlab('--help').status, 0);
  assert.equal(buildId(), id);
  assert.equal(statSync(record()).mtimeMs, written);
});

test('what `vlab --help` loads (main.js and the chunks it imports statically) holds no zod, Express or SQLite', () => {
  const dir = join(tree, 'dist/cli', buildId());
  const loaded = new Set<string>();
  const visit = (file: string) => {
    if (loaded.has(file)) return;
    loaded.add(file);
    // Static imports only: `import … from "./chunk-X.js"` and `import "./chunk-X.js"`; `import("./…")` is lazy.
    for (const [, chunk] of readFileSync(join(dir, file), 'utf8').matchAll(/^import (?:[^(]*? from )?"\.\/(chunk-[A-Z0-9]+\.js)";?$/gm)) visit(chunk!);
  };
  visit('main.js');
  const code = [...loaded].map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
  assert.doesNotMatch(code, /\$ZodType/, 'zod (the definitions\' validators)');
  assert.doesNotMatch(code, /from "better-sqlite3"/, 'the database');
  assert.doesNotMatch(code, /x-powered-by/, 'Express');
  assert.match(code, /Usage|\.command\(/, 'the verbs are registered there');
});

test('an edited source is rebuilt before it runs: the edit shows at once', () => {
  const id = buildId();
  const program = join(tree, 'server/cli/program.ts');
  writeFileSync(program, readFileSync(program, 'utf8').replace('from the respondent to the estimate', 'EDITED JUST NOW'));
  const run = vlab('--help');
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /EDITED JUST NOW/);
  assert.notEqual(buildId(), id);
});

test('a new migration file makes the build stale even though no source changed', () => {
  const id = buildId();
  const migration = join(tree, 'server/storage/migrations/999_bench_only.sql');
  writeFileSync(migration, 'SELECT 1;\n');
  assert.equal(vlab('--help').status, 0);
  assert.notEqual(buildId(), id);
  rmSync(migration);
});

test('when dist/cli cannot be written, the TypeScript runs through tsx with a note on stderr', () => {
  const program = join(tree, 'server/cli/program.ts');
  writeFileSync(program, readFileSync(program, 'utf8').replace('EDITED JUST NOW', 'EDITED AGAIN'));
  rmSync(join(tree, 'dist'), { recursive: true, force: true });
  writeFileSync(join(tree, 'dist'), 'not a folder');
  const run = vlab('--help');
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /EDITED AGAIN/);
  assert.match(run.stderr, /^vlab: could not rebuild dist\/cli \(.+\); running the TypeScript sources through tsx\n$/);
});

// scripts/compile-tests.mjs: npm test runs the test files as JavaScript compiled once per run, so each compiled
// module must behave as its source does under tsx: the same place (import.meta.url, .dirname, .filename) for paths
// found from it (but not in a string that spells it: a first version replaced those too), imports of other compiled
// files and of plain scripts both found, types gone, and the one file that must see its compiled place (the worker
// starter) seeing it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compiledPath, compileTests } from '../../scripts/compile-tests.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tree = mkdtempSync(join(tmpdir(), 'vlab-compile-tests-'));
after(() => rmSync(tree, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(dirname(join(tree, path)), { recursive: true });
  writeFileSync(join(tree, path), text);
}

test('a compiled module keeps its source\'s place and imports; the worker starter keeps its own', async () => {
  symlinkSync(join(repo, 'node_modules'), join(tree, 'node_modules'));
  write('scripts/plain.mjs', `export const plain = 'from a script';\n`);
  write('server/place.ts', `import type { Stats } from 'node:fs';\nexport const place = (s?: Stats): string => import.meta.url + (s ? '' : '');\n`);
  write('server/workers/start-worker.ts', `export const own: string = import.meta.url;\n`);
  write(
    'tests/a.test.ts',
    [
      `import { plain } from '../scripts/plain.mjs';`,
      `import { place } from '../server/place.ts';`,
      `import { own } from '../server/workers/start-worker.ts';`,
      `import { Command } from 'commander';`,
      `const answer: number = 42;`,
      `console.log(JSON.stringify({ plain, place: place(), own, url: import.meta.url, dir: import.meta.dirname, file: import.meta.filename, answer, bare: typeof Command, spelled: 'import.meta.url' }));`,
    ].join('\n'),
  );
  const out = join(tree, '.test-build', 'run-1');
  assert.equal(await compileTests(tree, out), 3);
  const compiled = compiledPath(tree, out, 'tests/a.test.ts');
  assert.equal(compiled, join(out, 'tests/a.test.js'));
  const run = spawnSync(process.execPath, [compiled], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), {
    plain: 'from a script',
    place: pathToFileURL(join(tree, 'server/place.ts')).href,
    own: pathToFileURL(join(out, 'server/workers/start-worker.js')).href,
    url: pathToFileURL(join(tree, 'tests/a.test.ts')).href,
    dir: join(tree, 'tests'),
    file: join(tree, 'tests/a.test.ts'),
    answer: 42,
    bare: 'function',
    spelled: 'import.meta.url', // a string that spells it stays
  });
});

// makeFolder (server/storage/make-folder.ts) makes a path's missing folders one at a time: Node's recursive mkdir
// loops for ever at full CPU for a path under /proc and says ENOENT on a read-only file system. Each call runs in a
// child process with a time limit, so the old behaviour fails here instead of hanging the run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const dir = mkdtempSync(join(tmpdir(), 'vlab-make-folder-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** makeFolder(folder, mode) in a child; its error's code, or 'made', or 'hung' past 20 s. */
function makeInChild(folder: string, mode?: number): string {
  const script = `import { makeFolder } from './server/storage/make-folder.ts';
try { makeFolder(${JSON.stringify(folder)}${mode === undefined ? '' : `, ${mode}`}); console.log('made'); } catch (e) { console.log(e.code); }`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
  return run.error ? 'hung' : run.stdout.trim();
}

test('a folder under /proc is refused at once (recursive mkdir looped for ever)', { skip: process.platform !== 'linux' && 'needs /proc' }, () => {
  assert.equal(makeInChild('/proc/vlab-no-such/inner'), 'ENOENT');
});

test('missing folders are made with the mode asked; a file in the path is ENOTDIR; an existing folder is kept', () => {
  const deep = join(dir, 'a', 'b', 'c');
  assert.equal(makeInChild(deep, 0o700), 'made');
  for (const folder of [join(dir, 'a'), join(dir, 'a', 'b'), deep]) assert.equal(statSync(folder).mode & 0o777, 0o700, folder);
  assert.equal(makeInChild(deep), 'made');
  writeFileSync(join(dir, 'file'), '');
  assert.equal(makeInChild(join(dir, 'file', 'inner')), 'ENOTDIR');
});

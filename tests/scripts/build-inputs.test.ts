// The freshness record behind `npm run build` and bin/vlab.js (scripts/build-inputs.mjs): what counts as a change.
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { changedInput, packageManifest, PUBLIC_RECORD, publicBundleChange, recordInputs } from '../../scripts/build-inputs.mjs';

let root: string;
const folder = { dir: 'migrations', suffix: '.sql' };

before(() => {
  root = mkdtempSync(join(tmpdir(), 'vlab-build-inputs-'));
  mkdirSync(join(root, 'migrations'));
  writeFileSync(join(root, 'a.ts'), 'export const a = 1;\n');
  writeFileSync(join(root, 'migrations/001_x.sql'), 'CREATE TABLE x (id);\n');
});
after(() => rmSync(root, { recursive: true, force: true }));

const record = () => recordInputs(root, ['a.ts', 'migrations/001_x.sql'], [folder], 'salt');

test('unchanged sources, or a file touched without a change, are current', () => {
  const r = record();
  assert.equal(changedInput(root, r), null);
  const later = new Date(Date.now() + 5000);
  utimesSync(join(root, 'a.ts'), later, later);
  assert.equal(changedInput(root, r), null, 'same content under a new mtime');
});

test('an edit of the same size, a deleted input and a new file in a watched folder are changes', () => {
  const r = record();
  writeFileSync(join(root, 'a.ts'), 'export const a = 2;\n');
  assert.equal(changedInput(root, r), 'a.ts changed');
  const edited = record();
  writeFileSync(join(root, 'migrations/002_y.sql'), 'CREATE TABLE y (id);\n');
  assert.equal(changedInput(root, edited), 'migrations has other *.sql files');
  rmSync(join(root, 'migrations/002_y.sql'));
  appendFileSync(join(root, 'a.ts'), '// more\n');
  assert.equal(changedInput(root, edited), 'a.ts changed');
  rmSync(join(root, 'a.ts'));
  assert.equal(changedInput(root, edited), 'a.ts is gone');
});

test("the record's id follows the contents and the salt, not the mtimes", () => {
  writeFileSync(join(root, 'a.ts'), 'export const a = 3;\n');
  const first = record();
  const later = new Date(Date.now() + 9000);
  utimesSync(join(root, 'a.ts'), later, later);
  assert.equal(record().id, first.id);
  assert.notEqual(recordInputs(root, ['a.ts', 'migrations/001_x.sql'], [folder], 'other salt').id, first.id);
});

test("a bundled package's files stand for its package.json; the page bundles' record says when they are stale", () => {
  assert.equal(packageManifest('node_modules/zod/v4/core/core.js'), 'node_modules/zod/package.json');
  assert.equal(packageManifest('../main/node_modules/@observablehq/plot/src/plot.js'), '../main/node_modules/@observablehq/plot/package.json');
  assert.equal(packageManifest('server/cli/main.ts'), 'server/cli/main.ts');

  assert.equal(publicBundleChange(root), 'there is no build yet');
  writeFileSync(join(root, 'a.ts'), 'export const a = 4;\n');
  mkdirSync(join(root, 'public/dist'), { recursive: true });
  writeFileSync(join(root, PUBLIC_RECORD), JSON.stringify(recordInputs(root, ['a.ts'], [], 'salt')));
  assert.equal(publicBundleChange(root), null);
  writeFileSync(join(root, 'a.ts'), 'export const a = 5;\n');
  assert.equal(publicBundleChange(root), 'a.ts changed');
});

test('a file written while the build ran is recorded as unsettled: the next check rebuilds, whatever esbuild read', () => {
  // esbuild reads the sources, then the record hashes them: an edit between the two would be recorded under the new
  // contents' hash while the bundle holds the old, and every later check would say "current" (walk-through 16).
  const past = new Date(Date.now() - 60_000);
  utimesSync(join(root, 'migrations/001_x.sql'), past, past);
  const started = Date.now();
  writeFileSync(join(root, 'a.ts'), 'export const a = 6;\n'); // "during" the build
  const r = recordInputs(root, ['a.ts', 'migrations/001_x.sql'], [folder], 'salt', started);
  assert.equal(changedInput(root, r), 'a.ts changed while it was being built');
  // Files older than the build, or touched with a future time (not an editor's save during the build), are settled.
  const settled = recordInputs(root, ['migrations/001_x.sql'], [folder], 'salt', started);
  assert.equal(changedInput(root, settled), null);
  const later = new Date(Date.now() + 9000);
  utimesSync(join(root, 'a.ts'), later, later);
  assert.equal(changedInput(root, recordInputs(root, ['a.ts'], [folder], 'salt', started)), null);
  // Two unsettled records of the same contents never share an id (it names the build's folder).
  utimesSync(join(root, 'a.ts'), new Date(), new Date());
  const ids = [1, 2].map(() => recordInputs(root, ['a.ts'], [folder], 'salt', started).id);
  assert.notEqual(ids[0], ids[1]);
});

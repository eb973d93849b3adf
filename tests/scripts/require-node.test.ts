// scripts/require-node.mjs: every entry point refuses a Node older than package.json's "engines" in one line (npm
// only warns), and lets this and newer ones through. No older Node is installed here, so the check is tested on
// version strings; that each entry point imports it first is read from their sources.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { MINIMUM_NODE, nodeVersionProblem } from '../../scripts/require-node.mjs';

test('older Nodes are refused in words, this and newer ones pass', () => {
  for (const old of ['18.19.1', '20.5.1', '20.0.0', '16.20.2']) {
    assert.match(nodeVersionProblem(old) ?? '', new RegExp(`^vlab needs Node 20\\.6\\.0 or newer; this is Node ${old.replace(/\./g, '\\.')} \\(`), old);
  }
  for (const fine of ['20.6.0', '20.6.1', '20.20.2', '21.0.0', '22.11.0', process.versions.node]) assert.equal(nodeVersionProblem(fine), undefined, fine);
});

test('the minimum is package.json\'s engines, and every entry point checks it before anything else', () => {
  const engines = (JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } }).engines.node;
  assert.equal(engines, `>=${MINIMUM_NODE.replace(/\.0$/, '')}`);
  for (const entry of ['bin/vlab.js', 'scripts/build.mjs', 'scripts/demo.mjs']) {
    const firstImport = readFileSync(entry, 'utf8').split('\n').find((line) => line.startsWith('import '));
    assert.match(firstImport ?? '', /^import '\.\.?\/(scripts\/)?require-node\.mjs';$/, entry);
  }
});

test('vlab on an older Node (its version faked before the entry point runs) says so in one line, exit 2', () => {
  const fake = "data:text/javascript,Object.defineProperty(process.versions,'node',{value:'18.19.1'})";
  const run = spawnSync(process.execPath, ['--import', fake, 'bin/vlab.js', '--help'], { encoding: 'utf8' });
  assert.equal(run.status, 2, run.stderr);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /^vlab needs Node 20\.6\.0 or newer; this is Node 18\.19\.1 \([^\n]*\)[^\n]*\n$/);
});

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
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(result.status ?? 1);

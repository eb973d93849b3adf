import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';

test('npm run demo (small): serves, simulates, prints the estimates table and the dashboard link, then stops with --exit', async () => {
  const run = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, ['scripts/demo.mjs', '--n', '96', '--exit'], { encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ status: error ? Number(error.code) : 0, stdout, stderr }),
    ),
  );
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const wave = /vlab simulate: wave (\S+), seed demo: 96 respondents/.exec(run.stdout)?.[1];
  assert.ok(wave, run.stdout);
  assert.match(run.stdout, /errors 0/);
  assert.match(run.stdout, /^H3 · economic_sanctions · N \d+ · p adjusted by holm/m);
  assert.match(run.stdout, /^ {2}Regime: Autocracy \(vs\. Democracy\) +-?\d/m);
  // The link opens the demo's wave, not the empty wave a fresh server creates for itself.
  assert.match(run.stdout, new RegExp(`dashboard: +http://localhost:\\d+/dashboard#wave=${wave} +\\(researcher token: vlab_\\S+\\)`));
  // Commands to type are as the README tells a newcomer (`npx vlab …` in the project folder), as vlab serve prints
  // them under npm; it printed `node bin/vlab.js power …`.
  assert.match(run.stdout, /^power: +npx vlab power --study alliance-corrective-measures /m);
  assert.doesNotMatch(run.stdout + run.stderr, /bin\/vlab\.js/);
});

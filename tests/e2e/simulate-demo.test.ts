import assert from 'node:assert/strict';
import { execFile, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

test('npm run demo (small): serves, simulates, prints the estimates table and what it made, then stops with --exit and prints no link', async () => {
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
  assert.match(run.stdout, /^ {2}Regime type of the ally: Autocracy +-?\d/m);
  // With --exit the server is stopped and its database deleted before anyone could follow a link: it printed
  // dashboard and respondent links and a token for that server (researcher pass 11). It says what was made.
  assert.doesNotMatch(run.stdout, /https?:\/\/|researcher token|vlab_\S/);
  assert.match(run.stdout, new RegExp(`^made: +wave ${wave} of alliance-corrective-measures: 96 simulated respondents, \\d+ complete, the estimates above; the server is stopped and its database deleted \\(run without --exit for the dashboard\\)$`, 'm'));
  // Commands to type are as the README tells a newcomer (`npx vlab …` in the project folder), as vlab serve prints
  // them under npm; it printed `node bin/vlab.js power …`.
  assert.match(run.stdout, /^power: +npx vlab power --study alliance-corrective-measures /m);
  assert.doesNotMatch(run.stdout + run.stderr, /bin\/vlab\.js/);
});

test('npm run demo, while it serves, prints the command that exports its wave from its own database, and that command runs as printed', async () => {
  const child = spawn(process.execPath, ['scripts/demo.mjs', '--n', '48'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the demo did not reach "serving" in 120 s:\n${stdout}`)), 120_000);
      child.stdout!.on('data', () => {
        if (stdout.includes('serving until Ctrl-C')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`the demo exited with ${code}:\n${stdout}`)));
    });
    // While it serves, the links open the demo's wave, not the empty wave a fresh server creates for itself.
    const wave = /vlab simulate: wave (\S+), seed demo/.exec(stdout)?.[1];
    assert.match(stdout, new RegExp(`dashboard: +http://localhost:\\d+/dashboard#wave=${wave} +\\(researcher token: vlab_\\S+\\)`));
    // Before: nothing said where the wave's data is; `vlab export --wave …` looked in the project's database: "no wave".
    const line = /^data: +npx vlab (export --wave (\S+) --db (\S+) --out (\S+))   \(while the demo serves; any analysis verb then reads it\)$/m.exec(stdout);
    assert.ok(line, stdout);
    const out = join(mkdtempSync(join(tmpdir(), 'vlab-demo-data-')), 'wave.csv');
    const args = line[1]!.split(' ').map((word) => (word === line[4] ? out : word));
    const exported = spawnSync(process.execPath, ['bin/vlab.js', ...args], { encoding: 'utf8' });
    assert.equal(exported.status, 0, exported.stderr);
    assert.match(readFileSync(out, 'utf8'), /^participant,wave_id,status,/);
    assert.match(exported.stderr, /^vlab export: \d+ participants written/m);
  } finally {
    child.kill('SIGINT');
    await once(child, 'exit');
  }
});

/** Starts the demo and resolves with its stdout once it serves; the caller stops it. */
async function demoServing(child: import('node:child_process').ChildProcess): Promise<string> {
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk));
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo did not reach "serving" in 120 s:\n${stdout}`)), 120_000);
    child.stdout!.on('data', () => {
      if (!stdout.includes('serving until Ctrl-C')) return;
      clearTimeout(timer);
      resolve(stdout);
    });
    child.once('exit', (code) => reject(new Error(`the demo exited with ${code}:\n${stdout}`)));
  });
}

test('the demo of a conjoint study, its database in a folder with a space, prints a data: command that runs as printed in a shell and exports the profile rows the conjoint verbs read', async () => {
  // Before: `--db /tmp/with space/…` unquoted (the shell splits it) and the plain CSV, which vlab amce cannot read.
  const tmp = mkdtempSync(join(tmpdir(), 'vlab demo '));
  const env = { ...process.env, TMPDIR: tmp };
  const child = spawn(process.execPath, ['scripts/demo.mjs', '--n', '24', '--study', 'alliance-partner-conjoint'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const stdout = await demoServing(child);
    const line = /^data: +npx vlab (export .*) {3}\(while the demo serves; any analysis verb then reads it\)$/m.exec(stdout);
    assert.ok(line, stdout);
    assert.match(line[1]!, / --format profiles-csv --out profiles\.csv$/);
    const out = join(tmp, 'out');
    mkdirSync(out);
    // Typed into a shell in a folder of one's own, vlab being `node <project>/bin/vlab.js` there.
    const exported = spawnSync('sh', ['-c', `node '${process.cwd()}/bin/vlab.js' ${line[1]}`], { cwd: out, encoding: 'utf8' });
    assert.equal(exported.status, 0, exported.stderr);
    const amce = spawnSync(process.execPath, ['bin/vlab.js', 'amce', '--data', join(out, 'profiles.csv'), '--formula', 'chosen ~ regime', '--id', 'participant', '--format', 'csv'], { encoding: 'utf8' });
    assert.equal(amce.status, 0, amce.stderr);
    assert.match(amce.stdout, /^chosen,amce,regime,democracy,-?\d/m);
  } finally {
    child.kill('SIGINT');
    await once(child, 'exit');
    rmSync(tmp, { recursive: true, force: true });
  }
});

// `vlab simulate --wave ID` on a copied study that kept its title and texts: two local studies answer the survey.
// Until 2026-12-04 the run stopped with ambiguous_study although the wave's own database, at hand, says which
// study the wave is of; now the local database (--db, VLAB_DB…) settles it, read without creating anything, and
// without one that knows the wave the clear stop stays.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { runSimulation } from '../../server/simulate/run-simulation.ts';
import { createTestApp, serveOnLoopback } from './test-app.ts';

const ALLIANCE = 'alliance-corrective-measures';
const definitions = loadDefinitionFiles('survey-definitions');
const alliance = definitions.find((d) => d.id === ALLIANCE)!;
const copy = { ...structuredClone(alliance), id: 'my-copy' };
let t: Awaited<ReturnType<typeof createTestApp>>;
let baseUrl = '';
let close = async () => {};
// The definitions folder a researcher has after `cp -r survey-definitions/alliance… my-copy` and a new id only.
const folder = mkdtempSync(join(tmpdir(), 'vlab-copied-study-'));

before(async () => {
  t = await createTestApp({ target: 10_000 });
  ({ baseUrl, close } = await serveOnLoopback(t.app));
  cpSync(join('survey-definitions', ALLIANCE), join(folder, ALLIANCE), { recursive: true });
  cpSync(join('survey-definitions', ALLIANCE), join(folder, 'my-copy'), { recursive: true });
  const study = join(folder, 'my-copy', 'study.json');
  writeFileSync(study, readFileSync(study, 'utf8').replace(`"id": "${ALLIANCE}"`, '"id": "my-copy"'));
});
after(async () => {
  await close();
  await t.close();
  rmSync(folder, { recursive: true, force: true });
});

test('runSimulation: the wave\'s study, when known, picks among the studies that answer its survey', async () => {
  const { summary } = await runSimulation({ baseUrl, waveId: t.wave.id, n: 6, concurrency: 2, seed: 'own', definitions: [copy, alliance], waveStudy: ALLIANCE, retryDelayMs: 10 });
  assert.equal(summary.stoppedBy, undefined, summary.firstErrors.join('\n'));
  assert.equal(summary.errors, 0);
  assert.equal(summary.respondents, 6);
  // The wave's study without a simulation model is named, not answered with its twin's model.
  const { simulation: _model, ...withoutModel } = structuredClone(alliance);
  const named = await runSimulation({ baseUrl, waveId: t.wave.id, n: 3, concurrency: 1, seed: 'own-no-model', definitions: [copy, withoutModel], waveStudy: ALLIANCE, retryDelayMs: 10 });
  assert.equal(named.summary.stoppedBy, 'unknown_study');
  assert.match(named.summary.firstErrors[0]!, /study "alliance-corrective-measures" has no simulation model/);
});

// Each run its own seed: a seed run again resumes its respondents (already finished), reading no survey.
const cli = (env: Record<string, string>, seed: string, ...args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, ['bin/vlab.js', 'simulate', '--wave', t.wave.id, '--n', '4', '--base-url', baseUrl, '--seed', seed, ...args],
      { encoding: 'utf8', timeout: 60_000, env: { ...process.env, VLAB_DEFINITIONS: folder, ...env } },
      (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }));
  });

test('vlab simulate learns the wave\'s study from --db or VLAB_DB; without a database that knows the wave it stops as before', async () => {
  const missing = join(folder, 'no-such.sqlite');
  for (const [env, args] of [[{ VLAB_DB: missing }, ['--db', t.location]], [{ VLAB_DB: t.location }, []]] as const) {
    const run = await cli(env, `copied-${args.length}`, ...args);
    assert.equal(run.status, 0, `${JSON.stringify(args)}: ${run.stdout}${run.stderr}`);
    assert.match(run.stdout, /4 respondents/);
    assert.doesNotMatch(run.stdout, /stopped/);
  }
  const unknown = await cli({ VLAB_DB: missing }, 'copied-unknown');
  assert.equal(unknown.status, 1, unknown.stdout + unknown.stderr);
  assert.match(unknown.stdout, /stopped: no local study to answer the survey \(ambiguous_study\)/);
  // The summary wraps at 100 columns (continuations indented): read it as one text.
  assert.match(unknown.stdout.replace(/\n +/g, ' '), /alliance-corrective-measures, my-copy\): give the wave's study with --study, or the database the server serves with --db/);
  assert.equal(existsSync(missing), false, 'the missing database was not created');
  // A --db that does not know the wave is a mistake named before any respondent starts.
  const wrong = await cli({}, 'copied-wrong', '--db', missing);
  assert.equal(wrong.status, 2);
  assert.match(wrong.stderr, /^vlab simulate: --db .*no-such\.sqlite: no such file \(give the database the server at --base-url serves, or leave --db out\)\n$/);
});

test('vlab simulate without --base-url names the address the database\'s last vlab serve announced', async () => {
  // Walk-through 28: commander's "required option '--base-url <url>' not specified" left a newcomer whose server took
  // another port than the README's 3000 to find the address; the database records it (vlab wave create's links).
  const run = (env: Record<string, string>) =>
    new Promise<{ status: number; stderr: string }>((resolve) =>
      execFile(process.execPath, ['bin/vlab.js', 'simulate', '--wave', t.wave.id, '--n', '1'], { encoding: 'utf8', env: { ...process.env, ...env } }, (error, _stdout, stderr) =>
        resolve({ status: error ? Number(error.code) : 0, stderr }),
      ),
    );
  const none = await run({ VLAB_DB: join(folder, 'no-such.sqlite') });
  assert.equal(none.status, 2);
  assert.equal(none.stderr, 'vlab simulate: --base-url is required: the server the respondents talk to, as vlab serve printed it (e.g. --base-url http://localhost:3000)\n');
  await t.store.write((tx) => tx.servedAddress.record({ origin: 'http://localhost:3928', recordedAt: new Date().toISOString() }));
  const served = await run({ VLAB_DB: t.location });
  assert.equal(served.status, 2);
  assert.match(served.stderr, /^vlab simulate: --base-url is required: the server the respondents talk to; the last vlab serve on .+ announced http:\/\/localhost:3928: --base-url http:\/\/localhost:3928\n$/);
});

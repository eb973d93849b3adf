// `vlab simulate --wave ID` on a wave whose study was edited after it opened (a level's text reworded, "version"
// raised, as the README asks): the wave still shows the texts it opened with, which no local definition holds any
// more. Until walk-through 24 the run stopped at its first respondent with "no local study with a simulation model
// matches the survey", --study of the study itself included, and named no way forward. The wave's study as the
// local database records it (the snapshot the wave fields, with its simulation model) now answers such a survey.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { runSimulation } from '../../server/simulate/run-simulation.ts';
import { createTestApp, serveOnLoopback } from './test-app.ts';

const CONJOINT = 'alliance-partner-conjoint';
const fielded = loadDefinitionFiles('survey-definitions').find((d) => d.id === CONJOINT)!;
const OLD_TEXT = 'Among the strongest in its region';
const NEW_TEXT = 'Among the strongest armed forces in its region';
// The definitions folder after the edit: one level's text reworded, version 2.
const folder = mkdtempSync(join(tmpdir(), 'vlab-changed-study-'));
let edited: (typeof fielded);
let t: Awaited<ReturnType<typeof createTestApp>>;
let baseUrl = '';
let close = async () => {};

before(async () => {
  t = await createTestApp({ studyKey: CONJOINT, target: 10_000 });
  ({ baseUrl, close } = await serveOnLoopback(t.app));
  cpSync(join('survey-definitions', CONJOINT), join(folder, CONJOINT), { recursive: true });
  const study = join(folder, CONJOINT, 'study.json');
  const text = readFileSync(study, 'utf8');
  assert.ok(text.includes(OLD_TEXT));
  writeFileSync(study, text.replace(OLD_TEXT, NEW_TEXT).replace('"version": 1', '"version": 2'));
  edited = loadDefinitionFiles(folder).find((d) => d.id === CONJOINT)!;
  assert.equal(edited.version, 2);
});
after(async () => {
  await close();
  await t.close();
  rmSync(folder, { recursive: true, force: true });
});

test('runSimulation: a survey only the wave\'s recorded study reads is answered by it; without it, the stop says where to look', async () => {
  const stopped = await runSimulation({ baseUrl, waveId: t.wave.id, n: 3, concurrency: 1, seed: 'changed-none', definitions: [edited], waveStudy: CONJOINT, retryDelayMs: 10 });
  assert.equal(stopped.summary.stoppedBy, 'unknown_study');
  assert.match(stopped.summary.firstErrors[0]!, /no local study with a simulation model matches the survey "Opinions about US security partners": .*--db/);

  const { summary } = await runSimulation({
    baseUrl, waveId: t.wave.id, n: 6, concurrency: 2, seed: 'changed-recorded', definitions: [edited], waveStudy: CONJOINT, waveDefinition: fielded, retryDelayMs: 10,
  });
  assert.equal(summary.stoppedBy, undefined, summary.firstErrors.join('\n'));
  assert.equal(summary.errors, 0);
  assert.equal(summary.respondents, 6);
  assert.match(summary.studyNote ?? '', /^answered as the database records the wave's study \(alliance-partner-conjoint v1\): the definitions folder's v2 does not read its survey$/);
});

test('vlab simulate on the edited study\'s wave, its database at hand (VLAB_DB): the respondents answer, and the summary says from which record', async () => {
  const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, ['bin/vlab.js', 'simulate', '--wave', t.wave.id, '--n', '4', '--base-url', baseUrl, '--seed', 'changed-cli'],
      { encoding: 'utf8', timeout: 60_000, env: { ...process.env, VLAB_DEFINITIONS: folder, VLAB_DB: t.location } },
      (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }));
  });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /4 respondents/);
  assert.match(run.stdout.replace(/\n +/g, ' '), /answered as the database records the wave's study \(alliance-partner-conjoint v1\): the definitions folder's v2 does not read its survey/);
});

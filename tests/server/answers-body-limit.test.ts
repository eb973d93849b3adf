// Attacker pass 19: every save and the completion carry all the answers so far, and a text box takes 5,000
// characters, so a study with a few open questions answered at length in Chinese or Japanese (3 bytes a
// character) makes a body over the default VLAB_BODY_LIMIT of 64 KiB: the save and the completion are refused
// 413 and the respondent cannot finish, though they kept to the survey. Nothing said so before fielding.
// `vlab wave create` and `vlab serve` now name such a study with the limit it needs (largestAnswersBody).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import request from 'supertest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { silentLogger } from '../../server/logger.ts';
import { largestAnswersBody } from '../../server/domain/answers-body-size.ts';
import { parseStudyDefinition } from '../../server/domain/study-definition.ts';
import { createStudyService } from '../../server/services/study-service.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { createResearcherPool } from '../../server/workers/researcher-pool.ts';
import { serve } from '../e2e/serve-process.ts';
import { COMPLETE_ALLIANCE_ANSWERS, createTestStore, TEST_RATE_LIMITS } from './test-app.ts';

const BOXES = ['why_1', 'why_2', 'why_3', 'why_4', 'why_5'];
const dir = mkdtempSync(join(tmpdir(), 'vlab-body-limit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// bus-line-funding as "open-questions", with five optional comment boxes on its last page.
const definitions = join(dir, 'definitions');
const folder = join(definitions, 'open-questions');
mkdirSync(definitions);
cpSync('survey-definitions/bus-line-funding', folder, { recursive: true });
const study = JSON.parse(readFileSync(join(folder, 'study.json'), 'utf8'));
study.id = 'open-questions';
study.pages.posttreatment[0].elements.push(...BOXES.map((name) => ({ type: 'comment', name, title: { en: 'Why?', es: '¿Por qué?' } })));
writeFileSync(join(folder, 'study.json'), JSON.stringify(study));
const largest = largestAnswersBody(parseStudyDefinition({ ...study, analysisPlan: JSON.parse(readFileSync(join(folder, 'analysis-plan.json'), 'utf8')) }, 'study.json'));

// Every box filled to 5,000 typed characters of 3 bytes: what a respondent writing at length in Chinese sends.
const LONG = '調'.repeat(5000);
const ANSWERS = { consent: true, bus_use: 'weekly', support_line: 4, vote_line: 'for', recall_funding: 'sales_tax', ...Object.fromEntries(BOXES.map((b) => [b, LONG])) };

async function appWithLimit(bodyLimitBytes: number) {
  const { store, location, remove } = await createTestStore();
  const studies = createStudyService({ store });
  await studies.syncDefinitions(loadDefinitionFiles(definitions));
  const { wave } = await studies.createWave({ studyKey: 'open-questions', target: 10, seed: 'body-limit' });
  const config = loadConfig({}, { dbPath: location, logLevel: 'silent', ...TEST_RATE_LIMITS, bodyLimitBytes });
  const researcherPool = createResearcherPool({ ...config, logger: silentLogger });
  return { app: createApp({ store, config, researcherPool }), wave, close: () => researcherPool.close().finally(remove) };
}

/** A respondent who keeps to the survey: the quota step, then a save and the completion with every box full. */
async function respondentAtLength(bodyLimitBytes: number): Promise<number[]> {
  const t = await appWithLimit(bodyLimitBytes);
  try {
    const code = (await request(t.app).post(`/api/waves/${t.wave.id}/participants`).send({}).expect(201)).body.participant.code;
    await request(t.app).post(`/api/participants/${code}/quota-check`).send({ answers: { consent: true, bus_use: 'weekly' } }).expect(200);
    const save = await request(t.app).put(`/api/participants/${code}/answers`).send({ answers: ANSWERS, currentPage: 3 });
    const complete = await request(t.app).post(`/api/participants/${code}/complete`).send({ answers: ANSWERS, honeypot: '' });
    return [save.status, complete.status];
  } finally {
    await t.close();
  }
}

test('the bound covers what the page sends: five boxes of 5,000 Chinese characters', () => {
  const sent = Buffer.byteLength(JSON.stringify({ answers: ANSWERS, currentPage: 3, honeypot: '' }));
  assert.ok(sent > 65_536, `${sent} bytes`);
  assert.ok(sent <= largest && largest - sent < 1_000, `sent ${sent}, bound ${largest}`);
  // The shipped studies have no text box: a few hundred bytes, far under any limit (at least 1,024).
  const shipped = loadDefinitionFiles('survey-definitions').map((d) => largestAnswersBody(d));
  assert.ok(shipped.length === 5 && Math.max(...shipped) < 1_024, String(shipped));
  const alliance = largestAnswersBody(loadDefinitionFiles('survey-definitions').find((d) => d.id === 'alliance-corrective-measures')!);
  assert.ok(Buffer.byteLength(JSON.stringify({ answers: COMPLETE_ALLIANCE_ANSWERS, currentPage: 12, honeypot: '' })) <= alliance);
});

test('such a respondent is refused 413 at the default limit and finishes with the limit the warning names', async () => {
  assert.deepEqual(await respondentAtLength(64 * 1024), [413, 413]);
  assert.deepEqual(await respondentAtLength(largest), [200, 200]);
});

const db = join(dir, 'vlab.sqlite');
function waveCreate(env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, ['bin/vlab.js', 'wave', 'create', '--study', 'open-questions', '--target', '10', '--complete-url', 'https://example.org/done', '--db', db], {
    encoding: 'utf8',
    env: { ...process.env, VLAB_DEFINITIONS: definitions, ...env },
  });
  assert.equal(run.status, 0, run.stderr);
  return run.stderr;
}

const WARNING = new RegExp(
  `a respondent who fills every text box of open-questions can send up to ${largest.toLocaleString('en-US')} bytes of answers, more than VLAB_BODY_LIMIT \\(65,536\\): ` +
    `such a respondent's saves and completion would be refused \\(413\\) and their answers lost; set VLAB_BODY_LIMIT=${largest} \\(or more\\) for vlab serve`,
);

test('vlab wave create warns of such a study, and not once VLAB_BODY_LIMIT covers it', () => {
  assert.match(waveCreate(), new RegExp(`^vlab wave create: warning: ${WARNING.source}`, 'm'));
  assert.doesNotMatch(waveCreate({ VLAB_BODY_LIMIT: String(largest) }), /VLAB_BODY_LIMIT/);
});

test('vlab serve names the open wave of such a study at start', async () => {
  const served = await serve(db, { VLAB_DEMO: 'false', VLAB_DEFINITIONS: definitions });
  try {
    assert.match(served.stdout, new RegExp(`  open wave \\S+ \\(open-questions\\): \\S+\\n    ${WARNING.source}`));
  } finally {
    await served.stop();
  }
});

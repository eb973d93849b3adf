// The dashboard says when a wave's estimates are raked (researcher pass 11): its Hypotheses heading names the
// population margins, as `vlab estimates`' table does ("raked to the population margins of …"), where a raked
// plan's cards read like an unweighted one's. protege-bargaining with its plan's weights set to "raking", copied
// into a temporary definitions folder, fielded through the real server to 60 simulated respondents (wave seed
// "dash-raked", respondent seed "dash-raked-respondents", in order). An unweighted wave's heading has no such words: dashboard-browser.test.ts.
// Screenshot: screenshots/dashboard/protege-raked-desktop.png (gitignored), for a person to look at.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { runSimulation } from '../../server/simulate/run-simulation.ts';
import { createStudyService } from '../../server/services/study-service.ts';
import { createTokenService } from '../../server/services/token-service.ts';
import { openDatabase } from '../../server/storage/db.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { createSqliteStore } from '../../server/storage/sqlite-store.ts';
import { launchChromium } from './chromium.ts';
import { serve, type ServedApp } from './serve-process.ts';
import { DASHBOARD_WAIT } from './dashboard-wait.ts';

const STUDY = 'protege-bargaining';

let dir: string;
let app: ServedApp;
let browser: Browser;
let token = '';
let wave = '';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vlab-dashboard-raked-'));
  const definitionsDir = join(dir, 'definitions');
  cpSync(join('survey-definitions', STUDY), join(definitionsDir, STUDY), { recursive: true });
  const planFile = join(definitionsDir, STUDY, 'analysis-plan.json');
  writeFileSync(planFile, JSON.stringify({ ...JSON.parse(readFileSync(planFile, 'utf8')), weights: 'raking' }, null, 2));
  const definitions = loadDefinitionFiles(definitionsDir);
  const db = openDatabase(join(dir, 'vlab.sqlite'));
  const store = createSqliteStore(db);
  const studies = createStudyService({ store });
  await studies.syncDefinitions(definitions);
  wave = (await studies.createWave({ studyKey: STUDY, target: 100, seed: 'dash-raked' })).wave.id;
  token = (await createTokenService({ store }).create('dashboard raked test')).token;
  db.close();
  app = await serve(join(dir, 'vlab.sqlite'), { VLAB_RATE_LIMIT_START: '1000000', VLAB_DEFINITIONS: definitionsDir });
  const { summary } = await runSimulation({ baseUrl: app.baseUrl, waveId: wave, n: 60, concurrency: 4, inOrder: true, seed: 'dash-raked-respondents', definitions });
  assert.equal(summary.errors, 0, summary.firstErrors.join('\n'));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test("a raked wave's Hypotheses heading names the population margins it is raked to", async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${app.baseUrl}/dashboard#wave=${wave}`);
  await page.locator('#dash-token').fill(token);
  await page.getByRole('button', { name: 'Open the dashboard' }).click();
  const heading = page.locator('#dash-wave h3', { hasText: 'Hypotheses' });
  await heading.waitFor(DASHBOARD_WAIT);
  assert.match(
    await heading.innerText(),
    /^Hypotheses \(\d+ complete, \d+ excluded by the plan; raked to the population margins of age_group, gender, education and region\)$/,
  );
  console.log(`dashboard-raked: screenshot ${await screenshot(page)}`);
  await context.close();
});

async function screenshot(page: Page): Promise<string> {
  const file = join('screenshots', 'dashboard', 'protege-raked-desktop.png');
  mkdirSync(join('screenshots', 'dashboard'), { recursive: true });
  await page.locator('#dash-wave h3', { hasText: 'Hypotheses' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: file });
  assert.ok(statSync(file).size > 10_000, file);
  return file;
}

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createStudyService } from '../../server/services/study-service.ts';
import { createTokenService } from '../../server/services/token-service.ts';
import { openDatabase } from '../../server/storage/db.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { createRepositories } from '../../server/storage/repositories.ts';
import { seedAllianceWave } from '../server/estimates-support.ts';
import { alliance, withPlan } from '../server/plan-support.ts';
import { launchChromium } from './chromium.ts';
import { serve, type ServedApp } from './serve-process.ts';

/** Researcher-provided text that must show as text, not run as markup. */
const HOSTILE = 'Regime effect <img src=x id="injected"> <b>bold</b>';

let dir: string;
let app: ServedApp;
let browser: Browser;
let token = '';
const waves: { shipped: string; hostile: string } = { shipped: '', hostile: '' };

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vlab-dashboard-'));
  const db = openDatabase(join(dir, 'vlab.sqlite'));
  const repos = createRepositories(db);
  const studies = createStudyService({ db, repos });
  studies.syncDefinitions(loadDefinitionFiles('survey-definitions'));
  waves.shipped = studies.createWave({ studyKey: alliance.id, target: 3000, seed: 'dash' }).wave.id;
  seedAllianceWave(db, repos, alliance, waves.shipped);
  const hostile = structuredClone(alliance.analysisPlan);
  hostile.hypotheses[2]!.description = HOSTILE;
  studies.syncDefinitions([withPlan(alliance, hostile)]);
  waves.hostile = studies.createWave({ studyKey: alliance.id, target: 3000, seed: 'dash2' }).wave.id;
  seedAllianceWave(db, repos, alliance, waves.hostile, 'x');
  token = (await createTokenService({ db }).create('dashboard test')).token;
  db.close();
  app = await serve(join(dir, 'vlab.sqlite'));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function watch(page: Page) {
  const problems = { consoleErrors: [] as string[], pageErrors: [] as string[], urlsWithToken: [] as string[] };
  page.on('console', (m) => {
    if (m.type() === 'error') problems.consoleErrors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => problems.pageErrors.push(e.message));
  page.on('request', (r) => {
    if (r.url().includes(token.slice(-12))) problems.urlsWithToken.push(r.url());
  });
  return problems;
}

test('the dashboard: token once, waves, coefficient plots with CIs, precision, downloads; no console errors', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(`${app.baseUrl}/dashboard`);
  await page.locator('#dash-token').fill(token);
  await page.getByRole('button', { name: 'Open the dashboard' }).click();

  // One coefficient plot per hypothesis: a dot and a CI rule per non-intercept term.
  const h2 = page.locator('svg[data-hypothesis="H2"]');
  await h2.waitFor({ timeout: 30_000 });
  assert.equal(await h2.locator('g[aria-label="dot"] circle').count(), 2, 'H2: favourability and contribution');
  assert.equal(await h2.locator('g[aria-label="rule"] line').count(), 2 + 1, 'two CIs and the zero line');
  assert.equal(await page.locator('svg[data-hypothesis="H1"] g[aria-label="dot"] circle').count(), 4);
  assert.equal(await page.locator('svg[data-hypothesis="H3"] g[aria-label="dot"] circle').count(), 3 * 7);
  assert.match((await h2.getAttribute('aria-label')) ?? '', /Coefficient plot of H2/);

  const text = await page.locator('#dash-wave').innerText();
  assert.match(text, /Estimates \(1502 complete, \d+ excluded by the plan\)/);
  assert.match(text, /Precision: now \(N 1502\) and at the target \(N 3000\)/);
  assert.match(text, /Completion funnel/);
  assert.match(await page.locator('#dash-wave-table').innerText(), /1502 \/ 3000/);

  // A download carries the bearer header (no token in any URL) and saves the server's file.
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Estimates (CSV)' }).click()]);
  assert.match(file.suggestedFilename(), /^alliance-corrective-measures-.+-estimates\.csv$/);
  assert.match(readFileSync((await file.path())!, 'utf8'), /^hypothesis,outcome,term,estimate/);

  // The token is kept for the tab: a reload needs no second entry.
  await page.reload();
  await page.locator('svg[data-hypothesis="H2"]').waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('#dash-token-form').isVisible(), false);
  assert.equal(new URL(page.url()).hash, `#wave=${waves.shipped}`, 'the open wave is in the link');

  // A link naming a wave (as npm run demo prints) opens that wave.
  await page.goto(`${app.baseUrl}/dashboard#wave=${waves.hostile}`);
  await page.reload();
  await page.locator('#dash-wave h2', { hasText: `wave ${waves.hostile}` }).waitFor({ timeout: 30_000 });

  assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], urlsWithToken: [] });
  await context.close();
});

test('researcher-provided text renders inert; a wrong token is refused and asked again', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(`${app.baseUrl}/dashboard`);
  await page.locator('#dash-token').fill('vlab_wrong_token');
  await page.getByRole('button', { name: 'Open the dashboard' }).click();
  await page.getByText('The token was not accepted').waitFor();
  assert.equal(await page.locator('#dash-token-form').isVisible(), true);

  await page.locator('#dash-token').fill(token);
  await page.getByRole('button', { name: 'Open the dashboard' }).click();
  await page.locator('#dash-wave-table').getByRole('row').filter({ hasText: waves.hostile }).getByRole('button', { name: 'Open' }).click();
  await page.getByText(HOSTILE, { exact: true }).waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('#injected').count(), 0);
  assert.equal(await page.locator('#dash-wave b').count(), 0);
  // The 401 of the wrong token is the only console error (the browser logs failed requests).
  assert.ok(problems.consoleErrors.every((e) => /401/.test(e)), problems.consoleErrors.join('\n'));
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

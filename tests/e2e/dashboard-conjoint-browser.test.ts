// The dashboard of a conjoint wave (issue 15): the flagship fielded through the real server to 200 simulated
// respondents (wave seed "dash-cj", respondent seed "dash-cj-respondents", starts in order: the same data on every
// run), then its AMCE and marginal-mean cards at phone and desktop sizes, axe-clean: one plot panel per outcome
// (the choice's and the 1–5 rating's AMCEs on their own scales), the reference line at each hypothesis' h0 (0.5
// for H2's marginal means), with screenshots written to screenshots/dashboard/alliance-partner-conjoint-{phone,
// desktop}.png (gitignored) for a person to look at.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
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
import { seriousViolations as seriousWcagViolations } from './axe-wcag.ts';
import { launchChromium } from './chromium.ts';
import { darkContrastProblems, darkWidthFor } from './dark-contrast.ts';
import { serve, type ServedApp } from './serve-process.ts';
import { DASHBOARD_WAIT } from './dashboard-wait.ts';

const definitions = loadDefinitionFiles('survey-definitions');
const STUDY = 'alliance-partner-conjoint';
const RESPONDENTS = 200;
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
const DESKTOP = { viewport: { width: 1366, height: 900 } };

let dir: string;
let app: ServedApp;
let browser: Browser;
let token = '';
let wave = '';
let completes = 0;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vlab-dashboard-cj-'));
  const db = openDatabase(join(dir, 'vlab.sqlite'));
  const store = createSqliteStore(db);
  const studies = createStudyService({ store });
  await studies.syncDefinitions(definitions);
  wave = (await studies.createWave({ studyKey: STUDY, target: 400, seed: 'dash-cj' })).wave.id;
  token = (await createTokenService({ store }).create('dashboard conjoint test')).token;
  db.close();
  app = await serve(join(dir, 'vlab.sqlite'), { VLAB_RATE_LIMIT_START: '1000000' });
  const { summary } = await runSimulation({ baseUrl: app.baseUrl, waveId: wave, n: RESPONDENTS, concurrency: 4, inOrder: true, seed: 'dash-cj-respondents', definitions });
  assert.equal(summary.errors, 0, summary.firstErrors.join('\n'));
  completes = summary.completes;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the page as it is now (serious and critical), and the dark scheme's contrast. */
async function seriousViolations(page: Page): Promise<string[]> {
  // And the dark scheme's colour contrast (AA): a phone's at 320 px, a desktop's at its own width (darkWidthFor).
  return [...(await seriousWcagViolations(page)), ...(await darkContrastProblems(page, 'the conjoint wave', darkWidthFor(page)))];
}

/**
 * Where a plot's reference line is, and where its own x scale puts `value`: the scale read off two dots of
 * different estimates (each dot's title ends in its estimate), in screen pixels. Also the line's label.
 */
async function referenceLine(page: Page, selector: string, value: number): Promise<{ line: number; expected: number; label: string; dots: number }> {
  // No named functions inside: the test runner's transform would wrap them in a helper the page does not have.
  return page.locator(selector).evaluate((svg, v) => {
    const dots = [...svg.querySelectorAll('circle')].map((c) => {
      const r = c.getBoundingClientRect();
      return { x: r.left + r.width / 2, estimate: Number(/: (\S+)$/.exec(c.querySelector('title')?.textContent ?? '')?.[1]) };
    });
    const a = dots[0]!;
    const b = dots.reduce((far, d) => (Math.abs(d.estimate - a.estimate) > Math.abs(far.estimate - a.estimate) ? d : far));
    const rule = svg.querySelector('.dash-h0 line')?.getBoundingClientRect();
    return {
      line: rule ? rule.left + rule.width / 2 : NaN,
      expected: a.x + ((v - a.estimate) * (b.x - a.x)) / (b.estimate - a.estimate),
      label: svg.querySelector('.dash-h0-label')?.textContent ?? '',
      dots: dots.length,
    };
  }, value);
}

async function openConjointDashboard(page: Page): Promise<void> {
  await page.goto(`${app.baseUrl}/dashboard#wave=${wave}`);
  await page.locator('#dash-token').fill(token);
  await page.getByRole('button', { name: 'Open the dashboard' }).click();
  await page.locator('#dash-wave h2', { hasText: `wave ${wave}` }).waitFor(DASHBOARD_WAIT);
  await page.locator('svg[data-hypothesis="H2"]').waitFor(DASHBOARD_WAIT);
}

/** H1's two outcomes each in a panel of its own with the line at 0; H2's marginal means with the line at 0.5. */
async function assertPanelsAndReferenceLines(page: Page): Promise<void> {
  assert.deepEqual(await page.locator('svg[data-hypothesis="H1"]').evaluateAll((svgs) => svgs.map((s) => s.getAttribute('data-outcome'))), ['chosen', 'support_aid_cut']);
  for (const outcome of ['chosen', 'support_aid_cut']) {
    const at = await referenceLine(page, `svg[data-hypothesis="H1"][data-outcome="${outcome}"]`, 0);
    assert.equal(at.dots, 8, outcome);
    assert.ok(Math.abs(at.line - at.expected) < 1.5, `${outcome}: line at ${at.line} px, 0 at ${at.expected} px`);
    assert.equal(at.label, 'h0 = 0');
    assert.equal(await page.locator(`.dash-panel-outcome:has(+ svg[data-outcome="${outcome}"]) .dash-panel-name`).textContent(), outcome);
  }
  const h2 = await referenceLine(page, 'svg[data-hypothesis="H2"]', 0.5);
  assert.ok(Math.abs(h2.line - h2.expected) < 1.5, `H2: line at ${h2.line} px, 0.5 at ${h2.expected} px`);
  assert.equal(h2.label, 'h0 = 0.5');
}

test('on a phone (390 px): the conjoint wave\'s AMCE and marginal-mean cards with plots, no sideways scrolling, axe finds nothing serious, a screenshot', async () => {
  assert.ok(completes > 150, `${completes} completes`);
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await openConjointDashboard(page);

  // H1: the pre-registered AMCEs of both outcomes (8 tested terms each), in the study's words, with verdicts.
  const h1 = page.locator('article[data-hypothesis="H1"]');
  const evict = h1.getByRole('row').filter({ hasText: 'Bargaining behaviour of the partner: Evicts US troops (vs. Cooperates)' });
  assert.equal(await evict.count(), 2, 'chosen and support_aid_cut');
  assert.match(await evict.first().innerText(), /positive[\s\S]*(supported|not supported|opposite sign)/);
  assert.equal(await page.locator('svg[data-hypothesis="H1"] circle').count(), 2 * 8);
  // The plots' labels break between phrases: Plot wrapped them at any space, "… Evicts US troops (vs." over
  // "Cooperates)" on a phone (newcomer walk-through 15). A line with unbalanced parentheses was cut inside one.
  const plotLines = await page.locator('svg[data-hypothesis] text').evaluateAll((texts) =>
    texts.flatMap((t) => (t.querySelector('tspan') ? [...t.querySelectorAll('tspan')].map((s) => s.textContent ?? '') : [t.textContent ?? ''])));
  assert.ok(plotLines.includes('Evicts US troops') && plotLines.includes('(vs. Cooperates)'), plotLines.join(' | '));
  const cut = plotLines.filter((l) => (l.match(/\(/g) ?? []).length !== (l.match(/\)/g) ?? []).length);
  assert.deepEqual(cut, [], 'every line of a plot label holds whole phrases');
  await assertPanelsAndReferenceLines(page);
  // H2: marginal means by party, against 0.5.
  const h2 = page.locator('article[data-hypothesis="H2"]');
  assert.ok((await h2.getByRole('row').filter({ hasText: 'Regime type of the partner: Autocracy · Party: Republican' }).count()) >= 1);
  assert.ok((await page.locator('svg[data-hypothesis="H2"] circle').count()) >= 2 * 8);
  const text = await page.locator('#dash-wave').innerText();
  assert.match(text, new RegExp(`completed\\s+${completes}\\s+`));
  // The precision table reads in the same words as the cards.
  const precision = page.getByRole('table', { name: /^Precision now/ });
  assert.match(await precision.getByRole('row').filter({ hasText: 'H2' }).first().innerText(), /Regime type of the partner: Democracy · Party: Democrat/);
  const raw = /.{0,100}(regimeautocracy|behaviorevict_troops|not estimable yet).{0,600}/s.exec(text);
  assert.equal(raw, null, `terms in the study’s words, every card estimated: ${raw?.[0]}`);

  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), true, 'no sideways scrolling');
  assert.deepEqual(await seriousViolations(page), []);
  console.log(`dashboard-conjoint: ${completes} completes; screenshot ${await screenshot(page, 'phone')}`);
  assert.deepEqual(await plotsWithOneNumber(page), [], 'every plot\'s axis has at least two numbers at 390 px');
  await page.setViewportSize({ width: 320, height: 700 });
  await page.waitForTimeout(500); // the plots are drawn again for the new width (dashboard-plot-layout.ts)
  assert.deepEqual(await plotsWithOneNumber(page), [], 'and at 320 px');
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a desktop (1366 px): one panel per outcome, reference lines at h0, axe finds nothing serious, a screenshot', async () => {
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openConjointDashboard(page);
  await assertPanelsAndReferenceLines(page);
  // A conjoint has no cells: the line says so, and no "Every cell (0)" fold opens onto an empty table (walk-through 15).
  assert.equal(await page.locator('#dash-wave').getByText(/^No cells: a conjoint draws its profiles per task/).count(), 1);
  assert.equal(await page.locator('#dash-wave summary', { hasText: /^Every cell/ }).count(), 0);
  // Under a heading that fits: "Progress per cell" over "No cells" read as a broken wave (accessibility pass 21).
  assert.deepEqual(await page.locator('#dash-wave h3').allInnerTexts().then((hs) => hs.filter((h) => /cell|Profiles/.test(h))), ['Profiles']);
  assert.deepEqual(await seriousViolations(page), []);
  // A conjoint's profiles (one row per profile shown) were only in the CLI and the API: the dashboard offers them,
  // and the download goes through (the status region says it is done, not that it failed).
  const profiles = page.getByRole('button', { name: `Download the conjoint profiles (CSV) of wave ${wave}` });
  assert.equal(await profiles.innerText(), 'Profiles (CSV)');
  await profiles.click();
  await page.locator('#dash-status', { hasText: `Downloaded the conjoint profiles (CSV) of wave ${wave}.` }).waitFor(DASHBOARD_WAIT);
  console.log(`dashboard-conjoint: screenshot ${await screenshot(page, 'desktop')}`);
  assert.deepEqual(errors, []);
  await context.close();
});

/**
 * The plots whose x axis shows fewer than two numbers, with the numbers it shows. On a phone the axis got a tick
 * count of 2 or 1 for its room, and d3 then picked a step as wide as the intervals' whole range: the choice's AMCEs
 * of walk-through 24, from −0.18 to 0.19, had "0.0" alone under them, nothing to read a magnitude by.
 */
async function plotsWithOneNumber(page: Page): Promise<string[]> {
  return page.locator('svg[data-hypothesis]').evaluateAll((svgs) =>
    svgs.flatMap((svg) => {
      const numbers = [...svg.querySelectorAll('text')].map((t) => t.textContent ?? '').filter((t) => /^[−-]?\d+(\.\d+)?$/.test(t));
      return numbers.length >= 2 ? [] : [`${svg.getAttribute('data-hypothesis')} ${svg.getAttribute('data-outcome') ?? ''}: ${numbers.join(' ') || 'none'}`];
    }));
}

async function screenshot(page: Page, size: string): Promise<string> {
  const file = join('screenshots', 'dashboard', `${STUDY}-${size}.png`);
  mkdirSync(join('screenshots', 'dashboard'), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  assert.ok(statSync(file).size > 10_000, file);
  return file;
}

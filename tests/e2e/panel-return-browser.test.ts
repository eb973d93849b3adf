// The panel-return page: a completion whose wave sends respondents back to their panel shows "Thank you!" and
// "Taking you back to the survey panel…" while the browser follows the redirect. When the panel is slow, down, or the
// browser holds the navigation back, that page was all there was: no link, so a keyboard or screen-reader user (or
// anyone) could not go back themselves, and without the panel's completion code they go unpaid. Here the panel never
// answers (the navigation is aborted), as a panel that is down.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { seriousViolations } from './axe-wcag.ts';
import { useBrowserSession } from './browser-session.ts';
import { darkContrastProblems } from './dark-contrast.ts';
import { serve } from './serve-process.ts';
import { walkSurvey } from './walk-survey.ts';

const PANEL = 'https://panel.example/submissions/complete';
let waveUrl = '';
let pausedWaveUrl = '';

/** Opens a wave of the bilingual study with the CLI, with `redirect` (e.g. `--complete-url`) to the panel; its link. */
function createWave(dbPath: string, redirect: string, cc: string): string {
  const created = spawnSync(
    process.execPath,
    ['bin/vlab.js', 'wave', 'create', '--study', 'bus-line-funding', '--target', '50', '--db', dbPath, '--json', redirect, `${PANEL}?cc=${cc}&pid={PROLIFIC_PID}`],
    { encoding: 'utf8' },
  );
  assert.equal(created.status, 0, created.stderr);
  return (JSON.parse(created.stdout) as { url: string }).url;
}

const session = useBrowserSession('panel-return', async (dbPath) => {
  waveUrl = createWave(dbPath, '--complete-url', 'ABC123');
  // A paused wave sends a new respondent back to the panel by its over-quota link.
  pausedWaveUrl = createWave(dbPath, '--overquota-url', 'OVER');
  const paused = spawnSync(process.execPath, ['bin/vlab.js', 'wave', 'pause', pausedWaveUrl.split('/').at(-1)!, '--db', dbPath], { encoding: 'utf8' });
  assert.equal(paused.status, 0, paused.stderr);
  return serve(dbPath);
});

/** A page whose navigations to the panel fail, as when the panel is down: it stays on the panel-return page. */
async function pageWithPanelDown(): Promise<Page> {
  const context = await session.browser.newContext({ viewport: { width: 320, height: 568 } });
  const page = await context.newPage();
  await page.route(`${PANEL}**`, (route) => route.abort('aborted'));
  return page;
}

/** The panel-return page's link: named in the page's language, to the wave's redirect for this respondent, reached by one Tab from the focused heading. */
async function checkReturnLink(page: Page, name: string, pid: string, when: string, cc = 'ABC123'): Promise<void> {
  const link = page.getByRole('link', { name, exact: true });
  await link.waitFor();
  assert.equal(await link.getAttribute('href'), `${PANEL}?cc=${cc}&pid=${pid}`, when);
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', `${when}: focus on the heading`);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), name, `${when}: Tab reaches the link`);
  const box = (await link.boundingBox())!;
  assert.ok(box.height >= 24 && box.width >= 24, `${when}: the link is ${box.width} × ${box.height} px (2.5.8: 24 × 24)`);
  assert.deepEqual(await seriousViolations(page), [], when);
  assert.deepEqual(await darkContrastProblems(page, when), []);
}

for (const [lang, name] of [['en', 'Return to the survey panel'], ['es', 'Volver al panel de encuestas']] as const) {
  test(`the panel-return page (${lang}) links to the panel when the redirect does not happen, after the completion and after a reload`, async () => {
    const page = await pageWithPanelDown();
    const pid = `return-${lang}`;
    await page.goto(`${session.app.baseUrl}${waveUrl}?PROLIFIC_PID=${pid}&lang=${lang}`);
    const steps = await walkSurvey(page, async () => {});
    assert.equal(steps.at(-1)!.end, true);
    await checkReturnLink(page, name, pid, `${lang}, after the completion`);
    // Already completed: the start answers with the outcome, and the page shows the same.
    await page.reload();
    await checkReturnLink(page, name, pid, `${lang}, after a reload`);
    await page.context().close();
  });
}

test('a paused wave that sends new respondents back to the panel links to it too, under "This survey is paused"', async () => {
  const page = await pageWithPanelDown();
  await page.goto(`${session.app.baseUrl}${pausedWaveUrl}?PROLIFIC_PID=return-paused`);
  await page.getByRole('heading', { name: 'This survey is paused' }).waitFor();
  await checkReturnLink(page, 'Return to the survey panel', 'return-paused', 'a paused wave', 'OVER');
  await page.context().close();
});

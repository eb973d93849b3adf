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
const session = useBrowserSession('panel-return', async (dbPath) => {
  const created = spawnSync(
    process.execPath,
    ['bin/vlab.js', 'wave', 'create', '--study', 'bus-line-funding', '--target', '50', '--db', dbPath, '--json', '--complete-url', `${PANEL}?cc=ABC123&pid={PROLIFIC_PID}`],
    { encoding: 'utf8' },
  );
  assert.equal(created.status, 0, created.stderr);
  waveUrl = (JSON.parse(created.stdout) as { url: string }).url;
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
async function checkReturnLink(page: Page, name: string, pid: string, when: string): Promise<void> {
  const link = page.getByRole('link', { name, exact: true });
  await link.waitFor();
  assert.equal(await link.getAttribute('href'), `${PANEL}?cc=ABC123&pid=${pid}`, when);
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

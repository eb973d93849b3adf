// The checks every accessibility file makes on each page of a respondent's walk (accessibility*.test.ts): axe-core's
// serious and critical violations, the dark scheme's contrast, the page's headings, focus and tab title, and 44 px
// touch targets on touch screens. Split out of accessibility.test.ts on 2026-12-06 when that one file neared the
// runner's 10-minute limit for a file on a loaded machine.
import assert from 'node:assert/strict';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { seriousViolations } from './axe-wcag.ts';
import type { BrowserSession } from './browser-session.ts';
import { darkContrastProblems, darkWidthFor } from './dark-contrast.ts';
import { recordLiveRegion, waitUntilSaid } from './live-region.ts';
import { walkSurvey, type WalkStep } from './walk-survey.ts';

export const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };
export const LAPTOP: BrowserContextOptions = { viewport: { width: 1366, height: 900 } };

/** The id of the session's wave of `study`. */
export const waveOf = (session: BrowserSession, study: string) => session.app.waves.find((w) => w.study === study)!.id;

export async function checkStructure(page: Page, step: WalkStep, studyTitle: string) {
  const h1 = await page.locator('h1').allInnerTexts();
  assert.equal(h1.length, 1, `page ${step.index}: one h1 (${h1.join(' | ')})`);
  if (step.end) {
    assert.equal(await page.title(), `${h1[0]} – ${studyTitle}`);
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'the end page’s heading has focus');
    return;
  }
  assert.equal(h1[0], studyTitle);
  const h2 = page.locator('h2.sd-page__title');
  assert.equal(await h2.count(), 1, `page ${step.index}: the page title is an h2`);
  assert.equal(await page.title(), `${step.title} – ${studyTitle}`, 'the tab title names the page and the study');
  if (step.index > 0) {
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('sd-page__title')), true, `page ${step.index}: focus is on the new page's heading`);
    // The heading, focused, reads the title; the live region says the position ("Page 3 of 7"), not the title again.
    await waitUntilSaid(page, await page.locator('.vlab-progress__text').innerText());
  }
}

/** On touch screens every option row and button is at least 44 × 44 CSS pixels. */
export async function checkTouchTargets(page: Page, step: WalkStep) {
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.sd-selectbase__label, .sd-btn, .vlab-reread summary')]
      .filter((e) => e.offsetParent !== null)
      .map((e) => ({ text: e.innerText.trim().slice(0, 30), ...e.getBoundingClientRect().toJSON() }))
      .filter((r) => r.height < 44 || r.width < 44),
  );
  assert.deepEqual(small, [], `page ${step.index}: touch targets under 44 × 44 px`);
}

/**
 * Walks `study`'s survey in a new context of `options`: axe (serious and critical), dark contrast, structure and
 * touch targets on every page, and `also`'s checks of the caller (a file's own checks ride on this walk rather
 * than walking the survey again).
 */
export async function walkWithAxe(session: BrowserSession, study: string, options: BrowserContextOptions, query = '', also?: (page: Page, step: WalkStep) => Promise<void>) {
  const context = await session.browser.newContext(options);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await recordLiveRegion(page);
  await page.goto(`${session.app.baseUrl}/s/${waveOf(session, study)}?PROLIFIC_PID=a11y-${study}-${options.viewport!.width}${query}`);
  await page.locator('.vlab-title').waitFor();
  const studyTitle = await page.locator('.vlab-title').innerText();
  const steps = await walkSurvey(page, async (step) => {
    assert.deepEqual(await seriousViolations(page), [], `${study} at ${options.viewport!.width} px, page ${step.index} (${step.title})`);
    // The dark scheme too (prefers-color-scheme: dark): every text at 4.5:1 (AA) at least, on a phone's walk at 320
    // px, on a laptop's at its own width (darkWidthFor).
    assert.deepEqual(await darkContrastProblems(page, `${study}, page ${step.index}`, darkWidthFor(page)), []);
    await checkStructure(page, step, studyTitle);
    if (options.hasTouch && !step.end) await checkTouchTargets(page, step);
    await also?.(page, step);
  });
  assert.deepEqual(errors, []);
  await context.close();
  return steps;
}

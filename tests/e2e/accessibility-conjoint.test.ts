// WCAG 2.2 AA on the conjoint flagship's pages: axe on every page at phone and laptop sizes, its task tables read
// with each level's partner as column header, without sideways scrolling at 1280, 390 and 320 px; and every task
// answered by keyboard alone on small screens with the reader's text at 32 px, light and dark (accessibility pass 18).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { cellColumnHeaders } from './accessibility-tree.ts';
import { translateLikeABrowser } from './page-translation.ts';
import { LAPTOP, PHONE, walkWithAxe, waveOf } from './accessibility-walk.ts';
import { seriousViolations } from './axe-wcag.ts';
import { useBrowserSession } from './browser-session.ts';
import { serveWaves } from './serve-process.ts';
import { setDefaultFontSize } from './text-size.ts';
import { walkSurvey, type WalkStep } from './walk-survey.ts';

const session = useBrowserSession('a11y-conjoint', (dbPath) => serveWaves(dbPath, ['alliance-partner-conjoint']));

test('the conjoint flagship at phone and laptop sizes: axe on every page, "Task 2 of 5" headings, the task table readable without sideways scrolling, each level read with its partner as column header', async () => {
  // The table's checks ride on the axe walks at 390 and 1366 px (until 2026-12-07 two more walks, at 390 and 1280
  // px, made them), and on a walk of their own at 320 px translated by the browser.
  for (const options of [PHONE, LAPTOP]) {
    const width = options.viewport!.width;
    const tables = { count: 0 };
    const steps = await walkWithAxe(session, 'alliance-partner-conjoint', options, '', (page, step) => checkTaskTable(page, step, width, tables));
    assert.deepEqual(steps.slice(3, 8).map((s) => s.title), ['Task 1 of 5', 'Task 2 of 5', 'Task 3 of 5', 'Task 4 of 5', 'Task 5 of 5']);
    assert.equal(steps.at(-1)!.end, true);
    assert.equal(tables.count, 5, `${width} px: five task tables`);
  }
  const context = await session.browser.newContext({ viewport: { width: 320, height: 800 } });
  const page = await context.newPage();
  // At 320 px the page is translated by the browser (page pass 37): until then each page's heading kept the first
  // page's words ("Before you begin"), and so did the name of each task's table, the heading being its name.
  await translateLikeABrowser(page);
  await page.goto(`${session.app.baseUrl}/s/${waveOf(session, 'alliance-partner-conjoint')}?PROLIFIC_PID=a11y-conjoint-320`);
  const tables = { count: 0 };
  const steps = await walkSurvey(page, (step) => checkTaskTable(page, step, 320, tables));
  assert.equal(tables.count, 5);
  assert.deepEqual(steps.slice(3, 8).map((s) => s.title), ['Task 1 of 5', 'Task 2 of 5', 'Task 3 of 5', 'Task 4 of 5', 'Task 5 of 5'], '320 px: each task headed by its own title');
  await context.close();
});

/** A page of the conjoint walk at `width`: nothing scrolls sideways; a task's table is named by its heading, its two profiles side by side, each level read with its partner. */
async function checkTaskTable(page: Page, step: WalkStep, width: number, tables: { count: number }): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${width} px, page ${step.index} (${step.title}) is ${overflow} px wider than the screen`);
  const table = page.locator('.vlab-conjoint__table');
  if (!(await table.count())) return;
  tables.count++;
  // The table is named by the task's heading ("Task 2 of 5"), by reference: the text is not said a second time.
  assert.equal(await page.getByRole('table', { name: step.title, exact: true }).count(), 1, `${width} px: the table of ${step.title} is named by its heading`);
  assert.equal(await table.getAttribute('aria-labelledby'), await page.locator('h2.sd-page__title').getAttribute('id'));
  // Six attributes, each with its name and the two partners' levels; both partners' levels sit side by side.
  assert.equal(await table.locator('tbody th[scope="row"]').count(), 6);
  const [a, b] = await table.locator('tbody tr').first().locator('td').evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().toJSON()));
  assert.ok(a && b && Math.abs(a.top - b.top) < 1 && a.right <= b.left + 1, `${width} px: the two profiles side by side`);
  // A screen reader's table navigation reads each level with its partner's column header.
  const partners = await table.locator('thead th').allInnerTexts();
  assert.deepEqual(await cellColumnHeaders(page), Array(6).fill(partners), `${width} px: each level's column header in the tree`);
}

/**
 * The focused control as a sighted keyboard user sees it: what it is, whether it is a checked radio, and whether its
 * focus ring (drawn by the radio's decorator, the input being hidden; 5 px of box shadow, or the outline) is wholly
 * on the screen.
 */
function focusedInSight(page: Page) {
  return page.evaluate(() => {
    const e = document.activeElement as HTMLInputElement;
    const decorator = e.matches('input') && e.nextElementSibling?.matches('.sd-item__decorator') ? (e.nextElementSibling as HTMLElement) : null;
    const drawn = decorator ?? e;
    const box = drawn.getBoundingClientRect();
    const style = getComputedStyle(drawn);
    const ring = Math.max(5, parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset));
    const inSight = box.top - ring >= -0.5 && box.bottom + ring <= innerHeight + 0.5 && box.left - ring >= -0.5 && box.right + ring <= innerWidth + 0.5;
    return { radio: e.type === 'radio', next: e.matches('.sd-navigation__next-btn, .sd-navigation__complete-btn'), checked: e.checked, name: e.closest('label')?.textContent?.trim() ?? e.value, inSight };
  });
}

/** Tabs through a conjoint task by keyboard alone: each group's every option picked with the arrow keys in turn, then Next. */
async function answerTaskByKeyboard(page: Page, where: string): Promise<string[]> {
  const found: string[] = [];
  let groups = 0;
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    const first = await focusedInSight(page);
    if (first.next) {
      if (!first.inSight) found.push(`${where}: Next's ring off the screen`);
      break;
    }
    if (!first.radio) continue;
    groups++;
    // Arrow keys go round the group and pick each option, back to the first; each must be picked and in sight.
    const options = await page.evaluate(() => document.activeElement!.closest('[role="radiogroup"]')!.querySelectorAll('input[type="radio"]').length);
    for (let k = 0; k < options; k++) {
      await page.keyboard.press('ArrowDown');
      const option = await focusedInSight(page);
      if (!option.checked) found.push(`${where}: "${option.name}" focused but not picked`);
      if (!option.inSight) found.push(`${where}: "${option.name}"'s ring off the screen`);
    }
  }
  if (groups !== 3) found.push(`${where}: ${groups} groups reached by Tab, not 3 (the choice and two ratings)`);
  return found;
}

// Accessibility pass 18: the conjoint flagship walked by keyboard alone on a small phone and a phone held sideways
// (a 1136 × 640 window at 200 % zoom) with the reader's text at 32 px, light and dark: each task's choice and both
// ratings reached by Tab, every option picked with the arrow keys, each focus ring wholly on the screen, nothing
// scrolling sideways, the table's levels read with their partner, axe clean. Nothing on the page is sticky.
test('the conjoint flagship by keyboard alone at 320 × 640 and 568 × 320 with 32 px text, light and dark: every option of every task reachable and in sight, no sideways scrolling, axe clean', async () => {
  const found: string[] = [];
  for (const viewport of [{ width: 320, height: 640 }, { width: 568, height: 320 }]) {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await session.browser.newContext({ viewport, colorScheme, reducedMotion: 'reduce' });
      const page = await context.newPage();
      await page.goto(`${session.app.baseUrl}/s/${waveOf(session, 'alliance-partner-conjoint')}?PROLIFIC_PID=a11y-keys-${viewport.width}-${colorScheme}`);
      await page.locator('.vlab-progress__text').waitFor();
      await setDefaultFontSize(page, 32);
      let tasks = 0;
      await walkSurvey(page, async (step) => {
        if (!(await page.locator('.vlab-conjoint__table').count())) return;
        const where = `${viewport.width} × ${viewport.height} ${colorScheme}, ${step.title}`;
        tasks++;
        if (tasks === 1) found.push(...(await seriousViolations(page)).map((v) => `${where}: ${v}`));
        if (!(await cellColumnHeaders(page)).flat().every((h) => h === 'Partner A' || h === 'Partner B')) found.push(`${where}: a level without its partner`);
        await page.evaluate(() => window.scrollTo(0, 0));
        found.push(...(await answerTaskByKeyboard(page, where)));
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) found.push(`${where}: ${overflow} px wider than the screen`);
        if (tasks === 1) await page.screenshot({ path: `/tmp/vlab-a11y-conjoint-keys-${viewport.width}-${colorScheme}.png` });
      });
      assert.equal(tasks, 5, `${viewport.width} × ${viewport.height} ${colorScheme}: the five tasks`);
      await context.close();
    }
  }
  assert.deepEqual(found, []);
});

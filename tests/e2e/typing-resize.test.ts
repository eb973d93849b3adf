// Nothing typed is lost. The page sets SurveyJS's textUpdateMode "onTyping", so what is being typed is saved within a
// second while the box still has the focus (SurveyJS's default sets the answer only when the box is left). And a
// resize across SurveyJS's mobile width (a phone turned on its side, a desktop window resized) draws every question
// again: each box that holds a value while typing is typed into, the window turned, then left; the box still shows
// what was typed, and the server stores it.
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { focusSettled, useEveryElementSession } from './every-element-study.ts';
import { twoFrames } from './two-frames.ts';

const { session, open: openEveryElementPage } = useEveryElementSession('typing-resize');

const PORTRAIT = { width: 390, height: 844 };
const LANDSCAPE = { width: 844, height: 390 };

/** The participant's saved partial answers, read beside the running server. */
function storedAnswers(panelId: string): Record<string, unknown> {
  const db = new Database(join(session.dir, 'vlab.sqlite'), { readonly: true });
  try {
    const row = db
      .prepare(`SELECT a.answers_json FROM participants p JOIN answers a ON a.participant_id = p.id AND a.kind = 'partial' WHERE p.panel_id = ?`)
      .get(panelId) as { answers_json: string } | undefined;
    return row ? (JSON.parse(row.answers_json) as Record<string, unknown>) : {};
  } finally {
    db.close();
  }
}

/** Resizes the window and waits until SurveyJS has drawn the survey for the new width (its mobile class follows). */
async function turn(page: Page, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  const mobile = size.width < 600;
  await page.waitForFunction((m) => document.querySelector('.sd-root-modern')?.classList.contains('sd-root-modern--mobile') === m, mobile);
  // SurveyJS handles the resize in an animation frame, and preact draws in the next: two frames later all is drawn.
  await twoFrames(page);
}

/**
 * Leaves the box, then waits until the server stores `expected` for `question` (10 s at most) and returns what it
 * stores. It waits for that state, not for a PUT sent after leaving: on a loaded machine the autosave made while
 * typing (autosave.ts, within a second) already carried the whole answer before the box was left, no other PUT
 * followed, and waiting for one timed out (typing-resize at load 14).
 */
async function savedOnLeaving(pid: string, question: string, expected: unknown, leave: () => Promise<void>): Promise<unknown> {
  await leave();
  return storedOnceEqual(pid, question, expected);
}

/** Waits until the server stores `expected` for `question` (10 s at most) and returns what it stores then. */
async function storedOnceEqual(pid: string, question: string, expected: unknown): Promise<unknown> {
  const until = Date.now() + 10_000;
  while (!isDeepStrictEqual(storedAnswers(pid)[question], expected) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  return storedAnswers(pid)[question];
}

const BOXES = [
  { question: 'q_num', box: 'input', typed: '42', saved: 42, to: LANDSCAPE },
  { question: 'q_text', box: 'input', typed: 'Springfield', saved: 'Springfield', to: PORTRAIT },
  { question: 'q_comment', box: 'textarea', typed: 'Buses were late twice.', saved: 'Buses were late twice.', to: LANDSCAPE },
] as const;

test('a phone turned while a box is being typed in (number, text, comment): the box keeps what was typed, and leaving it saves it', async () => {
  const context = await session.browser.newContext({ viewport: PORTRAIT, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const pid = 'resize-phone';
  await openEveryElementPage(page, pid);
  for (const { question, box, typed, saved, to } of BOXES) {
    const input = page.locator(`[data-name="${question}"] ${box}`);
    await input.click();
    await page.keyboard.type(typed);
    await turn(page, to);
    assert.equal(await input.inputValue(), typed, `${question}: the box still shows what was typed after the turn to ${to.width} × ${to.height}`);
    assert.equal(await savedOnLeaving(pid, question, saved, () => page.keyboard.press('Tab')), saved, `${question}: the server stores what was typed`);
    assert.equal(await input.inputValue(), typed, `${question}: and the box still shows it`);
  }
  await context.close();
});

test('a desktop window narrowed while a dropdown is being searched, widened while a box is typed in, its scheme turned dark mid-number: nothing typed is lost', async () => {
  // On touch SurveyJS opens the list without a search box; with a keyboard the dropdown's text input searches.
  const context = await session.browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  const pid = 'resize-desktop';
  await openEveryElementPage(page, pid);
  const search = page.locator('[data-name="q_drop"] input[role="combobox"]');
  await focusSettled(search);
  await page.keyboard.type('3');
  await page.locator('.sv-list__item:visible', { hasText: 'Choice 3' }).waitFor();
  await turn(page, { width: 500, height: 768 });
  assert.equal(await search.inputValue(), '3', 'the search text stays after the window is narrowed');
  // When the reflow scrolls the page, SurveyJS closes the open list (PopupDropdownViewModel closes on scroll; how far
  // it scrolls depends on the vignette drawn). Once any closing has run its course, the arrow key opens the list,
  // still filtered by what was typed.
  await page.waitForFunction(() => !document.querySelector('.sv-popup--leave, .sv-popup--enter'));
  if (!(await page.locator('.sv-list__item:visible').count())) await page.keyboard.press('ArrowDown');
  await page.locator('.sv-list__item:visible').first().waitFor();
  assert.deepEqual(await page.locator('.sv-list__item:visible').allInnerTexts(), ['Choice 3'], 'the list is still filtered');
  assert.equal(await savedOnLeaving(pid, 'q_drop', 'c3', () => page.keyboard.press('Enter')), 'c3', 'Enter picks the match');
  const text = page.locator('[data-name="q_text"] input');
  await text.click();
  await page.keyboard.type('Shelbyville');
  await turn(page, { width: 1024, height: 768 });
  assert.equal(await text.inputValue(), 'Shelbyville', 'a text box keeps what was typed when the window is widened');
  assert.equal(await savedOnLeaving(pid, 'q_text', 'Shelbyville', () => page.keyboard.press('Tab')), 'Shelbyville');
  // The device switching to its dark scheme mid-word (at dusk, say) redraws the survey in SurveyJS's dark theme.
  await page.keyboard.type('7');
  const light = await page.locator('.sd-root-modern').evaluate((root) => getComputedStyle(root).backgroundColor);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction((before) => getComputedStyle(document.querySelector('.sd-root-modern')!).backgroundColor !== before, light);
  await twoFrames(page);
  assert.equal(await page.locator('[data-name="q_num"] input').inputValue(), '7', 'the number box keeps what was typed when the scheme turns dark');
  assert.equal(await savedOnLeaving(pid, 'q_num', 7, () => page.keyboard.press('Tab')), 7);
  await context.close();
});

test('what is being typed is saved within a second or so, before the box is left (a phone that dies mid-answer keeps it)', async () => {
  const context = await session.browser.newContext({ viewport: PORTRAIT, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const pid = 'typing-saved';
  await openEveryElementPage(page, pid);
  for (const { question, box, typed, saved } of BOXES) {
    const input = page.locator(`[data-name="${question}"] ${box}`);
    await input.click();
    const put = page.waitForRequest((r) => r.method() === 'PUT' && (JSON.parse(r.postData() ?? '{}') as { answers: Record<string, unknown> }).answers[question] !== undefined, { timeout: 10_000 });
    await page.keyboard.type(typed);
    // No Tab, no click elsewhere: the box keeps the focus while the autosave runs. A save goes while typing, and
    // the next ones (every 800 ms while the keys go on) carry the rest: on a slow phone (4x CPU throttling) typing
    // "Springfield" outlasted the first save, which stored "Springfie", so the whole word is waited for, not that save.
    await put;
    assert.equal(await storedOnceEqual(pid, question, saved), saved, `${question}: the server stores what is being typed while the box still has the focus`);
    assert.equal(await page.evaluate(() => document.activeElement?.closest('[data-name]')?.getAttribute('data-name')), question, `${question}: the focus never left the box`);
  }
  await context.close();
});

test('a phone turned with focus on a control low on the screen: the focused control is still on the screen after the turn, and after the turn back', async () => {
  // Pass 36: the browser keeps the scroll position through a turn, not the focused control, and the page (its
  // header, each question) reflows, so a keyboard or switch user who had tabbed down to the yes/no switch at the
  // foot of a 390 × 844 screen turned the phone and found the focus ring off the screen: 889 px down the 390 px
  // one here (and a radio 559 px down the bus-line study's outcome page at 360 × 640 turned). Tab scrolls a control
  // in only as far as needed, so it sits at the foot.
  const context = await session.browser.newContext({ viewport: PORTRAIT, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await openEveryElementPage(page, 'turn-focus');
  // Where the focused control is; what shows a radio or checkbox (and its focus ring) is its row, not its hidden input.
  const onScreen = () =>
    page.evaluate(() => {
      const box = ((document.activeElement as HTMLElement).closest('.sd-item, .sd-boolean') ?? document.activeElement!).getBoundingClientRect();
      return { name: document.activeElement?.closest('[data-name]')?.getAttribute('data-name'), top: Math.round(box.top), bottom: Math.round(box.bottom), height: window.innerHeight };
    });
  for (const [question, control] of [['q_bool', 'input'], ['q_check', '.sd-item:last-child input']] as const) {
    const input = page.locator(`[data-name="${question}"] ${control}`);
    // Reached by the keyboard (its ring shown: focus-visible), as a keyboard or switch user has it.
    await input.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    assert.equal(await input.evaluate((box) => box === document.activeElement && box.matches(':focus-visible')), true, `${question}: focused by the keyboard`);
    await input.evaluate((box) => (box.closest('.sd-item, .sd-boolean') ?? box).scrollIntoView({ block: 'end' }));
    for (const to of [LANDSCAPE, PORTRAIT]) {
      await turn(page, to);
      // The page keeps it in sight for a second after the turn while the reflow lands (focus-in-view.ts): waited for, up to 5 s.
      const until = Date.now() + 5_000;
      let where = await onScreen();
      while ((where.top < 0 || where.bottom > where.height) && Date.now() < until) where = await onScreen();
      assert.ok(where.name === question && where.top >= 0 && where.bottom <= where.height, `${question} after the turn to ${to.width} × ${to.height}: the focused control at ${where.top}–${where.bottom} px of ${where.height}`);
    }
  }
  // A respondent who tapped an answer and scrolled on is not pulled back to it when the address bar hides (the
  // height alone changes) or the phone turns: a tap shows no ring (not focus-visible), so nothing is kept in sight.
  await page.locator('[data-name="q_check"] .sd-selectbase__label').first().click();
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const tapped = page.locator('[data-name="q_check"] .sd-item').first();
  for (const to of [{ width: PORTRAIT.width, height: PORTRAIT.height - 56 }, LANDSCAPE]) {
    await page.setViewportSize(to);
    await page.waitForTimeout(1200);
    const top = await tapped.evaluate((item) => Math.round(item.getBoundingClientRect().bottom));
    assert.ok(top < 0, `after the resize to ${to.width} × ${to.height} the tapped answer stays above the screen (its foot at ${top} px)`);
  }
  await context.close();
});

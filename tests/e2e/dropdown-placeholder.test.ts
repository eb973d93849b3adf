// A rating a study asks as a dropdown (`"displayMode": "dropdown"`; the page asks ratings as buttons on every
// screen, and SurveyJS's own default drew one so at 320 px) is a dropdown without search: a combobox box holding a
// read-only text input whose placeholder ("Select...", "Toque aquí para calificar...") shows while the question
// has no answer. Chromium took that placeholder as the combobox's value, so a screen reader said "How satisfied are
// you, from 1 to 10?, combobox, Select..." as if "Select..." were the answer. Unanswered, the combobox has no value
// and the placeholder is its description; answered, its value is the answer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator } from 'playwright-core';
import { comboboxReadings, comboboxValues } from './accessibility-tree.ts';
import { focusSettled, useEveryElementSession } from './every-element-study.ts';

const { session, open } = useEveryElementSession('dropdown-placeholder', { ratingDisplayMode: 'dropdown' });

/** The placeholder a dropdown box draws: its input's placeholder, or the text drawn before its value (CSS content). */
function shownPlaceholder(box: Locator): Promise<string> {
  return box.evaluate((e) => {
    const input = e.querySelector('input');
    const before = getComputedStyle(e.querySelector('.sd-dropdown__value')!, '::before').content;
    return input?.placeholder || (before.startsWith('"') ? JSON.parse(before.replace(/\s*\/.*$/, '')) : '');
  });
}

for (const [lang, title, placeholder] of [
  ['en', 'How satisfied are you, from 1 to 10?', 'Select...'],
  ['es', '¿Qué tan satisfecho está, de 1 a 10?', 'Toque aquí para calificar...'],
] as const) {
  test(`a rating asked as a dropdown, at 320 px (${lang}): unanswered, no value and its placeholder as description; answered, the answer as value`, async () => {
    const context = await session.browser.newContext({ viewport: { width: 320, height: 700 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await open(page, `placeholder-${lang}`, { lang });
    const rating = page.locator('[data-name="q_rate"] .sd-dropdown');
    assert.equal(await shownPlaceholder(rating), placeholder, 'the placeholder still shows');
    assert.equal((await comboboxValues(page))[title], '', 'no value while unanswered');
    assert.equal((await comboboxReadings(page))[title], placeholder, 'the placeholder as its description');
    await page.locator('[data-name="q_rate"]').screenshot({ path: `/tmp/vlab-rating-dropdown-${lang}-unanswered.png` });

    await rating.click();
    await page.locator('.sv-list__item:visible').nth(6).click();
    await page.locator('.sv-list__item:visible').first().waitFor({ state: 'hidden' });
    await page.waitForFunction((name) => !document.querySelector(`[data-name="${name}"] .sd-dropdown--empty`), 'q_rate');
    assert.equal((await comboboxValues(page))[title], '7');
    assert.equal((await comboboxReadings(page))[title], '7', 'no description once answered');
    await context.close();
  });
}

test('with reduced motion, a dropdown list walked by the arrow keys scrolls to each item at once, not smoothly (SurveyJS asks for smooth by script, which CSS cannot override)', async () => {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 500 }, reducedMotion: 'reduce' });
  // Every scrollIntoView that reaches the browser, with its options, recorded under whatever the page lays over it.
  await context.addInitScript(() => {
    const native = Element.prototype.scrollIntoView;
    const calls: unknown[] = ((window as unknown as { scrolls: unknown[] }).scrolls = []);
    Element.prototype.scrollIntoView = function (this: Element, options?: boolean | ScrollIntoViewOptions) {
      calls.push(options ?? null);
      return native.call(this, options);
    };
  });
  const page = await context.newPage();
  await open(page, 'reduced-motion-list');
  // Focused as by Tab, after the scroll that focusing causes (pressed before it, the first arrow was lost: CI saw
  // "Choice 3" after four arrows, then no list at all after one).
  await focusSettled(page.locator('[data-name="q_drop"] input').first());
  // The first arrow opens the list on Choice 1 and each next one moves to the next choice, which SurveyJS scrolls
  // into the list's view; each press waits for the one before to land.
  for (let choice = 1; choice <= 4; choice++) {
    await page.keyboard.press('ArrowDown');
    await page
      .waitForFunction((text) => document.querySelector('.sv-list__item--focused')?.textContent?.trim() === text, `Choice ${choice}`, { timeout: 5000 })
      .catch(async () => assert.fail(`the arrows still move through the list: after ${choice} presses the focused item is ${await page.locator('.sv-list__item--focused').allInnerTexts()}`));
  }
  await page.waitForFunction(() => (window as unknown as { scrolls: unknown[] }).scrolls.length >= 3);
  const scrolls = await page.evaluate(() => (window as unknown as { scrolls: unknown[] }).scrolls);
  assert.deepEqual(scrolls.filter((options) => (options as ScrollIntoViewOptions | null)?.behavior === 'smooth'), [], JSON.stringify(scrolls));
  await context.close();
});

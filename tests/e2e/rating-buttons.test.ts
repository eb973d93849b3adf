// A rating is asked the same way on every screen: as buttons. SurveyJS's default drew it as a dropdown wherever its
// buttons did not fit one row (the every-element study's 1–10 scale at 320, 360 and 390 px; a 1–5 scale at 360),
// a laptop as buttons: one question in two answer formats by device, a mode effect a study comparing phone and
// laptop respondents would carry without knowing. On a phone the buttons are 44 px with 4 px between them and the
// page's edge 16 px, so five share a row at 320 px (a 1–5 scale stays whole) and longer scales wrap — into rows of
// equal length (rating-rows.ts): 1–10 at 390 px was 6 + 4, a short last row that read as another question's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seriousViolations } from './axe-wcag.ts';
import { useEveryElementSession } from './every-element-study.ts';
import type { Locator } from 'playwright-core';

/** How many of the rating's buttons each row holds, top to bottom. */
async function rowLengths(rating: Locator): Promise<number[]> {
  const tops = await rating.locator('.sd-rating__item').evaluateAll((items) => items.map((e) => Math.round(e.getBoundingClientRect().top)));
  return [...new Set(tops)].map((top) => tops.filter((t) => t === top).length);
}

const { session, open } = useEveryElementSession('rating-buttons');

for (const [width, perRow] of [
  [320, 5],
  [360, 5],
  [390, 5],
  [1280, 10],
] as const) {
  test(`at ${width} px the 1–10 rating is ten buttons of 44 px or more, ${perRow} to a row, no dropdown, nothing sideways`, async () => {
    const phone = width < 600;
    const context = await session.browser.newContext({ viewport: { width, height: 800 }, hasTouch: phone, isMobile: phone });
    const page = await context.newPage();
    await open(page, `rating-buttons-${width}`);
    const rating = page.locator('[data-name="q_rate"]');
    await rating.locator('.sd-rating__item').first().waitFor();
    assert.equal(await rating.locator('.sd-dropdown').count(), 0, 'drawn as a dropdown');
    const boxes = await rating.locator('.sd-rating__item').evaluateAll((items) => items.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    assert.equal(boxes.length, 10);
    for (const box of boxes) assert.ok(box.width >= 44 && box.height >= 44, `a button of ${box.width} × ${box.height} px`);
    const rows = await rowLengths(rating);
    assert.deepEqual(rows, Array.from({ length: 10 / perRow }, () => perRow), `buttons a row: ${rows.join(', ')}`);
    // Every row starts where the first does (SurveyJS's 2 px before the first button, room for its shadow in a
    // scrolling row, put the first row 2 px right of the others in a wrapping one, where nothing is clipped).
    const starts = [...new Set(boxes.map((b) => Math.round(b.top)))].map((top) => Math.min(...boxes.filter((b) => Math.round(b.top) === top).map((b) => b.left)));
    assert.ok(starts.every((x) => Math.abs(x - starts[0]!) < 0.5), `rows start at ${starts.join(', ')} px`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${overflow} px sideways`);
    await rating.screenshot({ path: `/tmp/vlab-rating-buttons-${width}.png` });
    await rating.locator('.sd-rating__item').nth(6).click();
    await page.waitForFunction(() => document.querySelector('[data-name="q_rate"] .sd-rating__item--selected')?.textContent?.trim() === '7');
    assert.deepEqual(await seriousViolations(page), []);
    await context.close();
  });
}

test('a phone turned: the rows are balanced again for the new width (320 px 5 + 5, 1000 px one row of 10, 390 px 5 + 5)', async () => {
  const context = await session.browser.newContext({ viewport: { width: 320, height: 700 }, hasTouch: true });
  const page = await context.newPage();
  await open(page, 'rating-buttons-turned');
  const rating = page.locator('[data-name="q_rate"]');
  await rating.locator('.sd-rating__item').first().waitFor();
  for (const [width, rows] of [
    [320, [5, 5]],
    [1000, [10]],
    [390, [5, 5]],
  ] as const) {
    await page.setViewportSize({ width, height: 700 });
    await page.waitForFunction((n) => {
      const tops = [...document.querySelectorAll('[data-name="q_rate"] .sd-rating__item')].map((e) => Math.round(e.getBoundingClientRect().top));
      return new Set(tops).size === n;
    }, rows.length);
    assert.deepEqual(await rowLengths(rating), rows, `at ${width} px`);
  }
  await context.close();
});

// A rating that does not fit one row wraps into rows of equal length (public/src/rating-rows.ts), for any length of
// scale: an 11-point scale (0–10, the feeling thermometer's short form) is 4 + 4 + 3 at 320 px (SurveyJS wrapped it
// 5 + 5 + 1, a lone 10 on a row of its own), 6 + 5 at 390 px (6 + 5 already), one row at 1280 px. The 1–10 scale's
// rows: rating-buttons.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useEveryElementSession } from './every-element-study.ts';

const { session, open } = useEveryElementSession('rating-rows', { ratingScale: { rateMin: 0, rateMax: 10 } });

for (const [width, rows] of [
  [320, [4, 4, 3]],
  [390, [6, 5]],
  [1280, [11]],
] as const) {
  test(`at ${width} px the 0–10 rating's rows hold ${rows.join(' + ')} buttons`, async () => {
    const phone = width < 600;
    const context = await session.browser.newContext({ viewport: { width, height: 800 }, hasTouch: phone, isMobile: phone });
    const page = await context.newPage();
    await open(page, `rating-rows-${width}`);
    const items = page.locator('[data-name="q_rate"] .sd-rating__item');
    await items.first().waitFor();
    const tops = await items.evaluateAll((all) => all.map((e) => Math.round(e.getBoundingClientRect().top)));
    assert.deepEqual([...new Set(tops)].map((top) => tops.filter((t) => t === top).length), rows);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${overflow} px sideways`);
    await page.locator('[data-name="q_rate"]').screenshot({ path: `/tmp/vlab-rating-rows-${width}.png` });
    await context.close();
  });
}

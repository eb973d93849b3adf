// A rating that does not fit one row wraps into rows of equal length (public/src/rating-rows.ts), for any length of
// scale: an 11-point scale (0–10, the feeling thermometer's short form) is 4 + 4 + 3 at 320 px (SurveyJS wrapped it
// 5 + 5 + 1, a lone 10 on a row of its own), 6 + 5 at 390 px (6 + 5 already), one row at 900 and 1024 px. The 1–10
// scale's rows: rating-buttons.test.ts.
// The scale here has words at its ends ("Not at all satisfied" … "Completely satisfied"), which SurveyJS draws in the buttons' row: a row
// that wrapped then wrapped as SurveyJS wraps it, words and all ("Not at all satisfied 0 1 / 2 3 4 5 6 / 7 8 9 10 /
// Completely satisfied" at 360 px, the last words alone on a line, 10 px in from its start), and walk-through 31
// found "Not at all 1 2 3 4 / 5 Completely" on a 1–5 scale at 360 px. Since page pass 40 a row that does not fit on one line takes
// each word to a line of its own, the first above the buttons at their start, the last below them at their end; one
// that fits keeps its words beside the buttons, as far from them on either side right to left too (SurveyJS's
// physical margins put Hebrew's first word 8 px from the buttons and its last 26 px).
// At 390 px the first and last buttons are described by the words (a screen reader's "0, radio button, Not at all
// satisfied"), at 320 px the words keep every letter with the reader's text at 32 px, and at 360 px under forced
// colours the words have no box and the buttons and the yes/no switch an edge.
// Seedless: no random draw changes the rating's page (the vignette on the way to it is drawn, and not looked at).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { useEveryElementSession } from './every-element-study.ts';
import { setDefaultFontSize } from './text-size.ts';
import { cutText } from './text-spacing.ts';
import { twoFrames } from './two-frames.ts';

const { session, open } = useEveryElementSession('rating-rows', { ratingScale: { rateMin: 0, rateMax: 10 }, ratingWords: true });

/** The rating's buttons a row, top to bottom, and where its two words stand against them (px, left to right). */
function ratingLayout(page: Page) {
  return page.evaluate(() => {
    const rating = document.querySelector('[data-name="q_rate"]')!;
    // Right to left, measured from the right: "left" is the start side, so the checks read alike in either direction.
    const rtl = getComputedStyle(rating).direction === 'rtl';
    const width = document.documentElement.clientWidth;
    const box = (r: DOMRect) => (rtl ? new DOMRect(width - r.right, r.top, r.width, r.height) : r);
    const buttons = [...rating.querySelectorAll('.sd-rating__item')].map((e) => box(e.getBoundingClientRect()));
    const tops = buttons.map((b) => Math.round(b.top));
    const rows = [...new Set(tops)].map((top) => tops.filter((t) => t === top).length);
    const word = (selector: string) => {
      // The words' own box, not their element's (a line of its own is as wide as the row).
      const range = document.createRange();
      range.selectNodeContents(rating.querySelector(`${selector} .sv-string-viewer`)!);
      return box(range.getBoundingClientRect());
    };
    const [min, max] = [word('.sd-rating__min-text'), word('.sd-rating__max-text')];
    const middle = (b: DOMRect) => (b.top + b.bottom) / 2;
    return {
      rows,
      // On the buttons' line, before the first and after the last (the row fits one line).
      inRow: Math.abs(middle(min) - middle(buttons[0]!)) < 1 && Math.abs(middle(max) - middle(buttons.at(-1)!)) < 1 && min.right <= buttons[0]!.left && max.left >= buttons.at(-1)!.right,
      // The words' distances from the buttons, in the row: alike on both sides.
      gaps: [Math.round(buttons[0]!.left - min.right), Math.round(max.left - buttons.at(-1)!.right)],
      minAbove: min.bottom <= Math.min(...buttons.map((b) => b.top)),
      maxBelow: max.top >= Math.max(...buttons.map((b) => b.bottom)),
      // The first word starts where the buttons do; the last ends where the widest row ends.
      minStart: Math.round(min.left - Math.min(...buttons.map((b) => b.left))),
      maxEnd: Math.round(Math.max(...buttons.map((b) => b.right)) - max.right),
    };
  });
}

/** What Chromium's accessibility tree gives as the description of the rating's buttons 0, 5 and 10. */
async function endDescriptions(page: Page): Promise<Record<string, string>> {
  const cdp = await page.context().newCDPSession(page);
  type AXNode = { ignored: boolean; role?: { value: string }; name?: { value: string }; description?: { value: string } };
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as unknown as { nodes: AXNode[] };
  await cdp.detach();
  const radios = nodes.filter((n) => !n.ignored && n.role?.value === 'radio');
  return Object.fromEntries(['0', '5', '10'].map((value) => [value, radios.find((n) => n.name?.value === value)?.description?.value ?? '']));
}

for (const [width, rows, apart, lang] of [
  [320, [4, 4, 3], true, 'en'],
  [360, [4, 4, 3], true, 'en'],
  [390, [6, 5], true, 'en'],
  // Buttons that fit one row, words that do not fit beside them: the last word ends where the buttons end.
  [900, [11], true, 'en'],
  // Right to left (Hebrew), the words in the row as far from the buttons on either side.
  [1024, [11], false, 'he'],
] as const) {
  const words = apart ? '"Not at all satisfied" on a line above them at their start and "Completely satisfied" below at their end' : 'between its two words, each as far from them (Hebrew)';
  test(`at ${width} px the 0–10 rating's rows hold ${rows.join(' + ')} buttons, ${words}`, async () => {
    const phone = width < 600;
    const context = await session.browser.newContext({ viewport: { width, height: 800 }, hasTouch: phone, isMobile: phone });
    const page = await context.newPage();
    await open(page, `rating-rows-${width}`, { lang });
    await page.locator('[data-name="q_rate"] .sd-rating__item').first().waitFor();
    const layout = await ratingLayout(page);
    await page.locator('[data-name="q_rate"]').screenshot({ path: `/tmp/vlab-rating-rows-${width}.png` });
    assert.deepEqual(layout.rows, rows);
    if (apart) assert.ok(layout.minAbove && layout.maxBelow && Math.abs(layout.minStart) <= 1 && Math.abs(layout.maxEnd) <= 1, JSON.stringify(layout));
    else assert.ok(layout.inRow && Math.abs(layout.gaps[0]! - layout.gaps[1]!) <= 1, JSON.stringify(layout));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${overflow} px sideways`);
    if (width === 390) {
      // A screen reader reaching the first or last button hears what it means: the word at that end describes it.
      // The words were text beside the buttons, tied to neither ("0, radio button, 1 of 11"; until page pass 40).
      assert.deepEqual(await endDescriptions(page), { '0': 'Not at all satisfied', '5': '', '10': 'Completely satisfied' });
    }
    if (width === 320) {
      // With the reader's text at 32 px the words keep every letter, over two lines where they need them: SurveyJS
      // draws a rating's words on one line cut with an ellipsis, and on lines of their own as wide as the buttons
      // "Completely satisfied" lost its end (and "Not at all satisfied" beside the buttons before page pass 40).
      await setDefaultFontSize(page, 32);
      await twoFrames(page);
      assert.deepEqual((await cutText(page)).filter((t) => t.includes('satisfied')), []);
    }
    if (width === 360) {
      // Under forced colours a word has no edge: SurveyJS's transparent border was drawn there, boxing "Not at all
      // satisfied" and "Completely satisfied" like text boxes to type in (until page pass 40).
      await page.emulateMedia({ forcedColors: 'active' });
      const edges = await page.locator('[data-name="q_rate"]').locator('.sd-rating__min-text, .sd-rating__max-text').evaluateAll((words) =>
        words.map((w) => ['Top', 'Right', 'Bottom', 'Left'].map((side) => getComputedStyle(w).getPropertyValue(`border-${side.toLowerCase()}-width`)).join(' ')),
      );
      await page.locator('[data-name="q_rate"]').screenshot({ path: '/tmp/vlab-rating-rows-360-forced.png' });
      assert.deepEqual(edges, ['0px 0px 0px 0px', '0px 0px 0px 0px']);
      // And what can be tapped has one: each rating button and the yes/no switch, drawn by background and shadow
      // alone, were bare numbers and two words there (until page pass 40).
      const unedged = await page.locator('[data-name="q_rate"] .sd-rating__item, [data-name="q_bool"] .sd-boolean').evaluateAll((controls) =>
        controls.filter((c) => getComputedStyle(c).borderTopStyle === 'none' || parseFloat(getComputedStyle(c).borderTopWidth) === 0).map((c) => c.textContent!.trim()),
      );
      assert.deepEqual(unedged, []);
    }
    await context.close();
  });
}

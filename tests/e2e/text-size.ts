import type { Page } from 'playwright-core';

/**
 * Sets the browser's default font size, as a reader does in Chrome's settings (Appearance → Font size: "Very
 * large" is 24 px) or Firefox's "Zoom text only": a text size of their own, not a zoom of the whole page. Through
 * the DevTools protocol, as Playwright has no option for it; it applies at once to the page shown.
 * Call it on a page already loaded: set before the first navigation it does not take effect (the page loads at
 * 16 px). What the page lays out in px from the size (the dashboard's plots) is drawn again when it changes
 * (dashboard-plot-layout.ts).
 * A full-page screenshot, and an element's, sets the size back to 16 px (page pass 40, Chromium 156 at 320 px:
 * `getComputedStyle(document.documentElement).fontSize` read 32px before and 16px after, on a phone context and a
 * desktop one alike; a viewport screenshot, with or without `clip`, kept it), and draws the picture at 16 px too, in
 * the page's height at the size set (page pass 41: the consent page at 32 px was 3,146 px tall, its text 16 px and
 * two thirds blank): take a whole page with `fullPageScreenshot` below.
 */
export async function setDefaultFontSize(page: Page, px: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: px } });
  await cdp.detach();
}

/**
 * A picture of the whole page at the reader's text size set above: the viewport made as tall as the page (at most
 * `maxHeight`) for a viewport screenshot, then set back. Playwright's `fullPage` resets the size (see above); a
 * resize keeps it. A page with something sized to the screen's height (`vh`) lays that out to the taller viewport.
 */
export async function fullPageScreenshot(page: Page, path: string, maxHeight = 16_000): Promise<void> {
  const viewport = page.viewportSize()!;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.min(Math.max(height, viewport.height), maxHeight) });
  await page.screenshot({ path });
  await page.setViewportSize(viewport);
}

/**
 * Every rendered text on the page (an element with text of its own) and its font size in CSS pixels, in page order;
 * `hidden`: out of sight (1 px wide or clipped), as a screen reader's text or the conjoint header row on a narrow
 * screen, where each level shows its profile instead (respondent.css).
 */
export function textSizes(page: Page): Promise<{ text: string; px: number; hidden: boolean }[]> {
  return page.locator('body *').evaluateAll((elements) =>
    elements
      .filter((e) => e.getClientRects().length && [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()))
      .map((e) => ({
        text: `${e.tagName.toLowerCase()}.${String(e.className).split(' ')[0]} "${[...e.childNodes].map((n) => (n.nodeType === Node.TEXT_NODE ? n.textContent : '')).join('').trim().slice(0, 30)}"`,
        px: parseFloat(getComputedStyle(e).fontSize),
        hidden: e.clientWidth === 1 || getComputedStyle(e).clipPath !== 'none',
      })),
  );
}

/**
 * The texts that do not follow the reader's text size: each text's size with the default font size at `px`
 * against its size at 16 px (the browser's default), which must grow by the same factor (within 10 %). Leaves
 * the page at `px`.
 */
export async function textsNotScaled(page: Page, px: number): Promise<string[]> {
  await setDefaultFontSize(page, 16);
  const at16 = await textSizes(page);
  await setDefaultFontSize(page, px);
  const all = await textSizes(page);
  // The texts in sight at both sizes: a text the larger size puts out of sight by design (the conjoint header row)
  // is left out; one that vanishes otherwise changes the count.
  const hiddenAfter = new Set(all.filter((t) => t.hidden).map((t) => t.text));
  const before = at16.filter((t) => !t.hidden && !hiddenAfter.has(t.text));
  const after = all.filter((t) => !t.hidden);
  if (after.length !== before.length) return [`${before.length} texts at 16 px, ${after.length} at ${px} px`];
  return before
    .map((b, i) => ({ ...b, scaled: after[i]!.px / b.px }))
    .filter((t) => t.scaled < (px / 16) * 0.9)
    .map((t) => `${t.text}: ${t.px} px × ${t.scaled.toFixed(2)}`);
}

/**
 * The words inside `selector` that a line break cuts in two (the word's glyphs on more than one line): what
 * `overflow-wrap` does to a word wider than its box, read as "Part / ner" or "stati / oned". Each as
 * `tag.class: word`.
 */
export function wordsBrokenAcrossLines(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const broken: string[] = [];
    for (const root of document.querySelectorAll(selector)) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement!;
        // Visually hidden text (1 px, clipped: the conjoint header row on a narrow screen) has no lines to read.
        if (!element.getClientRects().length || getComputedStyle(element).clipPath !== 'none') continue;
        for (const word of node.textContent!.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, word.index!);
          range.setEnd(node, word.index! + word[0].length);
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (lines.size > 1) broken.push(`${element.tagName.toLowerCase()}.${String(element.className).split(' ')[0]}: ${word[0]}`);
        }
      }
    }
    return broken;
  }, selector);
}

/**
 * The texts whose line height does not follow their size: a line height in px under the font size (SurveyJS's
 * 28 px for an html element's td, span and div) sets lines closer than the text is tall, which overlap once the
 * reader's text size grows. Each as `tag.class "text": font size / line height`.
 */
export function linesTighterThanText(page: Page): Promise<string[]> {
  return page.locator('body *').evaluateAll((elements) =>
    elements
      .filter((e) => e.getClientRects().length && e.clientWidth > 1 && [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()))
      .map((e) => ({ e, s: getComputedStyle(e) }))
      .filter(({ s }) => s.lineHeight !== 'normal' && parseFloat(s.lineHeight) < parseFloat(s.fontSize))
      .map(({ e, s }) => `${e.tagName.toLowerCase()}.${String(e.className).split(' ')[0]} "${(e.textContent ?? '').trim().slice(0, 30)}": ${s.fontSize} / ${s.lineHeight}`),
  );
}

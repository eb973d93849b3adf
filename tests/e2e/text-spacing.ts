import type { Page } from 'playwright-core';

/** WCAG 1.4.12's text spacing, the values of the W3C's bookmarklet. */
const TEXT_SPACING = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';

/**
 * Applies WCAG's text spacing to the page, as a reader's own stylesheet would: a constructed sheet, since the
 * page's CSP refuses a <style> element (and a bookmarklet's). It stays through the survey's page changes.
 */
export async function applyTextSpacing(page: Page): Promise<void> {
  await page.evaluate((css) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }, TEXT_SPACING);
}

/** Text cut off: boxes that hide their overflow holding more than they show (visually hidden text, 1 px, aside). */
export function cutText(page: Page): Promise<string[]> {
  return page.locator('body *').evaluateAll((elements) =>
    elements
      .filter((e) => e.getClientRects().length && (e as HTMLElement).innerText?.trim() && e.clientWidth > 1)
      .filter((e) => {
        const s = getComputedStyle(e);
        return (/hidden|clip/.test(s.overflowX) && e.scrollWidth > e.clientWidth + 1) || (/hidden|clip/.test(s.overflowY) && e.scrollHeight > e.clientHeight + 1);
      })
      .map((e) => `${e.className} "${(e as HTMLElement).innerText.trim().slice(0, 30)}"`),
  );
}

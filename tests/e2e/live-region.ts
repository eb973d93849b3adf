import type { Page } from 'playwright-core';

// The respondent page's polite live region holds what it says for LIVE_TEXT_MS (3 s) and is then emptied
// (page-chrome.ts), so a test that looks for the words in the region itself misses them when it looks more than 3 s
// late — as a busy CI machine does after an axe scan (every time at 4× CPU throttling). These record every text the
// region takes from the page's first script on, and wait on the record instead.

/** Records every text the page's polite live region holds, in order (a text repeated at once is one entry); on every load of `page`. */
export async function recordLiveRegion(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    new MutationObserver(() => {
      const text = document.querySelector('[aria-live="polite"]')?.textContent ?? '';
      if (said.at(-1) !== text) said.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

/** Every text the region has held since the page loaded (recordLiveRegion first). */
export const liveTexts = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { said: string[] }).said);

/** Waits until the region has said `text` at some time since the page loaded (recordLiveRegion first), or matched `text` if a RegExp. */
export async function waitUntilSaid(page: Page, text: string | RegExp, options: { timeout?: number } = {}): Promise<void> {
  const pattern = typeof text === 'string' ? null : { source: text.source, flags: text.flags };
  await page.waitForFunction(
    ([words, regex]) => (window as unknown as { said: string[] }).said.some((t) => (regex ? new RegExp(regex.source, regex.flags).test(t) : t === words)),
    [typeof text === 'string' ? text : '', pattern] as const,
    options,
  );
}

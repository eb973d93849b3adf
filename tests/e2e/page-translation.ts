import type { Page } from 'playwright-core';

/**
 * The browser's part, as plain text: tsx would name a function declared in a callback passed to addInitScript
 * (`__name(...)`), which does not exist in the page, and the script would stop there unseen.
 */
const TRANSLATE_SCRIPT = `
  function translate() {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (node.data.trim() && !node.parentElement.closest('script, style, font') ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT),
    });
    const texts = [];
    while (walker.nextNode()) texts.push(walker.currentNode);
    for (const text of texts) {
      const outer = document.createElement('font');
      outer.append(document.createElement('font'));
      outer.firstChild.textContent = text.data;
      text.replaceWith(outer);
    }
  }
  addEventListener('DOMContentLoaded', () => {
    translate();
    new MutationObserver(translate).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
`;

/**
 * What a browser's own "Translate this page" (Chrome's, Edge's) does to the page, words kept so a test can still
 * read them: every text node of the body is replaced by `<font><font>its text</font></font>`, at load and again
 * whenever the page adds or changes text. The page's script still holds the old text nodes, now out of the
 * document: a text it changes in place (SurveyJS redrawing a component with new words) changes nothing on the
 * screen, where a text it draws afresh is seen (facebook/react#11538 describes the same with React).
 */
export async function translateLikeABrowser(page: Page): Promise<void> {
  await page.addInitScript({ content: TRANSLATE_SCRIPT });
}

// Every shipped study walked by keyboard at 320 × 640 with 32 px text to a completion the server refuses as outside a
// question's limits (keyboard-walk.ts): focus on the error, said once, in the page's language, axe clean.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waveOf } from './accessibility-walk.ts';
import { seriousViolations } from './axe-wcag.ts';
import { useBrowserSession } from './browser-session.ts';
import { walkByKeyboard } from './keyboard-walk.ts';
import { serveWaves } from './serve-process.ts';
import { fullPageScreenshot, setDefaultFontSize } from './text-size.ts';
import { twoFrames } from './two-frames.ts';

const session = useBrowserSession('a11y-limits', (dbPath) => serveWaves(dbPath, ['alliance-corrective-measures', 'protege-bargaining', 'bus-line-funding', 'protege-bargaining-repeated', 'alliance-partner-conjoint']));

// Accessibility pass 25: a completion the server refuses as outside a question's limits (answer-limits.ts; only a
// client that skips the page's checks meets it, so the refusal is the server's, played here by a route) after a
// walk by keyboard alone, on a 320 × 640 window with the reader's text at 32 px (200 %): focus on the error's
// heading, its sentence said once by the one status region, naming the question by the title shown, in the
// respondent's language; axe clean, nothing scrolling sideways. Screenshots: /tmp/vlab-a11y-limits-<study>-<lang>.png.
test('every shipped study (the bilingual one in English and Spanish) by keyboard at 320 × 640 with 32 px text, its completion refused as outside a question’s limits: focus on the error, said once, in the page’s language', async () => {
  const found: string[] = [];
  const walks = [...['alliance-corrective-measures', 'protege-bargaining', 'protege-bargaining-repeated', 'alliance-partner-conjoint', 'bus-line-funding'].map((s) => [s, 'en']), ['bus-line-funding', 'es']];
  for (const [study, lang] of walks as [string, 'en' | 'es'][]) {
    const where = `${study} (${lang})`;
    const context = await session.browser.newContext({ viewport: { width: 320, height: 640 }, isMobile: true, reducedMotion: 'reduce' });
    const page = await context.newPage();
    let question = '';
    await page.route('**/api/participants/*/complete', (route) =>
      route.fulfill({ status: 422, contentType: 'application/json', body: JSON.stringify({ error: { code: 'invalid_input', message: `the answer to "${question}" is …`, reason: 'answer_out_of_limits', question } }) }),
    );
    await page.goto(`${session.app.baseUrl}/s/${waveOf(session, study)}?PROLIFIC_PID=a11y-limits-${study}-${lang}&lang=${lang}`);
    await page.locator('.vlab-progress__text').waitFor();
    await setDefaultFontSize(page, 32);
    // Everything the status region says from here on (before the walk: the refusal may come at once).
    await page.evaluate(() => {
      const said: string[] = [];
      (window as unknown as { said: string[] }).said = said;
      const region = document.getElementById('vlab-status')!;
      new MutationObserver(() => void (region.textContent && said.push(region.textContent))).observe(region, { childList: true, characterData: true, subtree: true });
    });
    let title = '';
    let pages = 0;
    found.push(
      ...(await walkByKeyboard(page, async () => {
        pages++;
        // The refused question: the last page's first, named by the title the page shows.
        const first = page.locator('.sd-page .sd-question[data-name]:not(.sd-question--html)').first();
        if (!(await first.count())) return;
        question = (await first.getAttribute('data-name'))!;
        // Its heading's text without the required mark (a separate span SurveyJS adds after the title).
        title = await first.evaluate((q) => {
          const h = q.querySelector('.sd-question__title')!.cloneNode(true) as HTMLElement;
          h.querySelectorAll('.sd-question__required-text, .sd-element__num').forEach((e) => e.remove());
          return h.textContent!.trim();
        });
      })).map((p) => `${where}: ${p}`),
    );
    const [heading, sentence] = lang === 'en'
      ? ['Your answers could not be saved', `Please contact the researchers (the server did not accept your answer to “${title}”).`]
      : ['No se pudieron guardar sus respuestas', `Póngase en contacto con los investigadores (el servidor no aceptó su respuesta a «${title}»).`];
    // Consent given by keyboard (its first option) and every page walked: the refused question is the last page's.
    if (pages < 4 || question === 'consent') found.push(`${where}: the walk ended on page ${pages} (${question})`);
    await page.locator('.vlab-message h1', { hasText: heading }).waitFor();
    await page.waitForFunction((text) => document.getElementById('vlab-status')?.textContent === text, sentence);
    const focus = await page.evaluate(() => [document.activeElement?.tagName, document.activeElement?.textContent]);
    if (focus[0] !== 'H1' || focus[1] !== heading) found.push(`${where}: focus on ${focus.join(' ')}, not the error's heading`);
    const said = await page.evaluate(() => (window as unknown as { said: string[] }).said);
    if (said.filter((s) => s === sentence).length !== 1) found.push(`${where}: the sentence said ${said.filter((s) => s === sentence).length} times (${said.join(' | ')})`);
    const live = await page.evaluate(() => [...document.querySelectorAll('[role="status"], [role="alert"], [aria-live]')].filter((e) => e.textContent).map((e) => e.id || e.className));
    if (live.join() !== 'vlab-status') found.push(`${where}: live regions with text: ${live.join(', ')}`);
    // The text size set again on the error page, as text-size-words.test.ts does: a size set through the DevTools
    // protocol before the survey was walked no longer holds here (the page reads 16 px).
    await setDefaultFontSize(page, 32);
    await twoFrames(page);
    found.push(...(await seriousViolations(page)).map((v) => `${where}: ${v}`));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) found.push(`${where}: ${overflow} px wider than the screen`);
    await fullPageScreenshot(page, `/tmp/vlab-a11y-limits-${study}-${lang}.png`);
    // The picture shows the page at the size tested, and the page stays at it (Playwright's fullPage reset it: text-size.ts).
    const size = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    if (size !== '32px') found.push(`${where}: the text is ${size} after the screenshot`);
    await context.close();
  }
  assert.deepEqual(found, []);
});

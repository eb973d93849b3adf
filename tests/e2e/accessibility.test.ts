// WCAG 2.2 AA on the respondent's page, checked by axe-core on every page of both flagship studies, the
// repeated-vignette study (and the bilingual study in Spanish), from the consent page to the end page, on a phone (390 × 844, touch) and a laptop
// (1366 × 900), and its colour contrast in the dark scheme at 320 and 1280 px; plus what axe cannot see: headings, focus and announcement on page change, the tab title,
// 44 px targets on touch, 320 px without sideways scrolling, the reader's own text size (doubled) followed by every
// text, and no animation for reduced motion; and every shipped study walked by keyboard at 320 × 640 with 32 px text to a
// completion refused as outside a question's limits (keyboard-walk.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { cellColumnHeaders } from './accessibility-tree.ts';
import { axeViolations, seriousViolations } from './axe-wcag.ts';
import { useBrowserSession } from './browser-session.ts';
import { darkContrastProblems } from './dark-contrast.ts';
import { recordLiveRegion, waitUntilSaid } from './live-region.ts';
import { serveWaves } from './serve-process.ts';
import { setDefaultFontSize, textsNotScaled } from './text-size.ts';
import { applyTextSpacing, cutText } from './text-spacing.ts';
import { walkByKeyboard } from './keyboard-walk.ts';
import { walkSurvey, type WalkStep } from './walk-survey.ts';
import { twoFrames } from './two-frames.ts';

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };
const LAPTOP: BrowserContextOptions = { viewport: { width: 1366, height: 900 } };

const waveOf = (study: string) => session.app.waves.find((w) => w.study === study)!.id;

const session = useBrowserSession('a11y', (dbPath) =>
  serveWaves(dbPath, ['alliance-corrective-measures', 'protege-bargaining', 'bus-line-funding', 'protege-bargaining-repeated', 'alliance-partner-conjoint']),
);

/** What every page must have beyond axe: the study title as the one h1, the page title as an h2, a tab title. */
async function checkStructure(page: Page, step: WalkStep, studyTitle: string) {
  const h1 = await page.locator('h1').allInnerTexts();
  assert.equal(h1.length, 1, `page ${step.index}: one h1 (${h1.join(' | ')})`);
  if (step.end) {
    assert.equal(await page.title(), `${h1[0]} – ${studyTitle}`);
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'the end page’s heading has focus');
    return;
  }
  assert.equal(h1[0], studyTitle);
  const h2 = page.locator('h2.sd-page__title');
  assert.equal(await h2.count(), 1, `page ${step.index}: the page title is an h2`);
  assert.equal(await page.title(), `${step.title} – ${studyTitle}`, 'the tab title names the page and the study');
  if (step.index > 0) {
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('sd-page__title')), true, `page ${step.index}: focus is on the new page's heading`);
    // The heading, focused, reads the title; the live region says the position ("Page 3 of 7"), not the title again.
    await waitUntilSaid(page, await page.locator('.vlab-progress__text').innerText());
  }
}

/** On touch screens every option row and button is at least 44 × 44 CSS pixels. */
async function checkTouchTargets(page: Page, step: WalkStep) {
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.sd-selectbase__label, .sd-btn, .vlab-reread summary')]
      .filter((e) => e.offsetParent !== null)
      .map((e) => ({ text: e.innerText.trim().slice(0, 30), ...e.getBoundingClientRect().toJSON() }))
      .filter((r) => r.height < 44 || r.width < 44),
  );
  assert.deepEqual(small, [], `page ${step.index}: touch targets under 44 × 44 px`);
}

async function walkWithAxe(study: string, options: BrowserContextOptions, query = '') {
  const context = await session.browser.newContext(options);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await recordLiveRegion(page);
  await page.goto(`${session.app.baseUrl}/s/${waveOf(study)}?PROLIFIC_PID=a11y-${study}-${options.viewport!.width}${query}`);
  await page.locator('.vlab-title').waitFor();
  const studyTitle = await page.locator('.vlab-title').innerText();
  const steps = await walkSurvey(page, async (step) => {
    assert.deepEqual(await seriousViolations(page), [], `${study} at ${options.viewport!.width} px, page ${step.index} (${step.title})`);
    // The dark scheme too (prefers-color-scheme: dark), at 320 and 1280 px: every text at 4.5:1 (AA) at least.
    assert.deepEqual(await darkContrastProblems(page, `${study}, page ${step.index}`), []);
    await checkStructure(page, step, studyTitle);
    if (options.hasTouch && !step.end) await checkTouchTargets(page, step);
  });
  assert.deepEqual(errors, []);
  await context.close();
  return steps;
}

for (const study of ['alliance-corrective-measures', 'protege-bargaining', 'protege-bargaining-repeated']) {
  for (const [name, options] of [['phone 390 × 844, touch', PHONE], ['laptop 1366 × 900', LAPTOP]] as const) {
    test(`${study}, ${name}: no serious or critical axe violation on any page, the end page included`, async () => {
      const steps = await walkWithAxe(study, options);
      assert.equal(steps.at(-1)!.end, true);
      assert.ok(steps.length >= 7, `every page was visited (${steps.length})`);
    });
  }
}

test('the conjoint flagship at phone and laptop sizes: axe on every page, "Task 2 of 5" headings, the task table readable without sideways scrolling, each level read with its partner as column header', async () => {
  for (const options of [PHONE, LAPTOP]) {
    const steps = await walkWithAxe('alliance-partner-conjoint', options);
    assert.deepEqual(steps.slice(3, 8).map((s) => s.title), ['Task 1 of 5', 'Task 2 of 5', 'Task 3 of 5', 'Task 4 of 5', 'Task 5 of 5']);
    assert.equal(steps.at(-1)!.end, true);
  }
  for (const width of [1280, 390, 320]) {
    const context = await session.browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${session.app.baseUrl}/s/${waveOf('alliance-partner-conjoint')}?PROLIFIC_PID=a11y-conjoint-${width}`);
    let tables = 0;
    await walkSurvey(page, async (step) => {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${width} px, page ${step.index} (${step.title}) is ${overflow} px wider than the screen`);
      const table = page.locator('.vlab-conjoint__table');
      if (!(await table.count())) return;
      tables++;
      // The table is named by the task's heading ("Task 2 of 5"), by reference: the text is not said a second time.
      assert.equal(await page.getByRole('table', { name: step.title, exact: true }).count(), 1, `${width} px: the table of ${step.title} is named by its heading`);
      assert.equal(await table.getAttribute('aria-labelledby'), await page.locator('h2.sd-page__title').getAttribute('id'));
      // Six attributes, each with its name and the two partners' levels; both partners' levels sit side by side.
      assert.equal(await table.locator('tbody th[scope="row"]').count(), 6);
      const [a, b] = await table.locator('tbody tr').first().locator('td').evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().toJSON()));
      assert.ok(a && b && Math.abs(a.top - b.top) < 1 && a.right <= b.left + 1, `${width} px: the two profiles side by side`);
      // A screen reader's table navigation reads each level with its partner's column header.
      const partners = await table.locator('thead th').allInnerTexts();
      assert.deepEqual(await cellColumnHeaders(page), Array(6).fill(partners), `${width} px: each level's column header in the tree`);
    });
    assert.equal(tables, 5);
    await context.close();
  }
});

/**
 * The focused control as a sighted keyboard user sees it: what it is, whether it is a checked radio, and whether its
 * focus ring (drawn by the radio's decorator, the input being hidden; 5 px of box shadow, or the outline) is wholly
 * on the screen.
 */
function focusedInSight(page: Page) {
  return page.evaluate(() => {
    const e = document.activeElement as HTMLInputElement;
    const decorator = e.matches('input') && e.nextElementSibling?.matches('.sd-item__decorator') ? (e.nextElementSibling as HTMLElement) : null;
    const drawn = decorator ?? e;
    const box = drawn.getBoundingClientRect();
    const style = getComputedStyle(drawn);
    const ring = Math.max(5, parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset));
    const inSight = box.top - ring >= -0.5 && box.bottom + ring <= innerHeight + 0.5 && box.left - ring >= -0.5 && box.right + ring <= innerWidth + 0.5;
    return { radio: e.type === 'radio', next: e.matches('.sd-navigation__next-btn, .sd-navigation__complete-btn'), checked: e.checked, name: e.closest('label')?.textContent?.trim() ?? e.value, inSight };
  });
}

/** Tabs through a conjoint task by keyboard alone: each group's every option picked with the arrow keys in turn, then Next. */
async function answerTaskByKeyboard(page: Page, where: string): Promise<string[]> {
  const found: string[] = [];
  let groups = 0;
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    const first = await focusedInSight(page);
    if (first.next) {
      if (!first.inSight) found.push(`${where}: Next's ring off the screen`);
      break;
    }
    if (!first.radio) continue;
    groups++;
    // Arrow keys go round the group and pick each option, back to the first; each must be picked and in sight.
    const options = await page.evaluate(() => document.activeElement!.closest('[role="radiogroup"]')!.querySelectorAll('input[type="radio"]').length);
    for (let k = 0; k < options; k++) {
      await page.keyboard.press('ArrowDown');
      const option = await focusedInSight(page);
      if (!option.checked) found.push(`${where}: "${option.name}" focused but not picked`);
      if (!option.inSight) found.push(`${where}: "${option.name}"'s ring off the screen`);
    }
  }
  if (groups !== 3) found.push(`${where}: ${groups} groups reached by Tab, not 3 (the choice and two ratings)`);
  return found;
}

// Accessibility pass 18: the conjoint flagship walked by keyboard alone on a small phone and a phone held sideways
// (a 1136 × 640 window at 200 % zoom) with the reader's text at 32 px, light and dark: each task's choice and both
// ratings reached by Tab, every option picked with the arrow keys, each focus ring wholly on the screen, nothing
// scrolling sideways, the table's levels read with their partner, axe clean. Nothing on the page is sticky.
test('the conjoint flagship by keyboard alone at 320 × 640 and 568 × 320 with 32 px text, light and dark: every option of every task reachable and in sight, no sideways scrolling, axe clean', async () => {
  const found: string[] = [];
  for (const viewport of [{ width: 320, height: 640 }, { width: 568, height: 320 }]) {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await session.browser.newContext({ viewport, colorScheme, reducedMotion: 'reduce' });
      const page = await context.newPage();
      await page.goto(`${session.app.baseUrl}/s/${waveOf('alliance-partner-conjoint')}?PROLIFIC_PID=a11y-keys-${viewport.width}-${colorScheme}`);
      await page.locator('.vlab-progress__text').waitFor();
      await setDefaultFontSize(page, 32);
      let tasks = 0;
      await walkSurvey(page, async (step) => {
        if (!(await page.locator('.vlab-conjoint__table').count())) return;
        const where = `${viewport.width} × ${viewport.height} ${colorScheme}, ${step.title}`;
        tasks++;
        if (tasks === 1) found.push(...(await seriousViolations(page)).map((v) => `${where}: ${v}`));
        if (!(await cellColumnHeaders(page)).flat().every((h) => h === 'Partner A' || h === 'Partner B')) found.push(`${where}: a level without its partner`);
        await page.evaluate(() => window.scrollTo(0, 0));
        found.push(...(await answerTaskByKeyboard(page, where)));
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) found.push(`${where}: ${overflow} px wider than the screen`);
        if (tasks === 1) await page.screenshot({ path: `/tmp/vlab-a11y-conjoint-keys-${viewport.width}-${colorScheme}.png` });
      });
      assert.equal(tasks, 5, `${viewport.width} × ${viewport.height} ${colorScheme}: the five tasks`);
      await context.close();
    }
  }
  assert.deepEqual(found, []);
});

test('the bilingual study in Spanish: axe on every page, SurveyJS’s own strings in Spanish too', async () => {
  const context = await session.browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(`${session.app.baseUrl}/s/${waveOf('bus-line-funding')}?PROLIFIC_PID=a11y-es&lang=es`);
  await page.getByRole('button', { name: 'Siguiente' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
  assert.equal(await page.locator('.vlab-progress__text').innerText(), 'Página 1 de 5');
  await context.close();
  const steps = await walkWithAxe('bus-line-funding', PHONE, '&lang=es');
  assert.deepEqual(
    steps.map((s) => s.title),
    ['Antes de empezar', 'Sobre usted', 'Un plan para una nueva línea de autobús', 'Su opinión sobre el plan', 'Una última pregunta', '¡Muchas gracias!'],
  );
});

test('at 320 px (a 640 px window at 200 % zoom, a 1280 px one at 400 %) no page scrolls sideways, and with WCAG text spacing none cuts text off', async () => {
  const context = await session.browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  await page.goto(`${session.app.baseUrl}/s/${waveOf('alliance-corrective-measures')}?PROLIFIC_PID=a11y-320`);
  await page.locator('.vlab-title').waitFor();
  await applyTextSpacing(page);
  await walkSurvey(page, async (step) => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `page ${step.index} (${step.title}) is ${overflow} px wider than the screen`);
    assert.deepEqual(await cutText(page), [], `page ${step.index} (${step.title}): text cut off`);
  });
  await context.close();
});

test('with the reader’s own text size doubled (the browser’s default font at 32 px, text-only zoom), every text of every page of both flagships and the conjoint flagship grows with it, at 390 px without sideways scrolling or text cut off', async () => {
  for (const study of ['alliance-corrective-measures', 'protege-bargaining', 'alliance-partner-conjoint']) {
    const context = await session.browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${session.app.baseUrl}/s/${waveOf(study)}?PROLIFIC_PID=a11y-text-size`);
    const found: string[] = [];
    const steps = await walkSurvey(page, async (step) => {
      const where = `${study}, page ${step.index} (${step.title})`;
      found.push(...(await textsNotScaled(page, 32)).map((t) => `${where}: ${t}`));
      found.push(...(await cutText(page)).map((t) => `${where}: cut off: ${t}`));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) found.push(`${where}: ${overflow} px wider than the screen`);
    });
    assert.equal(steps.at(-1)!.end, true);
    assert.deepEqual(found, []);
    await context.close();
  }
});

test('with prefers-reduced-motion SurveyJS animates nothing; without it, it may', async () => {
  const url = `${session.app.baseUrl}/s/${waveOf('protege-bargaining')}?PROLIFIC_PID=a11y-motion`;
  for (const reducedMotion of ['reduce', 'no-preference'] as const) {
    const context = await session.browser.newContext({ reducedMotion });
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('.sd-root-modern').waitFor();
    const disabled = await page.locator('.sd-root-modern--animation-disabled').count();
    assert.equal(disabled, reducedMotion === 'reduce' ? 1 : 0, reducedMotion);
    await context.close();
  }
});

test('AAA contrast (axe color-contrast-enhanced, 7:1) on every page, light and dark at 360 px, SurveyJS’s buttons and the errors of Next pressed too soon included', async () => {
  // Until accessibility pass 16 DefaultDark's orange buttons' text (#ff9814 on #303030, 6.1:1) was left as an
  // exception, and the errors were not shown: "Response required." was 6.0:1 (#b3002d on SurveyJS's pink error
  // banner) and 5.5:1 in dark (#ff8fa3).
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    const context = await session.browser.newContext({ viewport: { width: 360, height: 780 }, colorScheme, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(`${session.app.baseUrl}/s/${waveOf('bus-line-funding')}?PROLIFIC_PID=a11y-aaa-${colorScheme}`);
    await walkSurvey(page, async (step) => {
      // The outcome page's "Read the situation again", opened: its summary and the vignette in the box.
      const reread = page.locator('details.vlab-reread summary');
      if (await reread.count()) await reread.first().click();
      // Next before answering a page of questions (not the vignette's): each question's error shown.
      if (!step.end && (await page.locator('.sd-page .sd-question:not(.sd-question--html)').count())) {
        await page.locator('.sd-navigation__next-btn:visible, .sd-navigation__complete-btn:visible').first().click();
        await page.locator('.sd-error__item').first().waitFor();
      }
      const violations = await axeViolations(page, { type: 'rule', values: ['color-contrast-enhanced'] });
      for (const node of violations.flatMap((v) => v.nodes)) {
        const target = node.target.join(' ');
        found.push(`${colorScheme}, page ${step.index} (${step.title}): ${target}: ${node.any[0]?.message ?? ''}`);
      }
    });
    await context.close();
  }
  assert.deepEqual(found, []);
});

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
    await page.goto(`${session.app.baseUrl}/s/${waveOf(study)}?PROLIFIC_PID=a11y-limits-${study}-${lang}&lang=${lang}`);
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
    await page.screenshot({ path: `/tmp/vlab-a11y-limits-${study}-${lang}.png`, fullPage: true });
    await context.close();
  }
  assert.deepEqual(found, []);
});

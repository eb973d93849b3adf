// The panel-return page: a completion whose wave sends respondents back to their panel shows "Thank you!" and
// "Taking you back to the survey panel…" while the browser follows the redirect. When the panel is slow, down, or the
// browser holds the navigation back, that page was all there was: no link, so a keyboard or screen-reader user (or
// anyone) could not go back themselves, and without the panel's completion code they go unpaid. Here the panel never
// answers (the navigation is aborted), as a panel that is down. The last test looks at every end page at phone size
// with large text (accessibility pass 17), as its waves (closed, paused, with and without a redirect) are opened here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { seriousViolations } from './axe-wcag.ts';
import { useBrowserSession } from './browser-session.ts';
import { darkContrastProblems } from './dark-contrast.ts';
import { serve } from './serve-process.ts';
import { setDefaultFontSize, wordsBrokenAcrossLines } from './text-size.ts';
import { cutText } from './text-spacing.ts';
import { walkSurvey } from './walk-survey.ts';
import { twoFrames } from './two-frames.ts';

const PANEL = 'https://panel.example/submissions/complete';
let waveUrl = '';
let pausedWaveUrl = '';
let plainWaveUrl = '';
let closedWaveUrl = '';
let quotaWaveUrl = '';

/** Opens a wave of the bilingual study with the CLI, with `redirect` (e.g. `--complete-url`) to the panel; its link. */
function createWave(dbPath: string, redirect: string, cc: string, study = 'bus-line-funding', target = '50'): string {
  const redirectArgs = redirect ? [redirect, `${PANEL}?cc=${cc}&pid={PROLIFIC_PID}`] : [];
  const created = spawnSync(process.execPath, ['bin/vlab.js', 'wave', 'create', '--study', study, '--target', target, '--db', dbPath, '--json', ...redirectArgs], {
    encoding: 'utf8',
  });
  assert.equal(created.status, 0, created.stderr);
  return (JSON.parse(created.stdout) as { url: string }).url;
}

const session = useBrowserSession('panel-return', async (dbPath) => {
  waveUrl = createWave(dbPath, '--complete-url', 'ABC123');
  // A paused wave sends a new respondent back to the panel by its over-quota link.
  pausedWaveUrl = createWave(dbPath, '--overquota-url', 'OVER');
  const paused = spawnSync(process.execPath, ['bin/vlab.js', 'wave', 'pause', pausedWaveUrl.split('/').at(-1)!, '--db', dbPath], { encoding: 'utf8' });
  assert.equal(paused.status, 0, paused.stderr);
  plainWaveUrl = createWave(dbPath, '', '');
  closedWaveUrl = createWave(dbPath, '', '');
  const closed = spawnSync(process.execPath, ['bin/vlab.js', 'wave', 'close', closedWaveUrl.split('/').at(-1)!, '--db', dbPath], { encoding: 'utf8' });
  assert.equal(closed.status, 0, closed.stderr);
  // At a target of 4 the 65+ level of the alliance study holds one respondent (ceil(0.21 × 4 × 1.05)).
  quotaWaveUrl = createWave(dbPath, '', '', 'alliance-corrective-measures', '4');
  return serve(dbPath);
});

/** A page whose navigations to the panel fail, as when the panel is down: it stays on the panel-return page. */
async function pageWithPanelDown(): Promise<Page> {
  const context = await session.browser.newContext({ viewport: { width: 320, height: 568 } });
  const page = await context.newPage();
  await page.route(`${PANEL}**`, (route) => route.abort('aborted'));
  return page;
}

/** The words before the panel's completion code, by the page's language. */
const CODE_LABELS: Record<string, string> = { en: 'Your completion code, if the panel asks for it:', es: 'Su código de finalización, si el panel se lo pide:' };

/**
 * The panel-return page's link: named in the page's language, to the wave's redirect for this respondent, reached by
 * one Tab from the focused heading; and the redirect's completion code (Prolific's `cc`) shown under it, whole in one
 * element a tap or double click selects entirely. Until page pass 41 the code was in the link alone: with the panel
 * down (or the link opened in an app that drops it), a respondent whom Prolific asks to type the code had none.
 */
async function checkReturnLink(page: Page, name: string, pid: string, when: string, cc = 'ABC123', lang = 'en'): Promise<void> {
  const link = page.getByRole('link', { name, exact: true });
  await link.waitFor();
  assert.equal(await link.getAttribute('href'), `${PANEL}?cc=${cc}&pid=${pid}`, when);
  const codeLine = page.locator('.vlab-message p', { hasText: CODE_LABELS[lang]! });
  assert.equal(await codeLine.count(), 1, `${when}: the completion code's line`);
  const code = codeLine.locator('.vlab-message__code');
  assert.deepEqual(
    await code.evaluate((e) => [e.textContent, getComputedStyle(e).userSelect, e.getAttribute('translate'), e.getAttribute('dir')]),
    [cc, 'all', 'no', 'ltr'],
    `${when}: the code whole, selected at one tap, left alone by a browser's translation, read left to right`,
  );
  assert.ok(!(await page.locator('#vlab-status').innerText()).includes(cc), `${when}: the code is not in the status region (its sentence said alone)`);
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', `${when}: focus on the heading`);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), name, `${when}: Tab reaches the link`);
  const box = (await link.boundingBox())!;
  assert.ok(box.height >= 24 && box.width >= 24, `${when}: the link is ${box.width} × ${box.height} px (2.5.8: 24 × 24)`);
  assert.deepEqual(await seriousViolations(page), [], when);
  assert.deepEqual(await darkContrastProblems(page, when), []);
}

for (const [lang, name] of [['en', 'Return to the survey panel'], ['es', 'Volver al panel de encuestas']] as const) {
  test(`the panel-return page (${lang}) links to the panel when the redirect does not happen, after the completion and after a reload`, async () => {
    const page = await pageWithPanelDown();
    const pid = `return-${lang}`;
    await page.goto(`${session.app.baseUrl}${waveUrl}?PROLIFIC_PID=${pid}&lang=${lang}`);
    const steps = await walkSurvey(page, async () => {});
    assert.equal(steps.at(-1)!.end, true);
    await checkReturnLink(page, name, pid, `${lang}, after the completion`, 'ABC123', lang);
    // Already completed: the start answers with the outcome, and the page shows the same.
    await page.reload();
    await checkReturnLink(page, name, pid, `${lang}, after a reload`, 'ABC123', lang);
    await page.context().close();
  });
}

test('Back from the panel after the completion goes to the page before the survey, not round again to the panel', async () => {
  // Pass 36: the page sent the respondent on with location.assign, which leaves the survey in the history, so Back
  // from the panel reloaded the survey, whose start (already completed) sent them to the panel again: a Back button
  // that could not leave the panel (twice in a row here). Now the panel replaces the survey's history entry.
  const context = await session.browser.newContext({ viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  const before = 'https://panel.example/studies/bus-line';
  await page.route(`${PANEL}**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Panel</title><h1>Panel</h1>' }));
  await page.route(before, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Study</title><h1>Study</h1>' }));
  await page.goto(before);
  await page.goto(`${session.app.baseUrl}${waveUrl}?PROLIFIC_PID=return-back`);
  // Each page's first options, then Complete (walkSurvey waits for an end page, which the panel replaces at once here).
  for (;;) {
    const position = await page.locator('.vlab-progress__text').innerText();
    for (const question of await page.locator('.sd-page .sd-question:not(.sd-question--html)').all()) await question.locator('.sd-selectbase__label').first().click();
    const complete = page.locator('.sd-navigation__complete-btn:visible');
    if (await complete.count()) {
      await complete.click();
      break;
    }
    await page.locator('.sd-navigation__next-btn:visible').click();
    await page.locator('.vlab-progress__text').filter({ hasNotText: position }).waitFor();
  }
  await page.waitForURL(`${PANEL}?cc=ABC123&pid=return-back`);
  await page.goBack();
  // Before, Back reached the survey, which went straight on to the panel: wait until that would have happened.
  await page.waitForTimeout(1500);
  assert.equal(page.url(), before, 'Back from the panel leaves the survey behind');
  await context.close();
});

test('a paused wave that sends new respondents back to the panel links to it too, under "This survey is paused"', async () => {
  const page = await pageWithPanelDown();
  await page.goto(`${session.app.baseUrl}${pausedWaveUrl}?PROLIFIC_PID=return-paused`);
  await page.getByRole('heading', { name: 'This survey is paused' }).waitFor();
  await checkReturnLink(page, 'Return to the survey panel', 'return-paused', 'a paused wave', 'OVER');
  await page.context().close();
});

// Every end page on a 360 × 640 phone with the reader's text at 24 px ("Very large" in Chrome), drawn at 200 % (a
// device pixel ratio of 2: a 720 px window at 200 % zoom lays out the same), in the light and dark schemes.
const END_PHONE = { viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const choose = (page: Page, question: string, option: string) => page.locator(`[data-name="${question}"]`).getByText(option, { exact: true }).click();

/** What is wrong with the end page shown at 24 px text, light and dark: sideways scrolling, text cut off, a word cut in two, focus not on its heading. */
async function endPageProblems(page: Page, when: string, focusOnHeading = true): Promise<string[]> {
  const found: string[] = [];
  if (focusOnHeading && (await page.evaluate(() => document.activeElement?.tagName)) !== 'H1') found.push(`${when}: focus not on the heading`);
  await setDefaultFontSize(page, 24);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await twoFrames(page);
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (sideways > 0) found.push(`${when}, ${colorScheme}: ${sideways} px wider than the screen`);
    for (const cut of await cutText(page)) found.push(`${when}, ${colorScheme}: cut off: ${cut}`);
    for (const word of await wordsBrokenAcrossLines(page, '.vlab-message')) found.push(`${when}, ${colorScheme}: broken: ${word}`);
    const hidden = await page.locator('.vlab-message').evaluate((box) => {
      const r = box.getBoundingClientRect();
      return r.left < 0 || r.right > document.documentElement.clientWidth;
    });
    if (hidden) found.push(`${when}, ${colorScheme}: the message box is wider than the screen`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

test('every end page at 360 × 640 with 24 px text at 200 %, English and Spanish, light and dark: nothing cut or sideways, focus on the heading, the panel link named and reached', async () => {
  const context = await session.browser.newContext(END_PHONE);
  const page = await context.newPage();
  await page.route(`${PANEL}**`, (route) => route.abort('aborted'));
  const problems: string[] = [];
  const shown: string[] = [];
  const check = async (when: string, focusOnHeading = true) => {
    shown.push(`${when}: ${await page.locator('.vlab-message h1').innerText()}`);
    problems.push(...(await endPageProblems(page, when, focusOnHeading)));
  };
  const base = session.app.baseUrl;
  for (const [lang, returnName] of [['en', 'Return to the survey panel'], ['es', 'Volver al panel de encuestas']] as const) {
    const visit = async (url: string, when: string, focusOnHeading = true) => {
      await page.goto(`${base}${url}`);
      await page.locator('.vlab-message h1').waitFor();
      await check(when, focusOnHeading);
    };
    // Completed, then the same link again (already completed).
    await page.goto(`${base}${plainWaveUrl}?PROLIFIC_PID=end-done-${lang}&lang=${lang}`);
    await walkSurvey(page, async () => {});
    await check(`${lang} completed`);
    await visit(`${plainWaveUrl}?PROLIFIC_PID=end-done-${lang}&lang=${lang}`, `${lang} already completed`);
    // Declined consent: the consent question's second option, then "Leave the study".
    await page.goto(`${base}${plainWaveUrl}?PROLIFIC_PID=end-declined-${lang}&lang=${lang}`);
    await page.locator('[data-name="consent"] .sd-selectbase__label').nth(1).click();
    await page.locator('.sd-navigation__complete-btn:visible').click();
    // "Saving your answers…" first, then the end page.
    await page.getByRole('heading', { level: 1, name: lang === 'en' ? 'Thank you for your time' : 'Gracias por su tiempo' }).waitFor();
    await check(`${lang} declined consent`);
    await visit(`${closedWaveUrl}?PROLIFIC_PID=end-closed-${lang}&lang=${lang}`, `${lang} wave closed`);
    // A link naming no wave gets the server's page (not-found.html, no script): a new document, whose reading starts
    // at its top, so focus is not moved; its heading is the first thing on it and its title says the same.
    for (const url of [`/s/no-such-wave?lang=${lang}`, `/s/no-such-wave/x?lang=${lang}`]) {
      await visit(url, `${lang} not found (${url.split('?')[0]})`, false);
      const first = await page.evaluate(() => ({ first: document.body.querySelector('h1, p, a, button')?.tagName, heading: document.querySelector('h1')?.textContent, title: document.title }));
      if (first.first !== 'H1' || first.title !== first.heading) problems.push(`${lang} not found: the page starts with ${first.first}, titled "${first.title}"`);
    }
    // The panel links: after a completion whose panel is down, and a paused wave's.
    for (const [url, pid, when] of [[waveUrl, `end-return-${lang}`, 'panel return'], [pausedWaveUrl, `end-paused-${lang}`, 'paused, to the panel']] as const) {
      await page.goto(`${base}${url}?PROLIFIC_PID=${pid}&lang=${lang}`);
      if (url === waveUrl) await walkSurvey(page, async () => {});
      const link = page.getByRole('link', { name: returnName, exact: true });
      await link.waitFor();
      await check(`${lang} ${when}`);
      await page.locator('.vlab-message h1').focus();
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent)) !== returnName) problems.push(`${lang} ${when}: Tab from the heading does not reach the link`);
      const box = (await link.boundingBox())!;
      if (box.x < 0 || box.x + box.width > 360) problems.push(`${lang} ${when}: the link is cut at the screen's edge`);
      // The completion code is typed as shown: a narrow screen's hyphenation (respondent.css, under 19.5 em) must not
      // break it with a hyphen that is not in it ("NO-CONSENT"), which dictionaries with the page's language would.
      const hyphens = await page.locator('.vlab-message__code').evaluate((e) => getComputedStyle(e).hyphens);
      if (hyphens !== 'none') problems.push(`${lang} ${when}: the completion code's hyphens: ${hyphens}`);
      if (lang === 'es' && url === waveUrl) {
        // For a person to look at: the Spanish panel-return page, dark, the link focused.
        await page.emulateMedia({ colorScheme: 'dark' });
        mkdirSync('screenshots', { recursive: true });
        await page.screenshot({ path: join('screenshots', 'end-panel-return-es-360-24px-dark.png') });
        await page.emulateMedia({ colorScheme: 'light' });
      }
    }
  }
  // Over quota (the alliance study, English only): someone else holds the one 65+ place.
  const wave = quotaWaveUrl.split('/').at(-1)!;
  const post = (path: string, body: object) => fetch(`${base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
  const filler = (await post(`/api/waves/${wave}/participants`, { panel: { PROLIFIC_PID: 'end-filler' } })) as { participant: { code: string } };
  const answers = { consent: true, age_group: '65+', gender: 'male', education: 'college', region: 'west', party: 'democrat', attention_check: 'radio' };
  await post(`/api/participants/${filler.participant.code}/quota-check`, { answers });
  await page.goto(`${base}${quotaWaveUrl}?PROLIFIC_PID=end-overquota`);
  await choose(page, 'consent', 'Yes, I agree to take part');
  await page.getByRole('button', { name: 'Next' }).click();
  for (const [q, a] of [['age_group', '65 or older'], ['gender', 'Female'], ['education', 'Less than a four-year college degree'], ['region', 'South'], ['party', 'Democrat']]) await choose(page, q!, a!);
  await page.getByRole('button', { name: 'Next' }).click();
  await choose(page, 'attention_check', 'Radio');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { level: 1, name: 'Thank you for your interest' }).waitFor();
  await check('en over quota');
  // For a person to look at: the longest English end text, at 24 px, light.
  await page.screenshot({ path: join('screenshots', 'end-over-quota-360-24px.png') });
  await context.close();
  assert.deepEqual(problems, []);
  const titles = { en: ['Thank you!', 'Thank you for your time', 'This survey is closed', 'This survey link is not valid', 'This survey is paused'], es: ['¡Muchas gracias!', 'Gracias por su tiempo', 'Esta encuesta está cerrada', 'Este enlace de la encuesta no es válido', 'Esta encuesta está en pausa'] };
  const pages = (lang: 'en' | 'es') => {
    const [thanks, declined, closed, invalid, paused] = titles[lang];
    return [
      `${lang} completed: ${thanks}`,
      `${lang} already completed: ${thanks}`,
      `${lang} declined consent: ${declined}`,
      `${lang} wave closed: ${closed}`,
      `${lang} not found (/s/no-such-wave): ${invalid}`,
      `${lang} not found (/s/no-such-wave/x): ${invalid}`,
      `${lang} panel return: ${thanks}`,
      `${lang} paused, to the panel: ${paused}`,
    ];
  };
  assert.deepEqual(shown, [...pages('en'), ...pages('es'), 'en over quota: Thank you for your interest'], 'each end page was reached');
});

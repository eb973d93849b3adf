// What keyboard, screen-reader and contrast-theme users meet that axe's WCAG rules do not catch: the consent
// question as a named, required radio group whose error takes focus; a focus indicator under forced colours; the
// autosave notice as a live region present before it speaks; and the dashboard's focus after sign-in, Open and
// Refresh, with no column header left empty.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { describedByItsName, fieldReading, namesOfRole, rolesNamed } from './accessibility-tree.ts';
import { WCAG_TAGS, axeViolations } from './axe-wcag.ts';
import { useBrowserSession } from './browser-session.ts';
import { contrast } from './contrast-ratio.ts';
import { settled as schemeSettled } from './dark-contrast.ts';
import { recordLiveRegion, waitUntilSaid } from './live-region.ts';
import { serveWaves } from './serve-process.ts';
import { walkSurvey } from './walk-survey.ts';
import { DASHBOARD_WAIT } from './dashboard-wait.ts';

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true } as const;

const session = useBrowserSession('assistive', (dbPath) => serveWaves(dbPath, ['bus-line-funding', 'protege-bargaining']));
const link = (study: string, query: string) => `${session.app.baseUrl}/s/${session.app.waves.find((w) => w.study === study)!.id}?${query}`;

/** The accessible state of the element that has focus. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement as HTMLElement;
    return { tag: a.tagName, type: a.getAttribute('type'), group: a.closest('[role="radiogroup"]')?.getAttribute('aria-labelledby') ?? null, text: a.textContent?.trim() ?? '' };
  });

for (const [lang, question, next, check] of [
  ['en', 'Do you agree to take part in this study?', 'Next', 'Please check 1 question on this page.'],
  ['es', '¿Acepta participar en este estudio?', 'Siguiente', 'Revise 1 pregunta de esta página.'],
] as const) {
  test(`consent (${lang}): a radio group named by its question, required; Next unanswered marks it invalid, describes it by its error and moves focus into it`, async () => {
    const context = await session.browser.newContext(PHONE);
    const page = await context.newPage();
    await recordLiveRegion(page);
    await page.goto(link('bus-line-funding', `PROLIFIC_PID=consent-group-${lang}&lang=${lang}`));
    const group = page.getByRole('radiogroup', { name: question });
    await group.waitFor();
    assert.equal(await group.getAttribute('aria-required'), 'true');
    // Its name and its heading's are the question's words alone: SurveyJS's space before the hidden asterisk (a
    // no-break space) ended both, "…study? " (pass 35).
    assert.deepEqual([await namesOfRole(page, 'radiogroup'), (await namesOfRole(page, 'heading')).filter((name) => name.includes(question.slice(1, -1)))], [[question], [question]]);
    assert.equal(await group.getByRole('radio').count(), 2);
    await page.getByRole('button', { name: next }).click();
    await page.waitForFunction(() => document.querySelector('[role="radiogroup"][aria-invalid="true"]'));
    // The error is tied to the group, read with it as focus arrives; focus is on its first radio, not left on the
    // Next button. The error box is no alert of its own, which would say it a second time.
    const errorId = (await group.getAttribute('aria-describedby')) ?? '';
    assert.ok(errorId, 'the group names its error');
    assert.equal(await page.locator(`[id="${errorId}"]`).getAttribute('role'), null);
    assert.match(await page.locator(`[id="${errorId}"]`).innerText(), /\S/);
    const where = await focused(page);
    assert.equal(where.type, 'radio', `focus after the error: ${where.tag} "${where.text}"`);
    assert.equal(where.group, await group.getAttribute('aria-labelledby'));
    // The page's live region says, in the page's language, how many questions to check.
    await waitUntilSaid(page, check);
    // Agreeing still starts the survey: the answer is the boolean the server expects.
    await group.locator('.sd-selectbase__label').first().click();
    await page.getByRole('button', { name: next }).click();
    await page.locator('.vlab-progress__text', { hasText: lang === 'en' ? 'Page 2 of 5' : 'Página 2 de 5' }).waitFor();
    await context.close();
  });
}

test('under forced colours (a Windows contrast theme) the focused radio and the Next button show an outline, buttons a border, and a checked radio its dot; with more contrast asked for, Next and the radios edged at 4.5:1', async () => {
  // Reduced motion: no colour transition to wait out before reading the checked radio's colours.
  const context = await session.browser.newContext({ ...PHONE, forcedColors: 'active', reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(link('bus-line-funding', 'PROLIFIC_PID=forced-colours'));
  await page.locator('[data-name="consent"] .sd-selectbase__label').first().waitFor();
  // Box shadows are dropped in forced colours; what is drawn must be an outline.
  const indicator = () =>
    page.evaluate(() => {
      const a = document.activeElement as HTMLElement;
      const shown = a.matches('.sd-item__control') ? a.parentElement!.querySelector('.sd-item__decorator')! : a;
      const style = getComputedStyle(shown);
      return { element: a.className, outline: `${style.outlineStyle} ${style.outlineWidth}` };
    });
  await page.keyboard.press('Tab');
  assert.match((await indicator()).element, /sd-item__control/);
  assert.match((await indicator()).outline, /^solid [3-9]px$/, 'the focused radio');
  await page.keyboard.press('Tab');
  assert.match((await indicator()).element, /sd-navigation__next-btn/);
  assert.match((await indicator()).outline, /^solid [3-9]px$/, 'the focused Next button');
  // Without its background the button needs a border to look like one.
  assert.match(await page.locator('.sd-navigation__next-btn').evaluate((b) => `${getComputedStyle(b).borderStyle} ${getComputedStyle(b).borderWidth}`), /^solid [2-9]px$/, 'the Next button has a border');
  // The checked option must look checked: its dot in a colour other than the circle it sits in.
  await page.locator('[data-name="consent"] .sd-selectbase__label').first().click();
  // SurveyJS marks the item checked on its next render: read the colours once it has (the CI of 7c95d3b read them
  // before, under load, and saw no dot).
  await page.locator('[data-name="consent"] .sd-item--checked .sd-item__decorator').waitFor();
  const [checked, unchecked] = await page.locator('[data-name="consent"] .sd-item__decorator').evaluateAll((ds) =>
    ds.map((d) => ({ circle: getComputedStyle(d).backgroundColor, dot: getComputedStyle(d, '::after').backgroundColor })),
  );
  assert.notEqual(checked!.dot.replace(/\s/g, ''), checked!.circle.replace(/\s/g, ''), `the checked radio's dot shows (${JSON.stringify(checked)})`);
  assert.match(checked!.dot, /^rgb\(/, 'an opaque dot');
  assert.match(unchecked!.dot, /^rgba\(.*, 0\)$/, 'no dot on the unchecked radio');
  // More contrast asked for (prefers-contrast: more), light and dark, on the same page: Next's edge and the radios'
  // outlines at 4.5:1 or more against what is behind them (pass 35: Next was a white box on the page's grey, 1.1:1).
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ forcedColors: 'none', contrast: 'more', colorScheme });
    await schemeSettled(page, colorScheme);
    const [next, radio] = await page.evaluate(() => {
      const button = document.querySelector('.sd-navigation__next-btn')!;
      const decorator = document.querySelector('[data-name="consent"] .sd-item:not(.sd-item--checked) .sd-item__decorator')!;
      const edge = getComputedStyle(button);
      return [[parseFloat(edge.borderTopWidth) >= 1 ? edge.borderTopColor : edge.backgroundColor, getComputedStyle(button.closest('.sd-root-modern')!).backgroundColor], [getComputedStyle(decorator).borderTopColor, getComputedStyle(decorator.closest('.sd-question')!).backgroundColor]];
    });
    assert.ok(contrast(next![0]!, next![1]!) >= 4.5 && contrast(radio![0]!, radio![1]!) >= 4.5, `${colorScheme}: Next's edge ${next}, a radio's ${radio}`);
  }
  // The end pages' message box is set off by its shadow, which forced colours drop: a border in the text's colour
  // stands in (page pass 36's leftover: the box lost its edge there). An unknown link's page shows the same box.
  await page.emulateMedia({ forcedColors: 'active', contrast: 'no-preference', colorScheme: 'light' });
  await page.goto(`${session.app.baseUrl}/s/NoSuchWave01`);
  assert.match(await page.locator('.vlab-message').first().evaluate((m) => `${getComputedStyle(m).borderTopStyle} ${getComputedStyle(m).borderTopWidth}`), /^solid [1-9]px$/, 'the message box has an edge');
  await context.close();
});

test('under forced colours the progress bar shows its fill: the pages done in another colour than the rest, light and dark themes', async () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    const context = await session.browser.newContext({ ...PHONE, forcedColors: 'active', colorScheme, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(link('bus-line-funding', `PROLIFIC_PID=forced-progress-${colorScheme}`));
    await page.locator('[data-name="consent"] .sd-selectbase__label').first().click();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.locator('.vlab-progress__text', { hasText: 'Page 2 of 5' }).waitFor();
    // The fill is a pseudo-element whose colours getComputedStyle does not report: read the drawn pixels, on the
    // bar's middle row, a tenth of the way in (done: 1 page of 5) and seven tenths (not done). The screenshot is
    // decoded in a blank page, where no CSP stands in the way of a data: image.
    const png = (await page.locator('.vlab-progress__bar').screenshot()).toString('base64');
    const blank = await context.newPage();
    const [done, rest] = await blank.evaluate(async (data) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      [canvas.width, canvas.height] = [image.width, image.height];
      const drawn = canvas.getContext('2d')!;
      drawn.drawImage(image, 0, 0);
      // (No named function in here: the test runner's transform would wrap it in a helper the page lacks.)
      return [0.1, 0.7].map((x) => [...drawn.getImageData(Math.round(image.width * x), Math.floor(image.height / 2), 1, 1).data].slice(0, 3).join(','));
    }, png);
    assert.notEqual(done, rest, `${colorScheme}: the pages done (${done}) look like the pages to come (${rest})`);
    await context.close();
  }
});

test('the autosave notice is a live region in the accessibility tree before a save fails, so its message is announced', async () => {
  const page = await session.browser.newPage();
  await page.route('**/api/participants/*/answers', (route) =>
    route.fulfill({ status: 422, contentType: 'application/json', body: JSON.stringify({ error: { code: 'invalid_input', message: 'refused' } }) }),
  );
  await page.goto(link('protege-bargaining', 'PROLIFIC_PID=notice-live'));
  const notice = page.locator('.vlab-notice');
  await page.locator('[data-name="consent"] .sd-selectbase__label').first().waitFor();
  // A region that is display: none when its text arrives is not announced by screen readers.
  assert.equal(await notice.getAttribute('role'), 'status');
  assert.notEqual(await notice.evaluate((n) => getComputedStyle(n).display), 'none', 'the empty notice is rendered');
  assert.equal(await notice.evaluate((n) => n.getBoundingClientRect().height), 0, 'and takes no room while empty');
  await page.locator('.sd-selectbase__label').first().click();
  await page.waitForFunction(() => document.querySelector('.vlab-notice')?.textContent?.startsWith('Your latest change could not be saved'));
  await page.close();
});

test('the completion speaks through one status region present from page load: saving, retrying, the outcome, each once', async () => {
  const page = await session.browser.newPage();
  // Without its script the page is the bare shell: the region must already be there, empty and rendered (a
  // region added or shown together with its text is not announced).
  await page.route('**/assets/*.js', (route) => route.abort());
  await page.goto(link('bus-line-funding', 'PROLIFIC_PID=status-shell'));
  const region = page.locator('#vlab-status');
  assert.equal(await page.locator('#vlab-status-box').evaluate((b) => b.getBoundingClientRect().height), 0, 'the empty region takes no room');
  assert.equal(await region.getAttribute('role'), 'status');
  assert.equal(await region.textContent(), '');
  assert.notEqual(await region.evaluate((r) => getComputedStyle(r).display), 'none');
  await page.unrouteAll();

  // A completion lost on the way, one answered 503 (busy), then the server takes it: the page retries, saying each once.
  let failures = 0;
  await page.route('**/api/participants/*/complete', (route) =>
    ++failures === 1 ? route.abort('failed') : failures === 2 ? route.fulfill({ status: 503, contentType: 'application/json', body: '{}' }) : route.continue(),
  );
  await page.goto(link('bus-line-funding', 'PROLIFIC_PID=status-complete'));
  await page.locator('[data-name="consent"] .sd-selectbase__label').nth(1).waitFor();
  await page.evaluate(() => {
    const region = document.getElementById('vlab-status')!;
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    new MutationObserver(() => void (region.textContent && said.push(region.textContent))).observe(region, { childList: true, characterData: true, subtree: true });
  });
  await page.locator('[data-name="consent"] .sd-selectbase__label').nth(1).click();
  await page.getByRole('button', { name: 'Leave the study' }).click();
  await page.getByRole('heading', { level: 1, name: 'Thank you for your time' }).waitFor();
  assert.equal(failures, 3);
  // The headings are read as focus reaches them; the region says the sentence under each, once.
  assert.deepEqual(await page.evaluate(() => (window as unknown as { said: string[] }).said), [
    'Please keep this page open.',
    'We could not reach the server yet and are trying again. Please keep this page open.',
    'The survey is very busy right now and we are trying again. Please keep this page open.',
    'You chose not to take part, so the survey has ended. You may now close this page.',
  ]);
  // The sentence shown is the region itself: no second live region and no hidden copy to read twice.
  assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('[role="status"], [role="alert"], [aria-live]')].map((e) => e.id)), ['vlab-status']);
  assert.equal(await page.getByText('You chose not to take part').count(), 1);
  assert.ok(await region.isVisible(), 'the sentence is shown under its heading');
  assert.deepEqual(await focused(page).then((f) => [f.tag, f.text]), ['H1', 'Thank you for your time']);
  await page.close();
});

async function emptyHeaders(page: Page): Promise<string[]> {
  const violations = await axeViolations(page, { type: 'rule', values: ['empty-table-header'] });
  return violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')));
}

test('the dashboard by keyboard: focus on the first heading after sign-in, on the wave heading after Open and Refresh; a visible ring on the dark header; no empty column header', async () => {
  const created = spawnSync(process.execPath, ['bin/vlab.js', 'token', 'create', '--name', 'keyboard', '--db', join(session.dir, 'vlab.sqlite')], { encoding: 'utf8' });
  assert.equal(created.status, 0, created.stderr);
  const context = await session.browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(`${session.app.baseUrl}/dashboard`);
  await page.locator('#dash-token').waitFor();
  // The tab title says what the tab shows (WCAG 2.4.2): the sign-in form, then the wave open, so two tabs on two
  // waves, or a screen reader's list of windows, tell them apart (it was "vignette-lab dashboard" throughout).
  assert.equal(await page.title(), 'Researcher token – vignette-lab dashboard');
  await page.locator('#dash-token').fill(created.stdout.trim());
  await page.keyboard.press('Enter');
  await page.locator('#dash-wave h2').waitFor(DASHBOARD_WAIT);
  // The form (and the focused button) hide when the token is accepted: focus must not fall back to the body.
  assert.deepEqual(await focused(page).then((f) => [f.tag, f.text]), ['H2', 'Waves']);
  // The page put focus there, as the respondent page does with its headings (focusHeading): no ring, the same
  // treatment on both pages (the keyboard never tabs to a heading).
  assert.equal(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle), 'none', 'a heading focused by the page shows no ring');
  // "Waves" said once, by the heading, which names the table under it: no caption and no scroll region repeating
  // it (before: heading, region and table each named "Waves" by its own text).
  assert.deepEqual(await rolesNamed(page, 'Waves'), ['heading', 'table']);
  assert.equal(await page.locator('#dash-waves').getByText('Waves', { exact: true }).count(), 1, 'the word shows once');
  assert.equal(await page.locator('#dash-waves table').getAttribute('aria-labelledby'), await page.locator('#dash-waves h2').getAttribute('id'));

  const other = session.app.waves.find((w) => !page.url().includes(w.id))!.id;
  await page.getByRole('button', { name: `Open wave ${other}` }).click();
  await page.waitForFunction((id) => document.activeElement?.matches('#dash-wave h2') && document.activeElement.textContent?.includes(id), other);
  const study = await page.locator('#dash-wave-table tr', { hasText: other }).locator('td').first().innerText();
  assert.equal(await page.title(), `${study.replace(/ \(.*\)$/, '')}: wave ${other} – vignette-lab dashboard`);
  await page.getByRole('button', { name: 'Refresh' }).click();
  // Refresh rebuilds the details, button included: focus goes to their new heading.
  await page.waitForFunction(() => document.activeElement?.matches('#dash-wave h2'));
  assert.deepEqual(await emptyHeaders(page), []);
  // The header's button, focused by keyboard: its ring stands out from the dark header by 3:1 at least.
  await page.getByRole('button', { name: 'Forget token' }).focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => [getComputedStyle(document.activeElement!).outlineColor, getComputedStyle(document.querySelector('.dash-header')!).backgroundColor]);
  assert.ok(contrast(ring[0]!, ring[1]!) >= 3, `focus ring ${ring[0]} on the header's ${ring[1]}: ${contrast(ring[0]!, ring[1]!).toFixed(2)}:1`);
  await page.getByRole('button', { name: 'Forget token' }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'dash-token');
  assert.equal(await page.title(), 'Researcher token – vignette-lab dashboard');

  // A token the server refuses mid-session (revoked by `vlab token revoke`, here every researcher request answered
  // 401) as Open is pressed: the waves, the pressed button with them, give way to the sign-in form, and focus fell
  // to the body (accessibility pass 19): a keyboard user started again from the top. It goes to the token field,
  // and the refusal is said by the status region.
  // The sign-in's first wave is still loading when the token is refused (its estimates held back until after the
  // refusal): its late answer reopened the wave under the form and the sign-in moved focus to its heading — 1 run in
  // 8 of this test failed so before the answers of an ended session were dropped.
  let releaseEstimates!: () => void;
  const held = new Promise<void>((resolve) => (releaseEstimates = resolve));
  await page.route('**/estimates', async (route) => {
    await held;
    await route.continue();
  });
  await page.locator('#dash-token').fill(created.stdout.trim());
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: `Open wave ${other}` }).waitFor(DASHBOARD_WAIT);
  const lateAnswer = page.waitForResponse((response) => response.url().endsWith('/estimates') && response.status() === 200);
  await page.route('**/api/researcher/**', (route) => route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unauthorized', message: 'token not accepted' } }) }));
  await page.getByRole('button', { name: `Open wave ${other}` }).focus();
  await page.keyboard.press('Enter');
  await page.locator('#dash-token-form').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'dash-token', 'focus on the token field');
  releaseEstimates();
  await lateAnswer;
  await page.waitForLoadState('networkidle');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'dash-token', 'focus stays on the token field after the late answer');
  assert.equal(await page.locator('#dash-wave').isHidden(), true, 'the ended session\'s wave stays hidden');
  await page.unroute('**/estimates');
  // The field is marked invalid and described by the refusal, so landing on it says "Token, invalid entry, The token
  // was not accepted…"; the status region, which said the same again, stays silent while the line shows it
  // (accessibility pass 20: the sentence was spoken twice, by the region and by nothing tying it to the field).
  const refused = 'The token was not accepted. Paste a valid token.';
  assert.deepEqual(await fieldReading(page, 'Token'), { description: refused, invalid: 'true' });
  assert.equal(await page.locator('#dash-status').innerText(), '', 'the status region says nothing: the field says it');
  assert.equal(await page.locator('#dash-status-line').innerText(), refused, 'shown all the same');
  assert.deepEqual(await axeViolations(page, { type: 'tag', values: WCAG_TAGS }).then((v) => v.map((x) => x.id)), []);
  // A new token typed is not known to be wrong: the mark and the description go.
  await page.locator('#dash-token').fill('a-wrong-token');
  assert.deepEqual(await fieldReading(page, 'Token'), { description: '', invalid: 'false' });
  // A wrong token at sign-in: focus stays where it was (the field, Enter pressed in it), so the status region is
  // what speaks the refusal, once; the field is marked and described for when the researcher comes back to it.
  await page.unroute('**/api/researcher/**');
  await page.keyboard.press('Enter');
  await page.waitForFunction((text) => document.getElementById('dash-status')?.textContent === text, refused);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'dash-token');
  assert.deepEqual(await fieldReading(page, 'Token'), { description: refused, invalid: 'true' });
  await context.close();
});

test('the dashboard’s minute-by-minute update can be turned off (WCAG 2.2.2), with a labelled checkbox', async () => {
  const created = spawnSync(process.execPath, ['bin/vlab.js', 'token', 'create', '--name', 'auto refresh', '--db', join(session.dir, 'vlab.sqlite')], { encoding: 'utf8' });
  assert.equal(created.status, 0, created.stderr);
  const page = await session.browser.newPage({ viewport: { width: 320, height: 640 } });
  // Playwright's fake clock: the minute passes when the test says so, not in real time.
  await page.clock.install();
  await page.goto(`${session.app.baseUrl}/dashboard`);
  await page.locator('#dash-token').fill(created.stdout.trim());
  await page.keyboard.press('Enter');
  await page.locator('#dash-wave h2').waitFor(DASHBOARD_WAIT);
  const isWaveLoad = (url: string) => /\/api\/researcher\/waves\/[^/]+$/.test(new URL(url).pathname);
  const waveLoads: string[] = [];
  page.on('request', (r) => {
    if (isWaveLoad(r.url())) waveLoads.push(r.url());
  });
  // Requests reach the test in the order the page sends them: once a marker sent after the timers has been
  // seen, any update those timers started has been seen too.
  const settled = async () => {
    const marker = page.waitForRequest((r) => r.url().endsWith('/dashboard?marker'));
    await page.evaluate(() => void fetch('/dashboard?marker'));
    await marker;
  };
  const auto = page.getByRole('checkbox', { name: 'Update the wave shown every minute' });
  assert.equal(await auto.isChecked(), true, 'on by default');
  const box = (await auto.boundingBox())!;
  assert.ok(box.width >= 24 && box.height >= 24, `the checkbox is at least 24 × 24 px (WCAG 2.5.8): ${box.width} × ${box.height}`);
  await page.clock.runFor(61_000);
  await settled();
  assert.equal(waveLoads.length, 1, 'a minute later the wave was loaded again');
  await auto.uncheck();
  await page.clock.runFor(180_000);
  await settled();
  assert.equal(waveLoads.length, 1, 'turned off, three minutes bring no update');
  await page.close();
});

test('the dashboard’s minute-by-minute update shows its time without announcing it; Refresh, asked for, is announced', async () => {
  const created = spawnSync(process.execPath, ['bin/vlab.js', 'token', 'create', '--name', 'quiet update', '--db', join(session.dir, 'vlab.sqlite')], { encoding: 'utf8' });
  assert.equal(created.status, 0, created.stderr);
  const page = await session.browser.newPage();
  await page.clock.install();
  await page.goto(`${session.app.baseUrl}/dashboard`);
  await page.locator('#dash-token').fill(created.stdout.trim());
  await page.keyboard.press('Enter');
  await page.locator('#dash-wave h2').waitFor(DASHBOARD_WAIT);
  // What screen readers would speak: every text that arrives inside a live region.
  await page.evaluate(() => {
    const spoken: string[] = [];
    (window as unknown as { spoken: string[] }).spoken = spoken;
    new MutationObserver((records) => {
      for (const r of records) {
        const node = r.target.nodeType === Node.ELEMENT_NODE ? (r.target as Element) : r.target.parentElement;
        const region = node?.closest('[role="status"], [role="alert"], [aria-live="polite"], [aria-live="assertive"]');
        if (region?.textContent) spoken.push(region.textContent);
      }
    }).observe(document.body, { childList: true, characterData: true, subtree: true });
  });
  const line = page.locator('.dash-status');
  const spoken = () => page.evaluate(() => (window as unknown as { spoken: string[] }).spoken);
  const before = await line.innerText();
  assert.match(before, /^Updated /);
  await page.clock.runFor(61_000);
  await page.waitForFunction((old) => document.querySelector('.dash-status')?.textContent !== old, before);
  assert.match(await line.innerText(), /^Updated /, 'the minute’s update still shows its time');
  assert.deepEqual(await spoken(), [], 'and says nothing');
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.waitForFunction(() => (window as unknown as { spoken: string[] }).spoken.length > 0);
  assert.match((await spoken())[0]!, /^Updated /, 'Refresh is announced');
  await page.close();
});

/**
 * Records what a screen reader would say from live regions (text arriving in one, or a region added with its text:
 * an alert is spoken as it appears) and from focus (the focused element's text), in order.
 */
async function listenAsScreenReader(page: Page): Promise<void> {
  await page.evaluate(() => {
    const heard: string[] = [];
    (window as unknown as { heard: string[] }).heard = heard;
    const live = '[role="status"], [role="alert"], [aria-live="polite"], [aria-live="assertive"]';
    new MutationObserver((records) => {
      for (const r of records) {
        const node = r.target.nodeType === Node.ELEMENT_NODE ? (r.target as Element) : r.target.parentElement;
        const region = node?.closest(live);
        if (region?.textContent) heard.push(`live: ${region.textContent}`);
        else for (const added of r.addedNodes) if (added instanceof Element) for (const inner of [added, ...added.querySelectorAll(live)]) if (inner.matches(live) && inner.textContent) heard.push(`live: ${inner.textContent}`);
      }
    }).observe(document.body, { childList: true, characterData: true, subtree: true });
    document.addEventListener('focusin', (e) => heard.push(`focus: ${(e.target as HTMLElement).textContent?.trim() ?? ''}`));
  });
}
const heard = (page: Page) => page.evaluate(() => (window as unknown as { heard: string[] }).heard.splice(0));

test('each thing said once: a new page’s title by its focused heading, not again by a live region; a page’s missing answers by the focused group, not by an alert per question', async () => {
  const context = await session.browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(link('protege-bargaining', 'PROLIFIC_PID=said-once'));
  await page.locator('[data-name="consent"] .sd-selectbase__label').first().click();
  await listenAsScreenReader(page);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.waitForFunction(() => (window as unknown as { heard: string[] }).heard.some((h) => h.startsWith('live: ')));
  const title = await page.locator('h2.sd-page__title').innerText();
  const onPageChange = await heard(page);
  assert.equal(onPageChange.filter((h) => h.includes(title)).length, 1, `the page title "${title}" is said once: ${JSON.stringify(onPageChange)}`);
  const position = await page.locator('.vlab-progress__text').innerText();
  assert.deepEqual(onPageChange.filter((h) => h.startsWith('live:')), [`live: ${position}`], 'the live region says the position only');

  // Next with every question unanswered.
  const questions = await page.locator('.sd-page .sd-question').count();
  assert.ok(questions >= 2, `a page of several questions (${questions})`);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('[role="radiogroup"][aria-invalid="true"]').length === n, questions);
  await page.waitForTimeout(300);
  const onErrors = await heard(page);
  const errorText = await page.locator('.sd-question__erbox').first().innerText();
  assert.deepEqual(onErrors.filter((h) => h.startsWith('live:') && h.includes(errorText)), [], `no alert per question: ${JSON.stringify(onErrors)}`);
  // Focus is in the first group, which names its error (read with it); the count of questions to check is said once.
  const where = await focused(page);
  assert.equal(where.type, 'radio');
  const describedBy = await page.evaluate(() => document.activeElement!.closest('[role="radiogroup"]')!.getAttribute('aria-describedby'));
  assert.equal(await page.locator(`[id="${describedBy}"]`).innerText(), errorText);
  assert.deepEqual(onErrors.filter((h) => h.startsWith('live:')), [`live: Please check ${questions} questions on this page.`]);
  // Nothing in the accessibility tree is described by its own name ("Next, button, Next": a title repeating the label).
  assert.deepEqual(await describedByItsName(page), []);
  await context.close();
});

/** Agrees on the consent page and answers page 2 of bus-line-funding, in `lang`, up to its Next to the quota step. */
async function upToQuotaStep(page: Page, pid: string, lang: 'en' | 'es'): Promise<void> {
  await page.goto(link('bus-line-funding', `PROLIFIC_PID=${pid}-${lang}&lang=${lang}`));
  await page.locator('[data-name="consent"] .sd-selectbase__label').first().click();
  await page.getByRole('button', { name: lang === 'en' ? 'Next' : 'Siguiente' }).click();
  await page.locator('.vlab-progress__text', { hasText: lang === 'en' ? 'Page 2 of 5' : 'Página 2 de 5' }).waitFor();
  await page.locator('.sd-page .sd-selectbase__label').first().click();
  await listenAsScreenReader(page);
}

for (const [lang, unreachable, overquota, waiting] of [
  ['en', /^We could not reach the server/, ['Thank you for your interest', /^We already have all the answers we need from people like you/], 'One moment, please: waiting for the server.'],
  ['es', /^No pudimos comunicarnos con el servidor/, ['Gracias por su interés', /^Ya tenemos todas las respuestas que necesitamos/], 'Un momento, por favor: esperando al servidor.'],
] as const) {
  test(`(${lang}) when the quota step cannot reach the server, the focused question says so once; no "questions to check" for an answered page`, async () => {
    const context = await session.browser.newContext(PHONE);
    const page = await context.newPage();
    // No answer at all (a 409 would mean another tab went further: autosave-browser.test.ts); tried 4 times, ~3.5 s.
    await page.route('**/api/participants/*/quota-check', (route) => route.abort('internetdisconnected'));
    await upToQuotaStep(page, 'quota-unreachable', lang);
    await page.locator('.sd-navigation__next-btn').click();
    await page.waitForFunction(() => document.querySelector('[role="radiogroup"][aria-invalid="true"]'));
    await page.waitForTimeout(300);
    const group = page.locator('[role="radiogroup"][aria-invalid="true"]');
    const error = await page.locator(`[id="${await group.getAttribute('aria-describedby')}"]`).innerText();
    assert.match(error, unreachable);
    assert.equal((await focused(page)).type, 'radio', 'focus is in the question that says it');
    // The answers are complete: nothing to check. The retries take over a second, so the wait is said, once (pass 34).
    assert.deepEqual((await heard(page)).filter((h) => h.startsWith('live:')), [`live: ${waiting}`], 'the answers are complete: nothing to check');
    // Next shows the wait while it lasts (pass 35), then is itself again.
    assert.deepEqual([await page.locator('.sd-navigation__next-btn').inputValue(), await page.locator('.sd-navigation__next-btn').getAttribute('aria-disabled')], [lang === 'en' ? 'Next' : 'Siguiente', null]);
    await context.close();
  });

  // The quota step's over-quota answer (a full level; a lapsed lease finds the same: quota-lease-browser.test.ts)
  // ends the survey: the heading takes focus and is read, the status region says the sentence once, the tab title
  // and the page's language follow. bus-line-funding has no quotas, so the server's answer is given here.
  test(`(${lang}) the quota step's over-quota end: focus on its heading, its sentence said once by the status region, the tab title in the page's language`, async () => {
    const context = await session.browser.newContext(PHONE);
    const page = await context.newPage();
    const full = { admitted: false, outcome: { status: 'overquota', redirectUrl: null }, leaseSecondsLeft: null };
    await page.route('**/api/participants/*/quota-check', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(full) }));
    await upToQuotaStep(page, 'quota-full', lang);
    const studyTitle = await page.locator('.vlab-title').innerText();
    await page.locator('.sd-navigation__next-btn').click();
    await page.getByRole('heading', { level: 1, name: overquota[0] }).waitFor();
    await page.waitForTimeout(300);
    assert.deepEqual(await focused(page).then((f) => [f.tag, f.text]), ['H1', overquota[0]]);
    const said = (await heard(page)).filter((h) => h.startsWith('live:'));
    assert.equal(said.length, 1, `said once: ${JSON.stringify(said)}`);
    assert.match(said[0]!.slice('live: '.length), overquota[1]);
    assert.equal(await page.title(), `${overquota[0]} – ${studyTitle}`);
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
    await context.close();
  });
}

// Tabbing scrolls a control just into view, its border at the screen's edge: at 320 × 568 the focus ring (5 px of
// box-shadow) under the last radio of "About you" and under the Next button was cut by the screen's bottom edge
// (WCAG 2.4.11; the dashboard's buttons had the same at 390 × 844). The ring is drawn by the radio's decorator (the
// input is hidden), a rating item's or a switch's label, or the control itself.
test('at 320 × 568 each control tabbed to on every page shows its whole focus ring on the screen', async () => {
  const context = await session.browser.newContext({ viewport: { width: 320, height: 568 } });
  const page = await context.newPage();
  await page.goto(link('protege-bargaining', 'PROLIFIC_PID=focus-ring-320'));
  const cut: string[] = [];
  await walkSurvey(page, async (step) => {
    if (step.end) return;
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, 0);
    });
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(() => {
        const e = document.activeElement as HTMLElement | null;
        if (!e || e === document.body) return null;
        const decorator = e.matches('input') && e.nextElementSibling?.matches('.sd-item__decorator') ? (e.nextElementSibling as HTMLElement) : null;
        const drawn = (e.closest('.sd-rating__item, .sd-boolean, .sd-dropdown') as HTMLElement | null) ?? decorator ?? e;
        const box = drawn.getBoundingClientRect();
        const style = getComputedStyle(drawn);
        const ring = Math.max(5, parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset));
        return { name: `${e.getAttribute('aria-label') ?? e.textContent?.trim().slice(0, 30) ?? e.tagName} (${drawn.className.split(' ')[0]})`, top: box.top - ring, bottom: box.bottom + ring, fits: box.height + 2 * ring <= innerHeight, height: innerHeight };
      });
      if (!f) break;
      if (f.fits && (f.top < -0.5 || f.bottom > f.height + 0.5)) cut.push(`${step.title}: ${f.name} ${f.top}–${f.bottom} of ${f.height}`);
    }
  });
  assert.deepEqual(cut, []);
  await context.close();
});

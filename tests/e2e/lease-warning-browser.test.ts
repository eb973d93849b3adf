// WCAG 2.2.1 (Timing Adjustable): a respondent's quota slot is a lease (VLAB_QUOTA_LEASE_SECONDS from their last
// save); before it lapses the page asks "Are you still there?" in an alertdialog, and "Keep my place" renews the
// lease with a save. Nothing renews it unless the respondent acts. The lease here is 8 s: under 4 minutes, so the
// warning comes halfway, 4 s after the last save.
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { answerAlliancePretreatment } from './alliance-pretreatment.ts';
import { seriousViolations } from './axe-wcag.ts';
import { useBrowserSession } from './browser-session.ts';
import { darkContrastProblems } from './dark-contrast.ts';
import { ARABIC_QUOTA_STUDY, writeArabicQuotaStudy } from './arabic-quota-study.ts';
import { serveWaves } from './serve-process.ts';
import { setDefaultFontSize } from './text-size.ts';

const LEASE_SECONDS = 8;
// The shipped studies and an Arabic one with a quota (arabic-quota-study.ts): the warning right to left too.
const session = useBrowserSession('lease-warning', (dbPath) => {
  const definitions = join(dbPath, '..', 'definitions');
  writeArabicQuotaStudy(definitions);
  return serveWaves(dbPath, ['alliance-corrective-measures', ARABIC_QUOTA_STUDY], { VLAB_DEFINITIONS: definitions, VLAB_QUOTA_LEASE_SECONDS: String(LEASE_SECONDS) });
});
const waveOf = (study: string) => session.app.waves.find((w) => w.study === study)!.id;

/** When the participant's lease ends (its last renewal + the lease), read beside the running server. */
function leaseEndsAt(panelId: string): string {
  const db = new Database(join(session.dir, 'vlab.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT MAX(s.lease_ends_at) FROM quota_slots s JOIN participants p ON p.id = s.participant_id WHERE p.panel_id = ?').pluck().get(panelId) as string;
  } finally {
    db.close();
  }
}

async function toVignette(page: Page, pid: string): Promise<void> {
  await page.goto(`${session.app.baseUrl}/s/${waveOf('alliance-corrective-measures')}?PROLIFIC_PID=${pid}`);
  const aboutYou = { age_group: '45 to 64', gender: 'Male', education: 'Less than a four-year college degree', region: 'West', party: 'Independent' };
  await answerAlliancePretreatment(page, aboutYou);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('.vlab-vignette').waitFor();
}

/**
 * Watches the page's saves (PUTs) from now on; `quiet()` returns once none is in flight and none was sent for
 * longer than the autosave's 800 ms delay. A save of the last pre-treatment answer, sent before the vignette showed,
 * landed 49 ms after the test read the lease's time (CI, 2026-12-06): it renewed the lease, as it should.
 */
function watchSaves(page: Page) {
  let inFlight = 0;
  let last = Date.now();
  const count = (change: number) => (r: { method(): string }) => {
    if (r.method() !== 'PUT') return;
    inFlight += change;
    last = Date.now();
  };
  page.on('request', count(1));
  const done = count(-1);
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return {
    async quiet(): Promise<void> {
      while (inFlight > 0 || Date.now() - last < 1000) await sleep(50);
    },
  };
}

test('"Are you still there?" comes before the lease lapses; "Keep my place" (keyboard) renews it by a save and gives focus back', async () => {
  const page = await session.browser.newPage({ viewport: { width: 390, height: 844 } });
  const saves = watchSaves(page);
  await toVignette(page, 'lease-warning-1');
  await saves.quiet();
  const puts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'PUT') puts.push(r.postData() ?? '');
  });
  const endsAt = leaseEndsAt('lease-warning-1');
  const next = page.getByRole('button', { name: 'Next' });
  await next.focus();

  const dialog = page.getByRole('alertdialog', { name: 'Are you still there?' });
  assert.equal(await dialog.count(), 0, 'no warning at once');
  await dialog.waitFor({ timeout: LEASE_SECONDS * 1000 });
  const shownAfter = LEASE_SECONDS - (Date.parse(endsAt) - Date.now()) / 1000;
  assert.ok(shownAfter >= LEASE_SECONDS / 2 - 1 && shownAfter < LEASE_SECONDS, `shown ${shownAfter} s after the quota step`);
  await sleep(500);
  assert.deepEqual(puts, [], 'nothing renews the lease while the respondent does not act');
  assert.equal(leaseEndsAt('lease-warning-1'), endsAt);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Keep my place', 'focus moves into the dialog');
  assert.match(await dialog.innerText(), /your answers so far are saved\. .*your place in this survey goes to someone else within a minute/i);
  assert.deepEqual(await seriousViolations(page), []);
  assert.deepEqual(await darkContrastProblems(page, 'the lease warning', [390]), []);
  // For a person to look at: the dialog at phone width, light and dark.
  mkdirSync('screenshots', { recursive: true });
  await page.screenshot({ path: join('screenshots', 'lease-warning-390-light.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: join('screenshots', 'lease-warning-390-dark.png') });
  await page.emulateMedia({ colorScheme: 'light' });

  const saved = page.waitForResponse((r) => r.request().method() === 'PUT');
  await page.keyboard.press('Enter');
  const body = (await (await saved).json()) as { saved: boolean; leaseSecondsLeft: number };
  assert.deepEqual(body.saved && body.leaseSecondsLeft, LEASE_SECONDS, 'renewed: the whole lease again');
  assert.ok(leaseEndsAt('lease-warning-1') > endsAt);
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value), 'Next', 'focus is back where it was: Next (an input)');
  await page.close();
});

/** The words of the warning's heading, sentence and button broken over two lines (such a word has two boxes). */
function wordsSplitInDialog(page: Page): Promise<string[]> {
  return page.locator('dialog.vlab-lease-warning').evaluate((dialog) => {
    const split: string[] = [];
    for (const element of dialog.querySelectorAll('h2, p, button')) {
      const text = element.firstChild as Text;
      for (const match of text.data.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(text, match.index);
        range.setEnd(text, match.index + match[0].length);
        if (range.getClientRects().length > 1) split.push(match[0]);
      }
    }
    return split;
  });
}

test('on a 320 × 568 phone with the reader’s text size doubled, the warning keeps its words whole and its button inside it', async () => {
  // Before: the dialog kept 2rem outside and 1.5rem inside at any text size, so at 32 px its text had 156 of the
  // screen's 320 px: "there?" broke into "there" and "?", and "Keep my place" stuck out past the padding.
  const page = await session.browser.newPage({ viewport: { width: 320, height: 568 }, hasTouch: true, isMobile: true });
  await toVignette(page, 'lease-warning-narrow');
  await page.getByRole('alertdialog', { name: 'Are you still there?' }).waitFor({ timeout: LEASE_SECONDS * 1000 });
  await setDefaultFontSize(page, 32);
  const fit = await page.locator('dialog.vlab-lease-warning').evaluate((dialog) => {
    const inner = dialog.getBoundingClientRect().right - parseFloat(getComputedStyle(dialog).borderRightWidth) - parseFloat(getComputedStyle(dialog).paddingRight);
    return { sideways: dialog.scrollWidth - dialog.clientWidth, buttonPastPadding: dialog.querySelector('button')!.getBoundingClientRect().right - inner };
  });
  assert.deepEqual(await wordsSplitInDialog(page), [], 'words broken over two lines');
  assert.ok(fit.sideways <= 0, `the dialog scrolls sideways by ${fit.sideways} px`);
  assert.ok(fit.buttonPastPadding <= 0.5, `the button sticks out ${fit.buttonPastPadding} px past the padding`);
  await page.close();
});

/** Where the heading and the focused button are against the part of the dialog in sight (the dialog's box cut by the screen's). */
function headingAndButtonInSight(page: Page) {
  return page.locator('dialog.vlab-lease-warning').evaluate((dialog) => {
    const box = dialog.getBoundingClientRect();
    const top = Math.max(box.top, 0);
    const bottom = Math.min(box.bottom, window.innerHeight);
    // Inline, not a named helper: tsx wraps a named function in __name(), which the page does not have.
    const [headingHidden, buttonHidden] = [dialog.querySelector('h2')!, dialog.querySelector('button')!]
      .map((e) => e.getBoundingClientRect())
      .map((r) => Math.round(Math.max(top - r.top, r.bottom - bottom, 0)));
    return { focused: document.activeElement?.textContent, headingHidden, buttonHidden, sideways: dialog.scrollWidth - dialog.clientWidth };
  });
}

for (const [width, height] of [[568, 320], [640, 360]] as const) {
  test(`on a ${width} × ${height} phone held sideways with 32 px text, the warning's heading stays in sight beside the focused "Keep my place"`, async () => {
    // Before: at 32 px the dialog (two lines of heading, ten of text, the button) was three times the screen's height and
    // scrolled inside itself; showModal() focused the button at its end, which scrolled the heading out of sight: a
    // magnifier or sighted keyboard user saw a lone button and not what it answers (WCAG 2.4.11 Focus Not Obscured, 1.3.2).
    const page = await session.browser.newPage({ viewport: { width, height }, hasTouch: true, isMobile: true });
    const pid = `lease-warning-${width}x${height}`;
    await toVignette(page, pid);
    await setDefaultFontSize(page, 32);
    const dialog = page.getByRole('alertdialog', { name: 'Are you still there?' });
    await dialog.waitFor({ timeout: LEASE_SECONDS * 1000 });
    const seen = await headingAndButtonInSight(page);
    mkdirSync('screenshots', { recursive: true });
    await page.screenshot({ path: join('screenshots', `lease-warning-${width}x${height}-32px.png`) });
    assert.equal(seen.focused, 'Keep my place');
    assert.equal(seen.headingHidden, 0, `the heading is ${seen.headingHidden} px out of sight`);
    assert.equal(seen.buttonHidden, 0, `the focused button is ${seen.buttonHidden} px out of sight`);
    assert.ok(seen.sideways <= 0, `the dialog scrolls sideways by ${seen.sideways} px`);
    // The text between them can be read by scrolling the dialog: with the arrow keys from the button, as a keyboard user does.
    const scrolled = await page.locator('dialog.vlab-lease-warning').evaluate((d) => d.scrollHeight > d.clientHeight);
    if (scrolled) {
      const pageScrolled = await page.evaluate(() => window.scrollY);
      for (let press = 0; press < 20; press++) await page.keyboard.press('ArrowDown');
      // Keyboard scrolling is animated: wait for it to reach the end.
      await page.waitForFunction(() => {
        const d = document.querySelector('dialog.vlab-lease-warning')!;
        return Math.ceil(d.scrollTop + d.clientHeight) >= d.scrollHeight;
      }, undefined, { timeout: 3000 });
      const after = await headingAndButtonInSight(page);
      assert.deepEqual([after.headingHidden, after.buttonHidden], [0, 0], 'the heading and the button stay in sight while the text scrolls');
      await page.screenshot({ path: join('screenshots', `lease-warning-${width}x${height}-32px-scrolled.png`) });
      assert.equal(await page.evaluate(() => window.scrollY), pageScrolled, 'scrolling past the text’s end leaves the page behind the dialog where it was');
    }
    assert.deepEqual(await seriousViolations(page), []);
    await page.close();
  });
}

/** Answers the Arabic study's pages with their first options until its vignette shows (past the quota step). */
async function toArabicVignette(page: Page, pid: string): Promise<void> {
  await page.goto(`${session.app.baseUrl}/s/${waveOf(ARABIC_QUOTA_STUDY)}?PROLIFIC_PID=${pid}&lang=ar`);
  await page.locator('.sd-page__title').waitFor();
  while (!(await page.locator('.vlab-vignette').isVisible())) {
    const position = await page.locator('.vlab-progress__text').innerText();
    for (const question of await page.locator('.sd-page .sd-question:not(.sd-question--html)').all()) await question.locator('.sd-selectbase__label').first().click();
    await page.locator('.sd-navigation__next-btn:visible').first().click();
    await page.waitForFunction((before) => document.querySelector('.vlab-progress__text')?.textContent !== before, position);
  }
}

for (const [width, height, px] of [[320, 568, 32], [390, 844, 16]] as const) {
  test(`right to left (Arabic, a quota'd study) at ${width} px with ${px} px text: the warning in Arabic, its words and button from the right edge, focus on "Keep my place", Enter renews`, async () => {
    // Page pass 41 looked at it by hand alone: no study was both right to left and quota'd, so no test opened it.
    const page = await session.browser.newPage({ viewport: { width, height }, hasTouch: true, isMobile: true });
    const pid = `lease-warning-ar-${width}`;
    await toArabicVignette(page, pid);
    await setDefaultFontSize(page, px);
    const dialog = page.getByRole('alertdialog', { name: 'هل ما زلت هنا؟' });
    await dialog.waitFor({ timeout: LEASE_SECONDS * 1000 });
    const seen = await page.locator('dialog.vlab-lease-warning').evaluate((d) => {
      const box = d.getBoundingClientRect();
      const style = getComputedStyle(d);
      const innerRight = box.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight);
      const innerLeft = box.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
      // Where each text's first line starts: its first character's right edge (right to left) against the dialog's inside.
      const lineStarts = [...d.querySelectorAll('h2, p')].map((e) => {
        const range = document.createRange();
        range.setStart(e.firstChild!, 0);
        range.setEnd(e.firstChild!, 1);
        return Math.round(innerRight - range.getBoundingClientRect().right);
      });
      const button = d.querySelector('button')!.getBoundingClientRect();
      return {
        direction: style.direction,
        focused: document.activeElement?.textContent,
        lineStarts,
        button: `${Math.round(innerRight - button.right)} px from the right, ${Math.round(button.left - innerLeft)} from the left`,
        sideways: d.scrollWidth - d.clientWidth,
      };
    });
    mkdirSync('screenshots', { recursive: true });
    await page.screenshot({ path: join('screenshots', `lease-warning-ar-${width}-${px}px.png`) });
    assert.equal(seen.direction, 'rtl');
    assert.equal(seen.focused, 'احتفظ بمكاني');
    assert.match(await dialog.innerText(), /إجاباتك حتى الآن محفوظة/);
    assert.deepEqual(seen.lineStarts, [0, 0], 'the heading and the sentence start at the right edge');
    assert.match(seen.button, /^0 px from the right/, `the button at the start of its row: ${seen.button}`);
    assert.deepEqual(await wordsSplitInDialog(page), [], 'words broken over two lines');
    assert.ok(seen.sideways <= 0, `the dialog scrolls sideways by ${seen.sideways} px`);
    assert.deepEqual(await seriousViolations(page), []);
    const endsAt = leaseEndsAt(pid);
    const saved = page.waitForResponse((r) => r.request().method() === 'PUT');
    await page.keyboard.press('Enter');
    assert.equal(((await (await saved).json()) as { leaseSecondsLeft: number }).leaseSecondsLeft, LEASE_SECONDS, 'renewed: the whole lease again');
    assert.ok(leaseEndsAt(pid) > endsAt);
    await page.locator('dialog.vlab-lease-warning').waitFor({ state: 'detached' });
    await page.close();
  });
}

// While Next waits on the quota step (the server counts and takes the slot before the vignette is shown), the page is
// read-only: an answer clicked meanwhile would be saved after the server had already fixed the pre-treatment
// answers, and its 409 ended the survey with "went on in another tab". The quota step's answer is held back here
// (fetched from the server, then delivered 1.5 s later) to make the wait long enough to click in.
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page, Route } from 'playwright-core';
import { answerAlliancePretreatment, option } from './alliance-pretreatment.ts';
import { useBrowserSession } from './browser-session.ts';
import { liveTexts, recordLiveRegion, waitUntilSaid } from './live-region.ts';
import { setDefaultFontSize } from './text-size.ts';

const session = useBrowserSession('quota-wait');

const checked = (page: Page, question: string) => page.locator(`[data-name="${question}"] .sd-item--checked .sd-item__control-label`).allInnerTexts();

test('a slow quota step: answers cannot change and a second Next does nothing while it runs; the vignette follows', async () => {
  const page = await session.browser.newPage();
  // Held until the clicks below are done, not for a fixed time: on a busy machine (load 16, 2026-12-07) the clicks
  // took longer than the 1.5 s the step was once held, the second Next landed on the vignette page and went past it.
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/quota-check', async (route) => {
    const response = await route.fetch();
    await released;
    await route.fulfill({ response });
  });
  // The page's saves and its quota step, in the order sent, with their numbers (saveOrder; attacker pass 37b).
  const sent: { step: string; pageSession?: string; sequence?: number }[] = [];
  page.on('request', (r) => {
    const step = /\/(answers|quota-check)$/.exec(r.url())?.[1];
    if (step) sent.push({ step, ...JSON.parse(r.postData() ?? '{}').saveOrder });
  });
  await page.goto(`${session.app.baseUrl}/s/${session.app.waves[0]!.id}?PROLIFIC_PID=quota-wait-1`);
  await answerAlliancePretreatment(page, { age_group: '30 to 44', gender: 'Female', education: 'Less than a four-year college degree', region: 'South', party: 'Democrat' });
  const quotaStep = page.waitForRequest((r) => r.url().endsWith('/quota-check'));
  await page.getByRole('button', { name: 'Next' }).click();
  await quotaStep;

  // During the wait: a respondent's click on another answer, then on Next again (force: as a person clicks, enabled or not).
  await option(page, 'attention_check', 'Television').click({ force: true });
  assert.deepEqual(await checked(page, 'attention_check'), ['Radio'], 'the answer did not change');
  assert.equal(await page.locator('[data-name="attention_check"] input[type="radio"]:not(:disabled):not([readonly])').count(), 0, 'the answers are read-only');
  assert.equal(await page.locator('.vlab-survey-root[aria-busy="true"]').count(), 1, 'the survey says it is busy');
  await page.getByRole('button', { name: 'Next' }).click({ force: true });
  await sleep(300); // the click's events handled (or not) before the step's answer arrives
  release();

  await page.locator('.vlab-vignette').waitFor();
  await sleep(1500); // any save of the wait would have been answered by now
  assert.equal(await page.getByRole('heading', { name: 'This survey went on in another tab or window' }).count(), 0);
  assert.equal(await page.locator('.vlab-survey-root[aria-busy="true"]').count(), 0, 'no longer busy');
  const db = new Database(join(session.dir, 'vlab.sqlite'), { readonly: true });
  const row = db.prepare(`SELECT p.status, p.current_page AS page, a.answers_json AS answers FROM participants p JOIN answers a ON a.participant_id = p.id AND a.kind = 'partial' WHERE p.panel_id = ?`).get('quota-wait-1') as { status: string; page: number; answers: string };
  db.close();
  assert.deepEqual([row.status, row.page, JSON.parse(row.answers).attention_check], ['started', 3, 'radio'], 'on the vignette page, the answer as it was at Next');
  // The quota step is numbered among the page's saves: a save sent before it is older, one sent after it newer.
  const quota = sent.findIndex((s) => s.step === 'quota-check');
  assert.ok(quota > 0 && sent.every((s) => s.pageSession === sent[0]!.pageSession && typeof s.sequence === 'number'), JSON.stringify(sent));
  assert.deepEqual(sent.map((s) => s.sequence), [...sent.map((s) => s.sequence!)].sort((a, b) => a - b), `numbered in the order sent: ${JSON.stringify(sent)}`);
  await page.close();
});

test('a quota step slower than a second is said ("One moment, please…", once) and shown on Next', async () => {
  // Before (accessibility pass 34): Next pressed, the page said nothing and looked the same until the vignette came,
  // however long the quota step took (its retries of a busy server, a Retry-After), so a screen-reader user heard
  // silence after Next and could not tell a slow server from a press that did not take.
  // The narrowest phone with the reader's text doubled: the wait's longer label must still fit the button.
  const page = await session.browser.newPage({ viewport: { width: 320, height: 568 } });
  await recordLiveRegion(page);
  await page.route('**/quota-check', async (route) => {
    const response = await route.fetch();
    await sleep(2500);
    await route.fulfill({ response });
  });
  await page.goto(`${session.app.baseUrl}/s/${session.app.waves[0]!.id}?PROLIFIC_PID=quota-wait-said`);
  await page.locator('.vlab-progress__text').waitFor();
  await setDefaultFontSize(page, 32);
  await answerAlliancePretreatment(page, { age_group: '30 to 44', gender: 'Female', education: 'Less than a four-year college degree', region: 'South', party: 'Democrat' });
  const next = page.locator('.sd-navigation__next-btn');
  // Its box on the page (not the screen: focusing it may scroll).
  const place = () => next.evaluate((b) => [b.getBoundingClientRect().x, b.getBoundingClientRect().y + window.scrollY, b.getBoundingClientRect().width, b.getBoundingClientRect().height]);
  const before = await place();
  await next.focus();
  await page.keyboard.press('Enter');
  // Seen too (pass 35; before, the page looked unchanged and Next pressable): past the second, the button says the
  // wait and is unavailable (aria-disabled: focus stays on it), in its place and size, nothing above it moved.
  await page.waitForFunction(() => document.querySelector('.sd-navigation__next-btn')?.getAttribute('aria-disabled') === 'true');
  assert.deepEqual([await next.inputValue(), await place(), await next.evaluate((b) => b === document.activeElement)], ['One moment…', before, true]);
  // Its words inside it, and nothing wider than the screen (at 320 px and 32 px text the label pushed the button to 327 px).
  assert.deepEqual(await next.evaluate((b) => [b.scrollWidth <= b.clientWidth, document.documentElement.scrollWidth - document.documentElement.clientWidth]), [true, 0]);
  await page.locator('.vlab-vignette').waitFor();
  await waitUntilSaid(page, 'Page 4 of 7');
  const said = (await liveTexts(page)).filter(Boolean);
  assert.deepEqual(said.slice(-2), ['One moment, please: waiting for the server.', 'Page 4 of 7']);
  assert.deepEqual([await next.inputValue(), await next.getAttribute('aria-disabled')], ['Next', null], 'Next again on the new page');
  await page.close();
  // A quick quota step says only the new page: respondent-browser.test.ts's reload walk checks it (pass 36 moved
  // it there: a walk of its own here cost about 3 s).
});

// Page pass 38: a quota step whose connection hangs (a captive portal, a dead mobile cell) was tried four times, Next
// reading "One moment…" for about a minute (4 × 15 s and the pauses), before the page said the server could not be
// reached. A hung attempt ends the tries now, as a save's does (respondent-api.ts).
test('a quota step whose connection hangs says the server could not be reached after its first attempt (15 s); Next then goes on', async () => {
  const page = await session.browser.newPage();
  // Playwright's fake clock: the 15-s time limit passes when the test says so.
  await page.clock.install();
  const held: Route[] = [];
  let hang = true;
  await page.route('**/quota-check', (route) => (hang ? void held.push(route) : route.continue()));
  await page.goto(`${session.app.baseUrl}/s/${session.app.waves[0]!.id}?PROLIFIC_PID=quota-wait-hang`);
  await answerAlliancePretreatment(page, { age_group: '30 to 44', gender: 'Female', education: 'Less than a four-year college degree', region: 'South', party: 'Democrat' });
  const startedAt = await page.evaluate(() => Date.now());
  await page.getByRole('button', { name: 'Next' }).click();
  // The attempt in flight before the fake time runs: on a loaded machine (a full CI run beside it) the clock ran past
  // the 15 s before the request had left, and a try that never left is "not reached", which is tried again.
  for (let i = 0; i < 400 && held.length === 0; i++) await sleep(25);
  assert.equal(held.length, 1, 'the quota step reached the network');
  const unreachable = page.locator('[data-name="attention_check"] .sd-question__erbox').filter({ hasText: 'could not reach' });
  for (let s = 0; s < 90 && !(await unreachable.count()); s += 5) {
    await page.clock.runFor(5000);
    await sleep(20);
  }
  const saidAfterMs = (await page.evaluate(() => Date.now())) - startedAt;
  assert.equal((await unreachable.innerText()).trim(), 'We could not reach the server. Please check your connection and try again.');
  assert.ok(saidAfterMs <= 25_000, `said ${saidAfterMs} ms after Next`);
  assert.equal(held.length, 1, 'one attempt, not four');
  hang = false;
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('.vlab-vignette').waitFor();
  await Promise.all(held.map((route) => route.abort().catch(() => undefined)));
  await page.close();
});

import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { renderVignette } from '../../server/domain/vignette.ts';
import type { StudyDefinition } from '../../server/domain/study-definition.ts';
import { useBrowserSession } from './browser-session.ts';
import { liveTexts, recordLiveRegion, waitUntilSaid } from './live-region.ts';

const session = useBrowserSession('respondent');

/** Everything the page did that it should not: console errors, uncaught exceptions, requests to other hosts. */
function watch(page: Page, baseUrl: string) {
  const problems = { consoleErrors: [] as string[], pageErrors: [] as string[], foreignRequests: [] as string[] };
  const ours = new URL(baseUrl).host;
  page.on('console', (m) => {
    if (m.type() === 'error') problems.consoleErrors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => problems.pageErrors.push(e.message));
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.protocol !== 'data:' && url.host !== ours) problems.foreignRequests.push(r.url());
  });
  return problems;
}

/** One row (or value, with pluck) from the server's database, read beside the running server. */
function queryStored(sql: string, param: string, pluck = false): unknown {
  const db = new Database(join(session.dir, 'vlab.sqlite'), { readonly: true });
  try {
    const statement = db.prepare(sql);
    return (pluck ? statement.pluck() : statement).get(param);
  } finally {
    db.close();
  }
}

async function choose(page: Page, question: string, option: string) {
  await page.locator(`[data-name="${question}"]`).getByText(option, { exact: true }).click();
}

const next = (page: Page) => page.getByRole('button', { name: 'Next' }).click();

test('a respondent completes the alliance survey in the browser and the row is stored', async () => {
  const wave = session.app.waves.find((w) => w.study === 'alliance-corrective-measures');
  assert.ok(wave, 'serve prints the demo wave of the flagship study');
  const page = await session.browser.newPage();
  const problems = watch(page, session.app.baseUrl);

  await page.goto(`${session.app.baseUrl}/s/${wave.id}?PROLIFIC_PID=e2e-respondent-1&STUDY_ID=study-9&SESSION_ID=sess-3`);
  await choose(page, 'consent', 'Yes, I agree to take part');
  await next(page);

  await choose(page, 'age_group', '30 to 44');
  await choose(page, 'gender', 'Female');
  await choose(page, 'education', 'A four-year college degree or more');
  await choose(page, 'region', 'South');
  await choose(page, 'party', 'Independent');
  await next(page);

  await choose(page, 'attention_check', 'Radio');
  await next(page);

  const vignetteShown = (await page.locator('.vlab-vignette').innerText()).trim();
  assert.match(vignetteShown, /Country A is an? (democracy|autocracy)/);
  await next(page);

  // The outcome page offers the situation again, closed until asked for; opening it is recorded.
  const reread = page.getByText('Read the situation again');
  assert.equal(await page.locator('details.vlab-reread .vlab-vignette').isVisible(), false);
  await reread.click();
  assert.equal((await page.locator('details.vlab-reread .vlab-vignette').innerText()).trim(), vignetteShown);

  for (const q of ['do_nothing', 'public_criticism', 'economic_sanctions', 'reduce_military_aid', 'suspend_military_support']) {
    await choose(page, q, 'Somewhat support');
  }
  await next(page);
  await choose(page, 'alliance_favorability', 'Very favorable');
  await choose(page, 'contribution', 'Increase it a little');
  await next(page);
  await choose(page, 'manipulation_check_regime', 'In free and fair elections');
  // Back while the completion is on its way keeps "Saving your answers…" (back-button.ts): leaving would stop its
  // retries. The completion is held until Back has been handled.
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/participants/*/complete', async (route) => {
    await released;
    await route.continue();
  });
  await page.getByRole('button', { name: 'Complete' }).click();
  await page.getByRole('heading', { name: 'Saving your answers…' }).waitFor();
  const surveyUrl = page.url();
  await page.goBack();
  await sleep(500); // a Back that left would have begun to by now
  assert.equal(page.url(), surveyUrl);
  assert.equal(await page.getByRole('heading', { name: 'Saving your answers…' }).count(), 1);
  release();
  await page.getByText('Your answers have been recorded').waitFor();

  const row = queryStored(
    `SELECT p.*, a.answers_json, a.derived_json, s.definition_json FROM participants p
     JOIN answers a ON a.participant_id = p.id AND a.kind = 'final'
     JOIN waves w ON w.id = p.wave_id JOIN studies s ON s.id = w.study_id
     WHERE p.panel_source = 'prolific' AND p.panel_id = ?`,
    'e2e-respondent-1',
  ) as Record<string, string | number>;
  assert.ok(row, 'the completed participant is stored');
  assert.equal(row.status, 'complete');
  assert.ok(row.completed_at);
  assert.equal(row.assignment_probability, 1 / 48);
  assert.deepEqual(JSON.parse(row.panel_params_json as string), {
    PROLIFIC_PID: 'e2e-respondent-1',
    STUDY_ID: 'study-9',
    SESSION_ID: 'sess-3',
  });
  assert.deepEqual(JSON.parse(row.answers_json as string), {
    consent: true,
    age_group: '30-44',
    gender: 'female',
    education: 'college',
    region: 'south',
    party: 'independent',
    attention_check: 'radio',
    do_nothing: 4,
    public_criticism: 4,
    economic_sanctions: 4,
    reduce_military_aid: 4,
    suspend_military_support: 4,
    alliance_favorability: 5,
    contribution: 4,
    manipulation_check_regime: 'democracy',
    vignette_reopened: true,
  });
  assert.deepEqual(JSON.parse(row.derived_json as string), { attention_pass: 1, vignette_reopened: 1 });
  // What the respondent read is the vignette of the condition the server stored for them.
  const definition = JSON.parse(row.definition_json as string) as StudyDefinition;
  const expected = renderVignette(definition, JSON.parse(row.assignment_json as string) as Record<string, string>);
  assert.equal(vignetteShown.replace(/\s+/g, ' '), expected.join(' ').replace(/\s+/g, ' '));

  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.foreignRequests, []);
  // Once the survey has ended, Back leaves it at once: not page by page through the entries its pages added.
  await page.goBack();
  await page.waitForURL('about:blank');
  await page.close();
});

test('reloading mid-survey resumes on the same page with the same vignette', async () => {
  const wave = session.app.waves[0]!;
  const page = await session.browser.newPage({ viewport: { width: 375, height: 740 } });
  await recordLiveRegion(page);
  const problems = watch(page, session.app.baseUrl);
  await page.goto(`${session.app.baseUrl}/s/${wave.id}?PROLIFIC_PID=e2e-respondent-2`);
  await choose(page, 'consent', 'Yes, I agree to take part');
  await next(page);
  for (const [q, a] of [['age_group', '18 to 29'], ['gender', 'Male'], ['education', 'Less than a four-year college degree'], ['region', 'West'], ['party', 'Democrat']]) {
    await choose(page, q!, a!);
  }
  await next(page);
  await choose(page, 'attention_check', 'Television');
  await next(page);
  const before = await page.locator('.vlab-vignette').innerText();
  // A quick quota step says only the new page: "One moment, please…" is for a wait past a second
  // (quota-wait-browser.test.ts, which until pass 36 walked a quick one of its own for this).
  await waitUntilSaid(page, 'Page 4 of 7', { timeout: 5_000 });
  assert.deepEqual((await liveTexts(page)).filter((t) => t.startsWith('One moment')), [], 'a quick quota step is not announced');

  await page.reload();
  const afterReload = await page.locator('.vlab-vignette').innerText();
  assert.equal(afterReload, before);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling on a phone-sized screen (overflow ${overflow}px)`);
  // Resumed mid-survey, focus is on the page's heading and the live region says the position, as after Next: before,
  // focus stayed on the body and a screen reader started again from the study title.
  await page.waitForFunction(() => document.activeElement?.matches('h2.sd-page__title'), undefined, { timeout: 5_000 });
  await waitUntilSaid(page, 'Page 4 of 7', { timeout: 5_000 });
  // The outcome page's "Read the situation again" box is a group named by the vignette's title (it was unnamed).
  const vignetteTitle = await page.locator('h2.sd-page__title').innerText();
  await next(page);
  assert.equal(await page.getByRole('group', { name: vignetteTitle, exact: true }).locator('summary').innerText(), 'Read the situation again');
  // Back mid-survey left for the site before the survey, and the respondent lost their place (until page pass 38).
  // The page stays now, shown as after Next, and the notice says why; twice, as the pages before have their entries.
  const surveyUrl = page.url();
  for (let i = 0; i < 2; i++) {
    await page.goBack();
    await page.locator('.vlab-notice').filter({ hasText: 'does not go back' }).waitFor({ timeout: 5_000 });
    assert.equal(page.url(), surveyUrl);
    assert.equal(await page.locator('.vlab-progress__text').innerText(), 'Page 5 of 7');
    assert.equal(
      await page.locator('.vlab-notice').innerText(),
      'This survey does not go back to earlier pages. Your answers so far are saved; please carry on from this page.',
    );
    await page.waitForFunction(() => document.activeElement?.matches('h2.sd-page__title'), undefined, { timeout: 5_000 });
  }
  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.foreignRequests, []);
  await page.close();
});

test('declining consent: the button says "Leave the study", and the survey ends with a screen-out', async () => {
  const wave = session.app.waves[0]!;
  const page = await session.browser.newPage();
  const problems = watch(page, session.app.baseUrl);
  await page.goto(`${session.app.baseUrl}/s/${wave.id}?PROLIFIC_PID=e2e-respondent-3`);
  await choose(page, 'consent', 'No, I do not want to take part');
  assert.equal(await page.getByRole('button', { name: 'Complete' }).count(), 0);
  // Changing one's mind brings "Next" back.
  await choose(page, 'consent', 'Yes, I agree to take part');
  await page.getByRole('button', { name: 'Next' }).waitFor();
  await choose(page, 'consent', 'No, I do not want to take part');
  await page.getByRole('button', { name: 'Leave the study' }).click();
  await page.getByText('You chose not to take part').waitFor();
  assert.deepEqual(queryStored('SELECT status, screenout_reason FROM participants WHERE panel_id = ?', 'e2e-respondent-3'), {
    status: 'screened_out',
    screenout_reason: 'consent_declined',
  });
  assert.deepEqual(problems.consoleErrors, []);
  await page.close();
});

test('a completion whose answer is lost on the network is retried and stored once', async () => {
  const wave = session.app.waves[0]!;
  const page = await session.browser.newPage();
  let attempts = 0;
  await page.route('**/api/participants/*/complete', async (route) => {
    attempts += 1;
    if (attempts > 1) return route.continue();
    // The server stores the completion, but its answer never reaches the page.
    await route.fetch();
    await route.abort('connectionreset');
  });
  await page.goto(`${session.app.baseUrl}/s/${wave.id}?PROLIFIC_PID=e2e-respondent-4`);
  await choose(page, 'consent', 'No, I do not want to take part');
  await page.getByRole('button', { name: 'Leave the study' }).click();
  await page.getByText('You chose not to take part').waitFor();
  assert.equal(attempts, 2);
  const finals = queryStored(
    "SELECT COUNT(*) FROM answers a JOIN participants p ON p.id = a.participant_id WHERE p.panel_id = ? AND a.kind = 'final'",
    'e2e-respondent-4',
    true,
  );
  assert.equal(finals, 1);
  await page.close();
});

test('an unknown wave link says so with a 404 instead of showing a survey', async () => {
  const page = await session.browser.newPage();
  const problems = watch(page, session.app.baseUrl);
  const response = await page.goto(`${session.app.baseUrl}/s/NoSuchWave123?PROLIFIC_PID=e2e-respondent-5`);
  assert.equal(response?.status(), 404);
  await page.getByRole('heading', { level: 1, name: 'This survey link is not valid' }).waitFor();
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.foreignRequests, []);
  await page.close();
});

test('protégé study: a wave created by the CLI beside the running server redirects with the panel ID', async () => {
  // The redirect target is on our own host, so "no request to another host" still holds.
  const created = spawnSync(
    process.execPath,
    ['bin/vlab.js', 'wave', 'create', '--study', 'protege-bargaining', '--target', '50', '--db', join(session.dir, 'vlab.sqlite'), '--json',
      '--complete-url', `${session.app.baseUrl}/healthz?done={PROLIFIC_PID}`],
    { encoding: 'utf8' },
  );
  assert.equal(created.status, 0, created.stderr);
  const wave = JSON.parse(created.stdout) as { id: string; url: string };
  const page = await session.browser.newPage();
  const problems = watch(page, session.app.baseUrl);
  // The parameter's name typed in lower case (a link made by hand) is PROLIFIC_PID still: the redirect below carries
  // it (attacker pass 16; before, the page dropped it and the redirect ended `done=`).
  await page.goto(`${session.app.baseUrl}${wave.url}?prolific_pid=e2e-protege-1`);
  await choose(page, 'consent', 'Yes, I agree to take part');
  await next(page);
  for (const [q, a] of [['age_group', '65 or older'], ['gender', 'Male'], ['education', 'Less than a four-year college degree'], ['region', 'Northeast'], ['party', 'Republican']]) {
    await choose(page, q!, a!);
  }
  await next(page);
  await choose(page, 'attention_check', 'Radio');
  await next(page);
  assert.match(await page.locator('.vlab-vignette').innerText(), /Country B is an? (democracy|autocracy)/);
  await next(page);
  for (const q of ['support_concede', 'support_punish', 'support_let_leave']) await choose(page, q, 'Strongly oppose');
  await next(page);
  await choose(page, 'manipulation_check_rival', 'Yes');
  await page.getByRole('button', { name: 'Complete' }).click();
  await page.waitForURL(/\/healthz\?done=e2e-protege-1$/);

  assert.deepEqual(queryStored('SELECT status, wave_id FROM participants WHERE panel_id = ?', 'e2e-protege-1'), {
    status: 'complete',
    wave_id: wave.id,
  });
  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.foreignRequests, []);
  await page.close();
});

function vlabCli(...args: string[]): string {
  const run = spawnSync(process.execPath, ['bin/vlab.js', ...args, '--db', join(session.dir, 'vlab.sqlite')], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

test('a full quota level sends the respondent to the over-quota URL before the vignette; a paused wave says so', async () => {
  const overquota = JSON.parse(
    vlabCli('wave', 'create', '--study', 'alliance-corrective-measures', '--target', '4', '--json', '--overquota-url', `${session.app.baseUrl}/healthz?overquota={PROLIFIC_PID}`),
  ) as { id: string; url: string };
  // At a target of 4 the 65+ level holds one respondent (ceil(0.21 × 4 × 1.05)); someone takes it first.
  const post = (path: string, body: object) =>
    fetch(`${session.app.baseUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
  const filler = (await post(`/api/waves/${overquota.id}/participants`, { panel: { PROLIFIC_PID: 'e2e-filler' } })) as { participant: { code: string } };
  const answers = { consent: true, age_group: '65+', gender: 'male', education: 'college', region: 'west', party: 'democrat', attention_check: 'radio' };
  // leaseSecondsLeft: the default lease of 2 hours (VLAB_QUOTA_LEASE_SECONDS), taken now.
  assert.deepEqual(await post(`/api/participants/${filler.participant.code}/quota-check`, { answers }), { admitted: true, outcome: null, leaseSecondsLeft: 7200 });

  const page = await session.browser.newPage();
  const problems = watch(page, session.app.baseUrl);
  await page.goto(`${session.app.baseUrl}${overquota.url}?PROLIFIC_PID=e2e-overquota-1`);
  await choose(page, 'consent', 'Yes, I agree to take part');
  await next(page);
  for (const [q, a] of [['age_group', '65 or older'], ['gender', 'Female'], ['education', 'Less than a four-year college degree'], ['region', 'South'], ['party', 'Democrat']]) {
    await choose(page, q!, a!);
  }
  await next(page);
  await choose(page, 'attention_check', 'Radio');
  await next(page);
  await page.waitForURL(/\/healthz\?overquota=e2e-overquota-1$/);
  const stored = queryStored('SELECT status, current_page FROM participants WHERE panel_id = ?', 'e2e-overquota-1') as { status: string; current_page: number };
  assert.equal(stored.status, 'overquota');
  assert.ok(stored.current_page < 3, 'the vignette page was never reached');

  const paused = JSON.parse(vlabCli('wave', 'create', '--study', 'alliance-corrective-measures', '--target', '10', '--json')) as { id: string; url: string };
  vlabCli('wave', 'pause', paused.id);
  await page.goto(`${session.app.baseUrl}${paused.url}?PROLIFIC_PID=e2e-late-1`);
  await page.getByText('This survey is paused').waitFor();
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.foreignRequests, []);
  await page.close();
});

// Attacker pass 28: a link pasted into a panel's settings with a zero-width space after the wave id (from a document
// or a chat) turned every respondent away as "This survey link is not valid"; Chromium now follows the 302 to the
// survey, the panel ID kept.
test('a wave link with a zero-width space glued on opens the survey, the panel ID kept', async () => {
  const wave = session.app.waves[0]!;
  const page = await session.browser.newPage();
  const problems = watch(page, session.app.baseUrl);
  const response = await page.goto(`${session.app.baseUrl}/s/${wave.id}%E2%80%8B?PROLIFIC_PID=e2e-respondent-6`);
  assert.equal(response?.status(), 200);
  assert.equal(new URL(page.url()).pathname, `/s/${wave.id}`);
  assert.equal(new URL(page.url()).searchParams.get('PROLIFIC_PID'), 'e2e-respondent-6');
  await choose(page, 'consent', 'Yes, I agree to take part');
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.foreignRequests, []);
  await page.close();
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { useBrowserSession } from './browser-session.ts';
import { seriousViolations } from './axe-wcag.ts';
import { darkContrastProblems } from './dark-contrast.ts';
import { serve } from './serve-process.ts';
import { DASHBOARD_WAIT } from './dashboard-wait.ts';

// The dashboard names every study whose definition is broken (issue 14): a labelled region with one notice per
// study and its message, beside the waves of the studies that load.

let definitions = '';
const session = useBrowserSession('dashboard-broken', async (dbPath) => {
  definitions = join(dbPath, '..', 'definitions');
  cpSync('survey-definitions', definitions, { recursive: true });
  const file = join(definitions, 'protege-bargaining', 'study.json');
  const study = JSON.parse(readFileSync(file, 'utf8'));
  study.factors[1].levels[0].code = 'No Rival';
  writeFileSync(file, JSON.stringify(study, null, 2));
  return serve(dbPath, { VLAB_DEFINITIONS: definitions });
});

test('a broken study shows as a notice with its message, in a region named by its heading; axe finds nothing serious', async () => {
  const dbPath = join(session.dir, 'vlab.sqlite');
  const created = spawnSync(process.execPath, ['bin/vlab.js', 'token', 'create', '--name', 'broken test', '--db', dbPath], {
    encoding: 'utf8',
    env: { ...process.env, VLAB_DEFINITIONS: definitions },
  });
  assert.equal(created.status, 0, created.stderr);
  const context = await session.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(`${session.app.baseUrl}/dashboard`);
  await page.locator('#dash-token').fill(created.stdout.trim());
  await page.getByRole('button', { name: 'Open the dashboard' }).click();

  const region = page.getByRole('region', { name: 'A study needs fixing' });
  await region.waitFor(DASHBOARD_WAIT);
  const notices = region.getByRole('listitem');
  assert.equal(await notices.count(), 1);
  const notice = await notices.first().innerText();
  assert.match(notice, /^Broken study “protege-bargaining”: it takes no new wave, and its paused waves cannot reopen, until its definition is fixed\./);
  assert.match(notice, /protege-bargaining\/study\.json:\d+:\d+: factors\[1\]\.levels\[0\]\.code: expected a level code of lowercase letters/);
  // The demo wave of the flagship study still shows: one broken study leaves the others working.
  await page.locator('#dash-wave-table').getByRole('row').filter({ hasText: 'alliance-corrective-measures' }).first().waitFor();

  assert.deepEqual(await seriousViolations(page), []);
  // The dark scheme's colour contrast (AA) too, at 320 and 1280 px.
  assert.deepEqual(await darkContrastProblems(page, 'the broken-study notice'), []);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), true, 'the message wraps on a phone');
  await context.close();
});

test('with every study sound, the dashboard shows no broken-study notice', async () => {
  const sound = await serve(join(session.dir, 'sound.sqlite'));
  try {
    const created = spawnSync(process.execPath, ['bin/vlab.js', 'token', 'create', '--name', 'sound test', '--db', join(session.dir, 'sound.sqlite')], { encoding: 'utf8' });
    assert.equal(created.status, 0, created.stderr);
    const page = await session.browser.newPage();
    await page.goto(`${sound.baseUrl}/dashboard`);
    await page.locator('#dash-token').fill(created.stdout.trim());
    await page.getByRole('button', { name: 'Open the dashboard' }).click();
    await page.locator('#dash-wave-table').getByRole('row').nth(1).waitFor(DASHBOARD_WAIT);
    assert.equal(await page.locator('#dash-broken').isVisible(), false);
    assert.equal(await page.locator('#dash-broken li').count(), 0);
    await page.close();
  } finally {
    await sound.stop();
  }
});

// Task 42: a server whose definitions folder is behind the database's current definition (another folder made a later
// version current) said so on its terminal (PostgreSQL pass 41) but not on the dashboard, where the researcher looks.
test('a definitions folder behind the database\'s current definition is said on the dashboard, with the message serve prints', async () => {
  const dbPath = join(session.dir, 'behind.sqlite');
  const ahead = join(session.dir, 'ahead-definitions');
  cpSync('survey-definitions', ahead, { recursive: true });
  const file = join(ahead, 'alliance-corrective-measures', 'study.json');
  const study = JSON.parse(readFileSync(file, 'utf8'));
  writeFileSync(file, JSON.stringify({ ...study, version: study.version + 1, title: `${study.title} (second wording)` }, null, 2));
  // The shipped folder's content stored first, then the later version made current from the other folder: the
  // shipped folder is then behind (content new to the database would be stored and made current instead).
  for (const folder of ['survey-definitions', ahead]) {
    const synced = spawnSync(process.execPath, ['bin/vlab.js', 'study', 'sync', '--db', dbPath], { encoding: 'utf8', env: { ...process.env, VLAB_DEFINITIONS: folder } });
    assert.equal(synced.status, 0, synced.stderr);
  }
  const behind = await serve(dbPath);
  try {
    const created = spawnSync(process.execPath, ['bin/vlab.js', 'token', 'create', '--name', 'behind test', '--db', dbPath], { encoding: 'utf8' });
    assert.equal(created.status, 0, created.stderr);
    const page = await session.browser.newPage();
    await page.goto(`${behind.baseUrl}/dashboard`);
    await page.locator('#dash-token').fill(created.stdout.trim());
    await page.getByRole('button', { name: 'Open the dashboard' }).click();
    const region = page.getByRole('region', { name: 'A definitions folder is behind' });
    await region.waitFor(DASHBOARD_WAIT);
    const notice = await region.getByRole('listitem').innerText();
    assert.match(notice, /^Study “alliance-corrective-measures”: this server's definitions folder is behind the database's current definition\./);
    assert.match(notice, /this definitions folder holds version \d+ \(content [0-9a-f]{12}\), but version \d+ \(content [0-9a-f]{12}\) is current, made current from .*ahead-definitions: new waves use version/);
    await page.screenshot({ path: '/tmp/report42-behind.png' });
    assert.deepEqual(await seriousViolations(page), []);
    await page.close();
  } finally {
    await behind.stop();
  }
});

// Attacker pass 30: a wave whose stored completion link today's checks refuse (U+200B pasted after the code, taken
// before pass 28) is named by `vlab wave status`; the dashboard, where the researcher watches the wave, said nothing.
test('a wave whose stored completion link carries an invisible character says so under its heading, in words, axe clean', async () => {
  const dbPath = join(session.dir, 'old-link.sqlite');
  const vlab = (...args: string[]) => {
    const run = spawnSync(process.execPath, ['bin/vlab.js', ...args, '--db', dbPath], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    return run.stdout.trim();
  };
  const complete = 'https://app.prolific.com/submissions/complete?cc=C1AB2CD3';
  const sound = (JSON.parse(vlab('wave', 'create', '--study', 'bus-line-funding', '--target', '10', '--complete-url', complete, '--json')) as { id: string }).id;
  const wave = (JSON.parse(vlab('wave', 'create', '--study', 'bus-line-funding', '--target', '10', '--complete-url', complete, '--json')) as { id: string }).id;
  const raw = new Database(dbPath);
  raw.prepare('UPDATE waves SET complete_url = ? WHERE id = ?').run(`${complete}\u200b`, wave);
  raw.close();
  const token = vlab('token', 'create', '--name', 'old link');
  const app = await serve(dbPath);
  try {
    const page = await session.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${app.baseUrl}/dashboard#wave=${wave}`);
    await page.locator('#dash-token').fill(token);
    await page.getByRole('button', { name: 'Open the dashboard' }).click();
    await page.locator('#dash-wave h2', { hasText: `wave ${wave}` }).waitFor(DASHBOARD_WAIT);
    const heading = page.locator('#dash-wave h3').first();
    assert.equal(await heading.innerText(), 'Needs attention', 'the first heading under the wave');
    const text = await page.locator('#dash-wave').innerText();
    assert.ok(text.includes(`Today's checks refuse what this wave runs: respondents are sent to these links as stored; mend them with vlab wave update ${wave}.`), text);
    assert.match(text, /The completion link: a URL must not contain invisible characters: U\+200B at character 58/);
    assert.deepEqual(await seriousViolations(page), []);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), true, 'the problem wraps on a phone');
    // Attacker pass 31: the wave list marks the wave too, where a researcher with several waves looks first; its
    // Open button says it to a screen reader.
    const row = (id: string) => page.locator('#dash-wave-table tr', { hasText: id });
    assert.match(await row(wave).innerText(), /Needs attention/);
    assert.doesNotMatch(await row(sound).innerText(), /Needs attention/);
    assert.equal(await page.getByRole('button', { name: `Open wave ${wave}, which needs attention` }).count(), 1);
    assert.equal(await page.getByRole('button', { name: `Open wave ${sound}`, exact: true }).count(), 1);
    await page.screenshot({ path: '/tmp/vlab-dashboard-stored-link.png', fullPage: true });
    await page.close();
  } finally {
    await app.stop();
  }
});

// A respondent whose quota lease lapsed (VLAB_QUOTA_LEASE_SECONDS without a save, docs/api.md) while their quota
// level filled is turned away by their next save. The page ends the survey there with the over-quota message, as
// the quota step does, instead of letting them answer on while nothing is saved any more. Halfway through the lease
// the page asks "Are you still there?" (lease-warning-browser.test.ts); here nobody answers it until the slot is gone.
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { useBrowserSession } from './browser-session.ts';
import { serve } from './serve-process.ts';

// 4 s: the warning, halfway, must not come before the test has clicked on to the outcome page (2 s was too tight).
const LEASE_SECONDS = 4;
// At a target of 4 the 65+ level of the alliance study holds one respondent (ceil(0.21 × 4 × 1.05)).
const session = useBrowserSession('quota-lease', (dbPath) => {
  const created = spawnSync(process.execPath, ['bin/vlab.js', 'wave', 'create', '--study', 'alliance-corrective-measures', '--target', '4', '--db', dbPath], { encoding: 'utf8' });
  assert.equal(created.status, 0, created.stderr);
  return serve(dbPath, { VLAB_QUOTA_LEASE_SECONDS: String(LEASE_SECONDS) });
});

const choose = (page: Page, question: string, option: string) => page.locator(`[data-name="${question}"]`).getByText(option, { exact: true }).click();
const post = (path: string, body: object) =>
  fetch(`${session.app.baseUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());

test('a save that finds the lapsed quota slot taken ends the survey with the over-quota message, at once', async () => {
  const wave = session.app.waves[0]!;
  const page = await session.browser.newPage();
  await page.goto(`${session.app.baseUrl}/s/${wave.id}?PROLIFIC_PID=lease-1`);
  await choose(page, 'consent', 'Yes, I agree to take part');
  await page.getByRole('button', { name: 'Next' }).click();
  for (const [q, a] of [['age_group', '65 or older'], ['gender', 'Female'], ['education', 'Less than a four-year college degree'], ['region', 'South'], ['party', 'Democrat']]) {
    await choose(page, q!, a!);
  }
  await page.getByRole('button', { name: 'Next' }).click();
  await choose(page, 'attention_check', 'Radio');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('.vlab-vignette').waitFor();
  const saved = page.waitForResponse((r) => r.request().method() === 'PUT');
  await page.getByRole('button', { name: 'Next' }).click();
  await (await saved).finished();
  await page.locator('[data-name="do_nothing"]').waitFor();

  // The respondent pauses past the lease, "Are you still there?" unanswered; meanwhile someone else takes the one 65+
  // slot, free again.
  const warning = page.getByRole('alertdialog', { name: 'Are you still there?' });
  await warning.waitFor({ timeout: LEASE_SECONDS * 1000 });
  await new Promise((resolve) => setTimeout(resolve, (LEASE_SECONDS / 2 + 1.5) * 1000));
  const filler = (await post(`/api/waves/${wave.id}/participants`, { panel: { PROLIFIC_PID: 'lease-filler' } })) as { participant: { code: string } };
  const answers = { consent: true, age_group: '65+', gender: 'male', education: 'college', region: 'west', party: 'democrat', attention_check: 'radio' };
  assert.deepEqual(await post(`/api/participants/${filler.participant.code}/quota-check`, { answers }), { admitted: true, outcome: null, leaseSecondsLeft: LEASE_SECONDS });

  // "Keep my place" comes too late: its save finds the level full.
  await warning.getByRole('button', { name: 'Keep my place' }).click();
  await page.getByRole('heading', { level: 1, name: 'Thank you for your interest' }).waitFor({ timeout: 10_000 });
  assert.equal(await page.locator('[data-name="public_criticism"]').count(), 0, 'the questions are gone');
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
  const db = new Database(join(session.dir, 'vlab.sqlite'), { readonly: true });
  assert.equal(db.prepare('SELECT status FROM participants WHERE panel_id = ?').pluck().get('lease-1'), 'overquota');
  db.close();
  await page.close();
});

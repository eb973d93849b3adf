// A respondent over the start rate limit is told to wait, and for how long (the 429's Retry-After), instead of
// "check your connection and reload", which cannot help for the rest of the window.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useBrowserSession } from './browser-session.ts';
import { serve } from './serve-process.ts';

const session = useBrowserSession('ratelimit', (dbPath) => serve(dbPath, { VLAB_RATE_LIMIT_START: '1', VLAB_RATE_LIMIT_WINDOW: '600' }));

test('over the start limit: a message that says to wait about 10 minutes, from Retry-After', async () => {
  const page = await session.browser.newPage();
  const url = `${session.app.baseUrl}/s/${session.app.waves[0]!.id}?PROLIFIC_PID=limited-1`;
  await page.goto(url);
  await page.locator('[data-name="consent"]').waitFor();
  const refused = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/participants'));
  await page.reload();
  const response = await refused;
  assert.equal(response.status(), 429);
  assert.ok(Number(response.headers()['retry-after']) > 540, `Retry-After ${response.headers()['retry-after']}`);
  await page.getByRole('heading', { level: 1, name: 'Too many people are starting the survey from your network' }).waitFor();
  assert.equal(await page.locator('.vlab-message p').innerText(), 'Please wait about 10 minutes, then reload this page.');
  await page.close();
});

// Page weight: the bytes a respondent's browser downloads (compressed, as sent on the wire: headers and bodies,
// CDP's Network.loadingFinished encodedDataLength) to show the first question, on a first visit and on a
// repeat visit in the same session.browser. Byte budgets, not timing: the hashed assets are cached forever
// (immutable), so a repeat visit fetches only the page shell and the participant's survey.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BrowserContext } from 'playwright-core';
import { useBrowserSession } from './browser-session.ts';

const FIRST_VISIT_BUDGET = 450 * 1024;
const REPEAT_VISIT_BUDGET = 30 * 1024;

const session = useBrowserSession('weight');

interface Transfer {
  url: string;
  bytes: number;
  fromCache: boolean;
}

/** Opens the link in a new tab of `context` and returns what each request cost once the first question shows. */
async function visit(context: BrowserContext, url: string): Promise<Transfer[]> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const urls = new Map<string, string>();
  const cached = new Set<string>();
  const transfers: Transfer[] = [];
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.requestServedFromCache', (e) => cached.add(e.requestId));
  cdp.on('Network.responseReceived', (e) => {
    if (e.response.fromDiskCache || e.response.fromPrefetchCache) cached.add(e.requestId);
  });
  cdp.on('Network.loadingFinished', (e) =>
    transfers.push({ url: urls.get(e.requestId) ?? '?', bytes: e.encodedDataLength, fromCache: cached.has(e.requestId) }),
  );
  await cdp.send('Network.enable');
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.locator('[data-name="consent"]').waitFor();
  await page.close();
  return transfers;
}

const total = (transfers: Transfer[]) => transfers.reduce((sum, t) => sum + t.bytes, 0);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const describe = (transfers: Transfer[]) =>
  transfers.map((t) => `${new URL(t.url).pathname.replace(/^\/api\/waves\/[^/]+/, '/api/waves/…')} ${t.fromCache ? '(cache) ' : ''}${kb(t.bytes)}`).join(', ');

test(`page weight: ≤ ${FIRST_VISIT_BUDGET / 1024} KB on a first visit, only the shell and the survey on a repeat visit`, async () => {
  const wave = session.app.waves.find((w) => w.study === 'alliance-corrective-measures');
  assert.ok(wave, 'serve prints the demo wave of the flagship study');
  const context = await session.browser.newContext();
  const url = `${session.app.baseUrl}/s/${wave.id}?PROLIFIC_PID=weight-1&STUDY_ID=s&SESSION_ID=x`;
  const first = await visit(context, url);
  const repeat = await visit(context, url);
  await context.close();
  console.log(`page weight, first visit: ${kb(total(first))} (${describe(first)})`);
  console.log(`page weight, repeat visit: ${kb(total(repeat))} (${describe(repeat)})`);

  const assets = (transfers: Transfer[]) => transfers.filter((t) => new URL(t.url).pathname.startsWith('/assets/'));
  assert.ok(assets(first).length >= 2, 'the first visit loads the hashed script and stylesheet');
  assert.ok(total(first) <= FIRST_VISIT_BUDGET, `first visit ${kb(total(first))} is over ${kb(FIRST_VISIT_BUDGET)}`);
  assert.equal(assets(repeat).length, assets(first).length, 'the repeat visit uses the same assets');
  for (const t of assets(repeat)) {
    assert.ok(t.fromCache && t.bytes === 0, `${t.url} comes from the browser's cache on a repeat visit (${t.bytes} bytes)`);
  }
  assert.ok(total(repeat) <= REPEAT_VISIT_BUDGET, `repeat visit ${kb(total(repeat))} is over ${kb(REPEAT_VISIT_BUDGET)}`);
});

// The researcher dashboard at phone size (320 × 568) with a screen reader and the reader's own text size: what axe
// (dashboard-browser.test.ts) does not check. Screenshots go to /tmp/vlab-dashboard-phone-*.png.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createStudyService } from '../../server/services/study-service.ts';
import { createTokenService } from '../../server/services/token-service.ts';
import { openDatabase } from '../../server/storage/db.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { createSqliteStore } from '../../server/storage/sqlite-store.ts';
import { seedAllianceWave } from '../server/estimates-support.ts';
import { alliance } from '../server/plan-support.ts';
import { launchChromium } from './chromium.ts';
import { setDefaultFontSize } from './text-size.ts';
import { serve, type ServedApp } from './serve-process.ts';

let dir: string;
let app: ServedApp;
let browser: Browser;
let token = '';
let wave = '';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vlab-dashboard-phone-'));
  const db = openDatabase(join(dir, 'vlab.sqlite'));
  const store = createSqliteStore(db);
  const studies = createStudyService({ store });
  await studies.syncDefinitions(loadDefinitionFiles('survey-definitions'));
  wave = (await studies.createWave({ studyKey: alliance.id, target: 3000, seed: 'phone' })).wave.id;
  await seedAllianceWave(store, alliance, wave);
  token = (await createTokenService({ store }).create('dashboard phone test')).token;
  db.close();
  app = await serve(join(dir, 'vlab.sqlite'));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Signs in on a 320 × 568 phone and waits for the wave's hypothesis cards. */
async function openOnPhone(): Promise<{ page: Page; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 320, height: 568 }, hasTouch: true, isMobile: true, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${app.baseUrl}/dashboard#wave=${wave}`);
  await page.locator('#dash-token').fill(token);
  await page.getByRole('button', { name: 'Open the dashboard' }).click();
  await page.locator('.dash-hypothesis').first().waitFor({ timeout: 30_000 });
  return { page, close: () => context.close() };
}

/** The names Chromium's tree gives the cells (role cell) of the table captioned `caption`, row by row. */
async function cellNames(page: Page, caption: string): Promise<string[][]> {
  const cdp = await page.context().newCDPSession(page);
  type AXNode = { nodeId: string; ignored: boolean; role?: { value: string }; name?: { value: string }; childIds?: string[] };
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as unknown as { nodes: AXNode[] };
  await cdp.detach();
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const under = (node: AXNode, role: string): AXNode[] =>
    (node.childIds ?? []).flatMap((id) => {
      const child = byId.get(id);
      if (!child) return [];
      if (!child.ignored && child.role?.value === role) return [child];
      return under(child, role);
    });
  const table = nodes.find((n) => !n.ignored && n.role?.value === 'table' && n.name?.value.startsWith(caption));
  if (!table) return [];
  return under(table, 'row').map((row) => under(row, 'cell').map((cell) => cell.name?.value.trim() ?? ''));
}

// At 600 px and less a table's rows are stacked, each cell with its column's name drawn before it (CSS content);
// that drawn name went into the cell's accessible name, after the column header the table still has: a screen
// reader moving through the funnel said "Participants, Participants 1502".
test('at 320 px a stacked table\'s cells are named by their value only: the column header is said once', async () => {
  const { page, close } = await openOnPhone();
  const funnel = await cellNames(page, 'Completion funnel');
  assert.deepEqual(funnel[1], ['started', '1502', '100%']);
  assert.deepEqual(await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]), [320, 320], 'no sideways scrolling');
  // Still a table with its column headers for the screen reader, its labels still drawn.
  assert.deepEqual(await page.locator('table', { hasText: 'started' }).locator('thead th').allInnerTexts(), ['Step', 'Participants', 'Of started']);
  assert.match(await page.locator('table', { hasText: 'started' }).locator('td').nth(1).evaluate((td) => getComputedStyle(td, '::before').content), /Participants/);
  await page.locator('table', { hasText: 'started' }).screenshot({ path: '/tmp/vlab-dashboard-phone-320-funnel.png' });
  await close();
});

// The reader's own text size at 24 and 32 px (setDefaultFontSize) on a 320-px phone: a stacked table's cells held a
// long word ("alliance_favorability", a wave's ID) or a label beside a value that could not wrap, so the table grew
// wider than its box, which then scrolled sideways and cut the value at the screen's edge.
for (const px of [24, 32]) {
  test(`at 320 px with the text at ${px} px every table fits its box: nothing to scroll sideways, nothing cut`, async () => {
    const { page, close } = await openOnPhone();
    await setDefaultFontSize(page, px);
    await page.waitForFunction((size) => parseFloat(getComputedStyle(document.body).fontSize) >= size, px);
    const wider = await page.locator('.dash-scroll').evaluateAll((boxes) =>
      boxes
        .filter((box) => box.scrollWidth > box.clientWidth)
        .map((box) => `${box.querySelector('caption')?.textContent ?? box.querySelector('table')?.getAttribute('aria-labelledby')}: ${box.scrollWidth} px in ${box.clientWidth}`),
    );
    assert.deepEqual(wider, []);
    assert.deepEqual(await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]), [320, 320], 'no sideways scrolling');
    await page.locator('.dash-scroll', { hasText: 'alliance_favorability' }).first().evaluate((box) => box.scrollIntoView());
    await page.screenshot({ path: `/tmp/vlab-dashboard-phone-text${px}.png` });
    await close();
  });
}

// The download buttons were named "Data (CSV)", "Codebook": tabbing to one, a screen reader said "Codebook, button",
// neither that it downloads nor which wave's.
test('each download button\'s name says it downloads, what, and which wave', async () => {
  const { page, close } = await openOnPhone();
  const names = await page.locator('.dash-buttons button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? b.textContent));
  for (const name of names) assert.match(name ?? '', new RegExp(`^Download .+ of wave ${wave}$`), name ?? '');
  assert.ok(names.includes(`Download the codebook (JSON) of wave ${wave}`), JSON.stringify(names));
  // The visible label is part of the name (WCAG 2.5.3, label in name), for a researcher who speaks to the button.
  for (const button of await page.locator('.dash-buttons button').all()) {
    const [label, name] = await button.evaluate((b) => [b.textContent ?? '', b.getAttribute('aria-label') ?? '']);
    assert.ok(name.toLowerCase().includes(label.toLowerCase()), `"${label}" in "${name}"`);
  }
  await close();
});

// A download ran in silence: the button pressed, a replication package built for seconds, and a screen reader heard
// nothing until the browser's own download bar (when it speaks at all). The status region says it started and ended.
test('a download says in the status region that it started and that it is done', async () => {
  const { page, close } = await openOnPhone();
  await page.evaluate(() => {
    const region = document.getElementById('dash-status')!;
    const said: string[] = ((window as unknown as { said: string[] }).said = []);
    new MutationObserver(() => said.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
  });
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the codebook (JSON)' }).click()]);
  assert.match(file.suggestedFilename(), /codebook\.json$/);
  await page.waitForFunction(() => /^Downloaded/.test(document.getElementById('dash-status')?.textContent ?? ''), undefined, { timeout: 10_000 }).catch(() => undefined);
  const said = await page.evaluate(() => (window as unknown as { said: string[] }).said.filter(Boolean));
  assert.deepEqual(said, [`Downloading the codebook (JSON) of wave ${wave}…`, `Downloaded the codebook (JSON) of wave ${wave}.`]);
  await close();
});

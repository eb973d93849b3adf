// Attacker pass 32 (pass 31's leftover): a panel appends its parameters to the study URL as text, so a study URL
// pasted with a `#` in it (`…/s/<id>#`, `…#start`) gets `?PROLIFIC_PID=…` in its fragment, which the browser never
// sends to the server. On main's page the respondent started with no panel ID stored (panel_source empty): no ID in
// the data or in the redirect back to the panel, and another device drew them a new condition. The page now reads
// parameters after a `#` too (public/src/link-parameters.ts).
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { useBrowserSession } from './browser-session.ts';

const session = useBrowserSession('link-fragment');

function storedPanel(panelId: string): unknown {
  const db = new Database(join(session.dir, 'vlab.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT panel_source, panel_id FROM participants WHERE panel_id = ?').get(panelId);
  } finally {
    db.close();
  }
}

test('panel parameters appended after a # in the study URL reach the server', async () => {
  const wave = session.app.waves[0]!;
  // Attacker pass 41: parameters joined by a second `?` or `&amp;`, a `+` in an ID, and a query in the path
  // (`/s/<id>&…`, sent on by the server) reach the server too.
  for (const [link, id, source] of [
    [`/s/${wave.id}#?PROLIFIC_PID=e2e-fragment-1&STUDY_ID=s1`, 'e2e-fragment-1', 'prolific'],
    [`/s/${wave.id}#start?PROLIFIC_PID=e2e-fragment-2`, 'e2e-fragment-2', 'prolific'],
    [`/s/${wave.id}?lang=en?PROLIFIC_PID=e2e-joined-3`, 'e2e-joined-3', 'prolific'],
    [`/s/${wave.id}?lang=en&amp;RID=e2e+joined/4==`, 'e2e+joined/4==', 'lucid'],
    [`/s/${wave.id}&PROLIFIC_PID=e2e-path-5`, 'e2e-path-5', 'prolific'],
  ] as const) {
    const page = await session.browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${session.app.baseUrl}${link}`);
    await page.locator('[data-name="consent"]').getByText('Yes, I agree to take part', { exact: true }).click();
    assert.deepEqual(storedPanel(id), { panel_source: source, panel_id: id }, `${link}: the panel ID was not stored`);
    assert.deepEqual(pageErrors, []);
    await page.close();
  }
});

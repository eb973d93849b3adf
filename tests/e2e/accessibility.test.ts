// WCAG 2.2 AA on the respondent's page, checked by axe-core on every page of both flagship studies and the
// repeated-vignette study, from the consent page to the end page, on a phone (390 × 844, touch) and a laptop
// (1366 × 900), with the dark scheme's contrast and what axe cannot see (accessibility-walk.ts: headings, focus and
// announcement on page change, the tab title, 44 px targets on touch); the bilingual study in Spanish; no animation for
// reduced motion. The conjoint flagship is in accessibility-conjoint.test.ts, reflow, text size and AAA contrast in
// accessibility-reflow.test.ts, keyboard walks to a refused completion in accessibility-limits.test.ts (one file until
// 2026-12-06, when it neared the runner's 10-minute limit for a file on a loaded machine).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LAPTOP, PHONE, walkWithAxe, waveOf } from './accessibility-walk.ts';
import { useBrowserSession } from './browser-session.ts';
import { serveWaves } from './serve-process.ts';

const session = useBrowserSession('a11y', (dbPath) => serveWaves(dbPath, ['alliance-corrective-measures', 'protege-bargaining', 'bus-line-funding', 'protege-bargaining-repeated']));

for (const study of ['alliance-corrective-measures', 'protege-bargaining', 'protege-bargaining-repeated']) {
  for (const [name, options] of [['phone 390 × 844, touch', PHONE], ['laptop 1366 × 900', LAPTOP]] as const) {
    test(`${study}, ${name}: no serious or critical axe violation on any page, the end page included`, async () => {
      const steps = await walkWithAxe(session, study, options);
      assert.equal(steps.at(-1)!.end, true);
      assert.ok(steps.length >= 7, `every page was visited (${steps.length})`);
    });
  }
}

test('the bilingual study in Spanish: axe on every page, SurveyJS’s own strings in Spanish too', async () => {
  const context = await session.browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(`${session.app.baseUrl}/s/${waveOf(session, 'bus-line-funding')}?PROLIFIC_PID=a11y-es&lang=es`);
  await page.getByRole('button', { name: 'Siguiente' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
  assert.equal(await page.locator('.vlab-progress__text').innerText(), 'Página 1 de 5');
  await context.close();
  const steps = await walkWithAxe(session, 'bus-line-funding', PHONE, '&lang=es');
  assert.deepEqual(
    steps.map((s) => s.title),
    ['Antes de empezar', 'Sobre usted', 'Un plan para una nueva línea de autobús', 'Su opinión sobre el plan', 'Una última pregunta', '¡Muchas gracias!'],
  );
});

test('with prefers-reduced-motion SurveyJS animates nothing; without it, it may', async () => {
  const url = `${session.app.baseUrl}/s/${waveOf(session, 'protege-bargaining')}?PROLIFIC_PID=a11y-motion`;
  for (const reducedMotion of ['reduce', 'no-preference'] as const) {
    const context = await session.browser.newContext({ reducedMotion });
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('.sd-root-modern').waitFor();
    const disabled = await page.locator('.sd-root-modern--animation-disabled').count();
    assert.equal(disabled, reducedMotion === 'reduce' ? 1 : 0, reducedMotion);
    await context.close();
  }
});

// The repeated-vignette study in the browser: three vignettes, each headed "Vignette k of 3" and followed by its
// outcome page (whose "Read the situation again" is named by that heading), a reload on vignette 2 resuming on it with the same vignette, and every vignette's answers stored.
// Beside it, bus-line-funding made repeated with its outcome page left untitled, walked in English and Spanish.
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { useBrowserSession } from './browser-session.ts';
import { serveWaves } from './serve-process.ts';
import { walkSurvey } from './walk-survey.ts';

/** bus-line-funding (English and Spanish) with two vignettes a respondent and its outcome page's title removed. */
const UNTITLED = 'bus-line-repeated-untitled';

/** The shipped definitions with UNTITLED added, in a folder beside the test's database. */
function definitionsWithUntitled(dbPath: string): string {
  const folder = join(dbPath, '..', 'definitions');
  cpSync('survey-definitions', folder, { recursive: true });
  cpSync(join(folder, 'bus-line-funding'), join(folder, UNTITLED), { recursive: true });
  const file = join(folder, UNTITLED, 'study.json');
  const study = JSON.parse(readFileSync(file, 'utf8'));
  study.id = UNTITLED;
  study.design = { kind: 'vignette', vignettesPerRespondent: 2 };
  for (const page of study.pages.outcomes) delete page.title;
  writeFileSync(file, JSON.stringify(study));
  // A repeated design's hypotheses are clustered by respondent; its simulated recall check asks about one vignette.
  rmSync(join(folder, UNTITLED, 'simulation.json'));
  const planFile = join(folder, UNTITLED, 'analysis-plan.json');
  writeFileSync(planFile, readFileSync(planFile, 'utf8').replaceAll('"seType": "HC2"', '"seType": "CR2"'));
  return folder;
}

const session = useBrowserSession('repeated', (dbPath) =>
  serveWaves(dbPath, ['protege-bargaining-repeated', UNTITLED], { VLAB_DEFINITIONS: definitionsWithUntitled(dbPath) }),
);

test('protégé repeated: vignette 1, its outcomes, vignette 2 (resumed after a reload), …, completion with every vignette’s answers', async () => {
  const wave = session.app.waves.find((w) => w.study === 'protege-bargaining-repeated')!;
  const context = await session.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const url = `${session.app.baseUrl}/s/${wave.id}?PROLIFIC_PID=e2e-repeated-1`;
  await page.goto(url);

  let reloaded = false;
  let vignetteBeforeReload = '';
  // Each outcome page's "Read the situation again" is a group named by its vignette's page title ("Vignette 2 of 3: …").
  let vignetteTitle = '';
  const rereadNames: string[] = [];
  const outcomeTabTitles: string[] = [];
  const steps = await walkSurvey(page, async (step) => {
    if (step.title.startsWith('Vignette')) vignetteTitle = step.title;
    else if (await page.locator('details.vlab-reread').count()) {
      rereadNames.push(`${vignetteTitle} → ${await page.getByRole('group', { name: vignetteTitle, exact: true }).count()} group`);
    }
    if (step.title.startsWith('What should')) outcomeTabTitles.push(await page.title());
    if (step.title.startsWith('Vignette 2 of 3') && !reloaded) {
      reloaded = true;
      vignetteBeforeReload = await page.locator('.vlab-vignette').first().innerText();
      await page.reload();
      await page.locator('.sd-page__title').first().waitFor();
      assert.match(await page.locator('.sd-page__title').first().innerText(), /^Vignette 2 of 3/, 'resumed on vignette 2');
      assert.equal(await page.locator('.vlab-vignette').first().innerText(), vignetteBeforeReload, 'the same vignette');
    }
  });
  const titles = steps.map((s) => s.title);
  assert.deepEqual(
    titles.filter((t) => /^Vignette/.test(t)).map((t) => t.split(':')[0]),
    ['Vignette 1 of 3', 'Vignette 2 of 3', 'Vignette 3 of 3'],
  );
  assert.deepEqual(rereadNames, ['Vignette 1 of 3', 'Vignette 2 of 3', 'Vignette 3 of 3'].map((k) => `${titles.find((t) => t.startsWith(k))} → 1 group`));
  // Each outcome page's heading (and the tab's title) says which vignette it is about, not one heading three times.
  assert.deepEqual(
    titles.filter((t) => t.startsWith('What should')),
    [1, 2, 3].map((k) => `What should the United States do? — vignette ${k} of 3`),
  );
  assert.deepEqual(outcomeTabTitles, [1, 2, 3].map((k) => `What should the United States do? — vignette ${k} of 3 – Opinions about dealing with US partners`));
  assert.equal(steps.length, 10, `consent, 2 pre-treatment, 3 × (vignette, outcomes), end: ${titles.join(' | ')}`);
  assert.ok(reloaded);
  assert.deepEqual(errors, []);
  await context.close();

  const db = new Database(join(session.dir, 'vlab.sqlite'), { readonly: true });
  try {
    const p = db.prepare("SELECT id, status FROM participants WHERE panel_id = 'e2e-repeated-1'").get() as { id: number; status: string };
    assert.equal(p.status, 'complete');
    const answers = JSON.parse(db.prepare("SELECT answers_json FROM answers WHERE participant_id = ? AND kind = 'final'").pluck().get(p.id) as string);
    for (const k of [1, 2, 3]) assert.equal(typeof answers[`support_concede__V${k}`], 'number', `vignette ${k} answered`);
    assert.equal(db.prepare('SELECT COUNT(*) FROM participant_vignettes WHERE participant_id = ?').pluck().get(p.id), 3);
  } finally {
    db.close();
  }
});

test('untitled outcome pages of a repeated design are headed with their vignette\'s number, in the respondent\'s language', async () => {
  // Before, such a page had no heading: a screen reader user reached its questions with nothing saying which
  // vignette they were about (the titled ones say "— vignette k of m").
  const wave = session.app.waves.find((w) => w.study === UNTITLED)!;
  for (const [lang, heading] of [['en', 'Questions about vignette'], ['es', 'Preguntas sobre la viñeta']] as const) {
    const context = await session.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${session.app.baseUrl}/s/${wave.id}?PROLIFIC_PID=e2e-untitled-${lang}&lang=${lang}`);
    const headings: string[] = [];
    const steps = await walkSurvey(page, async () => {
      if (await page.locator('.sd-page .sd-question').count()) {
        const first = page.locator('.sd-page .sd-question').first();
        // The heading a screen reader's heading list and reading order meet before the page's first question.
        headings.push(await page.evaluate((q) => {
          const all = [...document.querySelectorAll('h1, h2, h3, h4')].filter((h) => h.compareDocumentPosition(q) & Node.DOCUMENT_POSITION_FOLLOWING);
          return all.at(-1)?.textContent?.trim() ?? '';
        }, await first.elementHandle()));
      }
    });
    const of = lang === 'en' ? 'of' : 'de';
    assert.deepEqual(headings.filter((h) => h.startsWith(heading)), [`${heading} 1 ${of} 2`, `${heading} 2 ${of} 2`], `${lang}: ${headings.join(' | ')} (${steps.length} pages)`);
    await context.close();
  }
});

// `npm run screenshots [-- --out DIR]`: screenshots of every page of the respondent's survey at phone size
// (390 × 844, touch), for a reviewer to look at: both flagship studies, the conjoint flagship (also at 1366 × 900), the bilingual study in English and in
// Spanish (with "Read the situation again" opened on its outcome page), the page after declining consent and
// the page of a link that does not exist. Runs the real server on a temporary database, like the browser tests.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../tests/e2e/chromium.ts';
import { serveWaves } from '../tests/e2e/serve-process.ts';
import { walkSurvey } from '../tests/e2e/walk-survey.ts';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'screenshots' } } });
const out = resolve(values.out!);
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
const LAPTOP = { viewport: { width: 1366, height: 900 } };
const STUDIES = ['alliance-corrective-measures', 'protege-bargaining', 'bus-line-funding', 'alliance-partner-conjoint'];

const slug = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'page';

async function shoot(page: Page, folder: string, name: string): Promise<void> {
  mkdirSync(join(out, folder), { recursive: true });
  const file = join(out, folder, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`screenshots: ${file}`);
}

const dir = mkdtempSync(join(tmpdir(), 'vlab-screenshots-'));
const app = await serveWaves(join(dir, 'vlab.sqlite'), STUDIES);
const browser = await launchChromium();
try {
  const runs = [
    ...STUDIES.map((study) => ({ study, lang: '', size: PHONE })),
    { study: 'bus-line-funding', lang: 'es', size: PHONE },
    // The conjoint's task table on a laptop too: a real table there, one block per attribute on the phone.
    { study: 'alliance-partner-conjoint', lang: '', size: LAPTOP },
  ];
  for (const { study, lang, size } of runs) {
    const wave = app.waves.find((w) => w.study === study)!;
    const folder = `${lang ? `${study}-${lang}` : study}${size === LAPTOP ? '-laptop' : ''}`;
    const context: BrowserContext = await browser.newContext(size);
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/s/${wave.id}?PROLIFIC_PID=screens-${folder}${lang ? `&lang=${lang}` : ''}`);
    await walkSurvey(page, async (step) => {
      const name = `${String(step.index + 1).padStart(2, '0')}-${slug(step.title)}`;
      await shoot(page, folder, name);
      const reread = page.locator('details.vlab-reread summary');
      if (await reread.count()) {
        await reread.first().click();
        await shoot(page, folder, `${name}-reread-open`);
      }
    });
    await context.close();
  }
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const alliance = app.waves.find((w) => w.study === STUDIES[0])!;
  await page.goto(`${app.baseUrl}/s/${alliance.id}?PROLIFIC_PID=screens-declined`);
  await page.locator('[data-name="consent"] .sd-selectbase__label').nth(1).click();
  await shoot(page, 'other', 'consent-declined-leave-the-study');
  await page.locator('.sd-navigation__complete-btn').click();
  await page.locator('.vlab-message h1').waitFor();
  await page.waitForFunction(() => !document.querySelector('.vlab-message h1')?.textContent?.endsWith('…'));
  await shoot(page, 'other', 'consent-declined-end');
  await page.goto(`${app.baseUrl}/s/NoSuchWave123`);
  await shoot(page, 'other', 'link-not-valid');
  await context.close();
} finally {
  await browser.close();
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
}

// Every page the server gives researchers — the home page, the dashboard's sign-in, its list of waves, a wave's
// page (a fielded vignette study, a conjoint, one no one has answered yet), the not-found page and a mistyped
// researcher path's 404 — at phone size
// (360 × 740) and at 200 % zoom of a 640-px window (320 CSS px, WCAG 1.4.10 reflow): axe-core's WCAG A/AA rules
// find nothing (in the light and the dark scheme), the page does not scroll sideways, and every control Tab reaches
// shows a focus ring.
// Screenshots go to /tmp/vlab-researcher-phone-*.png.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { seedAllianceWave } from '../server/estimates-support.ts';
import { alliance } from '../server/plan-support.ts';
import { axeViolations, WCAG_TAGS } from './axe-wcag.ts';
import { darkContrastProblems } from './dark-contrast.ts';
import { startDashboardSession, type DashboardSession } from './dashboard-session.ts';

let session: DashboardSession;
let browser: Browser;
const waves = { fielded: '', conjoint: '', empty: '' };

before(async () => {
  session = await startDashboardSession('researcher-phone', async (store, studies) => {
    waves.fielded = (await studies.createWave({ studyKey: alliance.id, target: 3000, seed: 'phone21' })).wave.id;
    // Twelve completes without alliance_favorability (an answer left empty): H2's card says its fit left rows out.
    await seedAllianceWave(store, alliance, waves.fielded, '', (rows) => rows.map((r, i) => (i < 12 ? { ...r, alliance_favorability: null } : r)));
    waves.conjoint = (await studies.createWave({ studyKey: 'alliance-partner-conjoint', target: 500, seed: 'phone21-c' })).wave.id;
    waves.empty = (await studies.createWave({ studyKey: 'bus-line-funding', target: 100, seed: 'phone21-b' })).wave.id;
  });
  browser = session.browser;
});

after(async () => {
  await session?.stop();
});

const SIZES: [string, BrowserContextOptions][] = [
  ['phone-360', { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 }],
  // A 640 × 740 window at 200 %: 320 × 370 CSS px, drawn at two device pixels each.
  ['zoom200-320', { viewport: { width: 320, height: 370 }, deviceScaleFactor: 2 }],
];

/** axe-core's WCAG A/AA violations of any impact, one line each. */
async function violations(page: Page): Promise<string[]> {
  return (await axeViolations(page, { type: 'tag', values: WCAG_TAGS })).map(
    (v) => `${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}: ${v.nodes[0]?.failureSummary ?? ''}`,
  );
}

/** The page's width beyond the screen's, in CSS px (0: nothing to scroll sideways). */
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/**
 * Tabs through the page from its top; the controls that showed no focus ring (no outline, nor a box-shadow), and
 * how many controls the walk reached.
 */
async function unringedControls(page: Page): Promise<{ unringed: string[]; reached: number }> {
  // Tab goes on from where the focus was last, even after blur(): from the last <details> opened above (or the
  // heading the sign-in focuses). Until 2026-12-07 the walk began there and reached two of a wave page's controls.
  // An unfocusable-by-Tab mark at the top of the body makes it begin at the first control.
  await page.evaluate(() => {
    const mark = document.createElement('span');
    mark.id = 'vlab-test-tab-start';
    mark.tabIndex = -1;
    document.body.prepend(mark);
    mark.focus();
  });
  const unringed: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement;
      const style = getComputedStyle(e);
      const path = [];
      for (let n: Element | null = e; n && n !== document.body; n = n.parentElement) path.unshift(`${n.tagName}:${[...(n.parentElement?.children ?? [])].indexOf(n)}`);
      return {
        body: e === document.body,
        key: path.join('/'),
        name: `${e.tagName.toLowerCase()} "${(e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 40)}"`,
        ring: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none',
      };
    });
    if (f.body || seen.has(f.key)) break;
    seen.add(f.key);
    if (!f.ring) unringed.push(f.name);
  }
  await page.evaluate(() => document.getElementById('vlab-test-tab-start')?.remove());
  return { unringed, reached: seen.size };
}

/** The controls a keyboard user should reach: links, buttons, fields, summaries and tab stops that are shown. */
const shownControls = (page: Page) =>
  page.evaluate(
    () =>
      [...document.querySelectorAll<HTMLElement>('a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), select, textarea, summary, [tabindex]:not([tabindex="-1"])')].filter(
        (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden',
      ).length,
  );

/** Opens `path` in a new context of `options`, signing in to the dashboard when it is one. */
async function open(options: BrowserContextOptions, path: string): Promise<{ page: Page; close(): Promise<void> }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(`${session.app.baseUrl}${path}`);
  if (path.startsWith('/dashboard') && path !== '/dashboard?signin') {
    await page.locator('#dash-token').fill(session.token);
    await page.getByRole('button', { name: 'Open the dashboard' }).click();
    if (path.includes('#wave=')) await page.locator('#dash-wave h2').waitFor({ timeout: 30_000 });
    else await page.locator('table', { hasText: 'alliance' }).first().waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    // Signing in ends with focus on the first heading shown (dashboard.entry.ts); on a busy CI machine that came
    // after the Tab walk below had begun, which then found the heading "unringed" (2026-12-07): wait for it.
    await page.waitForFunction(() => document.activeElement?.tagName === 'H2', null, { timeout: 30_000 });
  }
  return { page, close: () => context.close() };
}

const PAGES: [string, () => string][] = [
  ['home', () => '/'],
  ['signin', () => '/dashboard?signin'],
  ['waves', () => '/dashboard'],
  ['wave-fielded', () => `/dashboard#wave=${waves.fielded}`],
  ['wave-conjoint', () => `/dashboard#wave=${waves.conjoint}`],
  ['wave-empty', () => `/dashboard#wave=${waves.empty}`],
  ['not-found', () => '/no-such-page'],
  // A mistyped researcher path: its own 404, leading to the dashboard and the home page (walk-through 22).
  ['researcher-not-found', () => '/dashbord'],
];

for (const [size, options] of SIZES) {
  for (const [name, path] of PAGES) {
    test(`${name} at ${size}: no axe violation, nothing to scroll sideways, a focus ring on every control; a wave's wrapped values read from the start edge`, async () => {
      const { page, close } = await open(options, path());
      try {
        // Folded tables (every cell, other terms) opened, so that axe and the width see them too.
        const folded = page.locator('details:not([open]) > summary');
        for (let i = 0; i < 20 && (await folded.count()); i++) await folded.first().click();
        // The first four screens: a wave's whole page is some 50,000 px tall at two device pixels (an image no one
        // can open whole), and drawing it took 3–6 s of each wave page's 8–10 s.
        const { width, height } = page.viewportSize()!;
        const tall = await page.evaluate(() => document.documentElement.scrollHeight);
        await page.screenshot({ path: `/tmp/vlab-researcher-phone-${name}-${size}.png`, fullPage: true, clip: { x: 0, y: 0, width, height: Math.min(tall, 4 * height) } });
        assert.deepEqual(await violations(page), []);
        // And in the dark scheme, at this width (a resize would draw the plots again).
        assert.deepEqual(await darkContrastProblems(page, name, [page.viewportSize()!.width]), []);
        assert.equal(await sideways(page), 0, 'no sideways scrolling');
        const { unringed, reached } = await unringedControls(page);
        assert.deepEqual(unringed, []);
        assert.equal(reached, await shownControls(page), 'Tab reaches every control the page shows');
        // A wave's page, opened already: its stacked values read from the start edge (below, raggedValues).
        if (name === 'wave-fielded' || name === 'wave-empty') {
          assert.deepEqual(await raggedValues(page), [], 'a value that wraps under its label reads from the start edge, every line of it');
          await page.locator('.dash-table', { hasText: 'partial: started' }).screenshot({ path: `/tmp/vlab-researcher-phone-funnel-${name}-${size}.png` });
        }
      } finally {
        await close();
      }
    });
  }
}

// Looked at (walk-through 21): a stacked table's value too long for its label's line went under it, but read from the
// start edge when it fitted one line ("screened out (e.g. declined consent)") and right-aligned, ragged on the left,
// when it took two ("partial: started, not finished (still | answering or abandoned)", a study's title in the waves
// table, "Behavior: Skips joint exercises | (vs. Publicly criticizes the US)").
// Checked on the wave pages the loop above opens (their own test opened each page again, 4 page loads).
/** The stacked tables' values that wrap onto several lines whose lines do not start at one edge (ragged on the left). */
function raggedValues(page: Page): Promise<string[]> {
  return page.locator('.dash-table td[data-label]').evaluateAll((cells) =>
    cells.flatMap((td) => {
      if (td.querySelector('.dash-over-cap')) return [];
      const range = document.createRange();
      range.selectNodeContents(td);
      const lefts = new Map<number, number>();
      for (const r of range.getClientRects()) {
        if (r.width < 1) continue;
        const top = Math.round(r.top);
        lefts.set(top, Math.min(lefts.get(top) ?? Infinity, r.left));
      }
      // Boxes of one line can differ by a few px in top (an inline-block group): lines are 8 px or more apart.
      const lines = [...lefts.entries()].sort((a, b) => a[0] - b[0]).filter(([top], i, all) => i === 0 || top - all[i - 1]![0] >= 8);
      const starts = lines.map(([, left]) => left);
      return lines.length > 1 && Math.max(...starts) - Math.min(...starts) > 2 ? [`${td.getAttribute('data-label')}: "${td.textContent!.trim().slice(0, 60)}" lines start at ${starts.map(Math.round).join(', ')}`] : [];
    }),
  );
}

// Looked at (walk-through 21): at 320 px the home page broke its command at the hyphen of an option ("- | -target"),
// which reads as two words and pastes as them; and a newcomer who opened the address `vlab serve` printed found no
// way on to the dashboard.
test('the home page at 320 px keeps each option of its command whole, and leads to the dashboard', async () => {
  const { page, close } = await open(SIZES[1]![1], '/');
  try {
    const broken = await page.locator('.vlab-message code').evaluateAll((codes) =>
      codes.flatMap((code) => {
        const text = code.firstChild?.nodeType === Node.TEXT_NODE ? code : code;
        const found: string[] = [];
        const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const match of node.textContent!.matchAll(/--[a-z-]+/g)) {
            const range = document.createRange();
            range.setStart(node, match.index!);
            range.setEnd(node, match.index! + match[0].length);
            if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) found.push(match[0]);
          }
        }
        return found;
      }),
    );
    assert.deepEqual(broken, []);
    const link = page.getByRole('link', { name: /dashboard/i });
    assert.equal(await link.getAttribute('href'), '/dashboard');
    await page.screenshot({ path: '/tmp/vlab-researcher-phone-home-fixed-zoom200-320.png' });
  } finally {
    await close();
  }
});

// Walk-through 22: a card fitted on fewer rows than the completes said nothing of the rows left out.
test('a hypothesis card whose fit left rows out says how many, at phone size', async () => {
  const { page, close } = await open(SIZES[0]![1], `/dashboard#wave=${waves.fielded}`);
  try {
    const card = page.locator('article[data-hypothesis="H2"]');
    await card.getByText(/alliance_favorability: \d+ rows? left out/).first().waitFor({ timeout: 30_000 });
    assert.match(await card.innerText(), /alliance_favorability: \d+ rows? left out, missing a value the model uses\./);
    assert.doesNotMatch(await page.locator('article[data-hypothesis="H1"]').innerText(), /left out/);
    await card.screenshot({ path: '/tmp/vlab-researcher-phone-left-out-phone-360.png' });
  } finally {
    await close();
  }
});

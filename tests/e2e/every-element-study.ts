import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { useBrowserSession, type BrowserSession } from './browser-session.ts';
import { serve, type ServedApp } from './serve-process.ts';
import { twoFrames } from './two-frames.ts';
import { withArabic } from './arabic-texts.ts';
import { withHebrew } from './hebrew-texts.ts';

// A study that asks with every question type a definition allows, not only the flagships' radio groups, for the
// browser tests that hold each type to what the flagships' pages meet (every-element.test.ts, typing-resize.test.ts).

export const STUDY = 'every-element';

const text = (en: string, es: string) => ({ en, es });
const choices = (n: number) => Array.from({ length: n }, (_, i) => ({ value: `c${i + 1}`, text: text(`Choice ${i + 1}`, `Opción ${i + 1}`) }));
/** The page added after the outcomes: one question of every type but the radio group, which the study has. */
export const EVERY_ELEMENT_PAGE = {
  name: 'more',
  title: text('A few more questions', 'Unas preguntas más'),
  description: text('The last one is optional.', 'La última es opcional.'),
  elements: [
    { type: 'checkbox', name: 'q_check', title: text('Which do you use? Pick any.', '¿Cuáles usa?'), isRequired: true, choices: choices(4) },
    { type: 'dropdown', name: 'q_drop', title: text('Which one do you prefer?', '¿Cuál prefiere?'), isRequired: true, choices: choices(6) },
    { type: 'rating', name: 'q_rate', title: text('How satisfied are you, from 1 to 10?', '¿Qué tan satisfecho está, de 1 a 10?'), isRequired: true, rateMin: 1, rateMax: 10 },
    { type: 'boolean', name: 'q_bool', title: text('Do you own a car?', '¿Tiene coche?'), isRequired: true },
    // A limit of its own (described, and said when reached); a number with a validator (its error's wording).
    { type: 'text', name: 'q_text', title: text('Your town', 'Su ciudad'), isRequired: true, autocomplete: 'address-level2', maxLength: 20 },
    {
      type: 'text',
      name: 'q_num',
      inputType: 'number',
      title: text('How many buses did you take last week?', '¿Cuántos autobuses tomó la semana pasada?'),
      isRequired: true,
      validators: [{ type: 'numeric', minValue: 0, maxValue: 50 }],
    },
    // The server's 5,000 characters, given as the box's own limit so that it is described (text-limit-browser.test.ts).
    { type: 'comment', name: 'q_comment', title: text('Anything else?', '¿Algo más?'), maxLength: 5000 },
  ],
};

/** How a test file asks for the study otherwise than as above. */
export interface StudyOptions {
  /** The rating's `displayMode`: "dropdown" asks it as a dropdown on every screen (else buttons, the page's default). */
  ratingDisplayMode?: 'dropdown' | 'buttons';
  /** The rating's scale, when not 1 to 10. */
  ratingScale?: { rateMin: number; rateMax: number };
  /** Words at the rating's ends ("Not at all satisfied" … "Completely satisfied": `minRateDescription`, `maxRateDescription`). */
  ratingWords?: boolean;
}

/** The words at the ends of the rating when a test file asks for them (StudyOptions.ratingWords). */
export const RATING_WORDS = {
  minRateDescription: text('Not at all satisfied', 'Nada satisfecho'),
  maxRateDescription: text('Completely satisfied', 'Totalmente satisfecho'),
};

/**
 * Copies the study (English, Spanish, Arabic and Hebrew) with the page above into a definitions folder beside the database,
 * opens a wave of it
 * with the CLI and serves it. Returns the served app and the wave's id.
 */
export async function serveEveryElementStudy(dbPath: string, options: StudyOptions = {}): Promise<{ app: ServedApp; waveId: string }> {
  const definitions = join(dbPath, '..', 'definitions');
  cpSync('survey-definitions/bus-line-funding', join(definitions, STUDY), { recursive: true });
  // The flagship's simulated respondents model its own questions only: with the page above added, its definition
  // would be broken (a required question no simulated respondent answers). This study is never simulated.
  rmSync(join(definitions, STUDY, 'simulation.json'), { force: true });
  const file = join(definitions, STUDY, 'study.json');
  const study = JSON.parse(readFileSync(file, 'utf8'));
  study.id = STUDY;
  const elements = EVERY_ELEMENT_PAGE.elements.map((e) =>
    e.name === 'q_rate'
      ? { ...e, ...options.ratingScale, ...(options.ratingWords ? RATING_WORDS : {}), ...(options.ratingDisplayMode ? { displayMode: options.ratingDisplayMode } : {}) }
      : e,
  );
  study.pages.posttreatment.unshift({ ...EVERY_ELEMENT_PAGE, elements });
  // In Arabic and Hebrew too (arabic-texts.ts, hebrew-texts.ts): right-to-left pages of every question type
  // (page-languages.test.ts).
  writeFileSync(file, JSON.stringify(withHebrew(withArabic(study)), null, 2));
  const env = { ...process.env, VLAB_DEFINITIONS: definitions };
  const created = spawnSync(process.execPath, ['bin/vlab.js', 'wave', 'create', '--study', STUDY, '--target', '50', '--db', dbPath, '--json'], { encoding: 'utf8', env });
  assert.equal(created.status, 0, created.stderr);
  return { app: await serve(dbPath, { VLAB_DEFINITIONS: definitions }), waveId: JSON.parse(created.stdout).id };
}

/**
 * Opens the survey at `url` and answers its radio groups until the page of every element shows; `eachPage` is called
 * on each page before it is answered (the pages on the way walked too: page-languages.test.ts's Hebrew walk).
 */
export async function openEveryElementPage(page: Page, url: string, eachPage?: (page: Page) => Promise<void>): Promise<void> {
  await page.goto(url);
  for (let i = 0; i < 8; i++) {
    await page.locator('.sd-page').waitFor();
    if (await page.locator('[data-name="q_check"]').count()) return;
    await eachPage?.(page);
    const position = await page.locator('.vlab-progress__text').innerText();
    for (const question of await page.locator('.sd-page .sd-question:not(.sd-question--html)').all()) await question.locator('.sd-selectbase__label').first().click();
    await page.locator('.sd-navigation__next-btn').click();
    await page.waitForFunction((before) => document.querySelector('.vlab-progress__text')?.textContent !== before, position);
  }
  throw new Error('the page of every element did not show');
}

/**
 * Focuses `box` (a dropdown's input) as a keyboard user's Tab would, once the scroll that focusing causes has been
 * dispatched (a frame later). SurveyJS closes an open list on any scroll, so a key pressed inside that frame opened
 * the list only for it to close again: on a busy machine the first arrow was lost (every time at 30× CPU throttling).
 */
export async function focusSettled(box: Locator): Promise<void> {
  await box.focus();
  await twoFrames(box.page());
}

/**
 * Opens a dropdown as a respondent's tap does and returns once its list shows and has settled. A tap does not scroll
 * the page (the box is in view to be tapped), but Playwright's click scrolls the box into view first; that scroll's
 * event comes a frame later and SurveyJS closes an open list on any scroll — then the next click, aimed at an item,
 * fell on the page under the closed list (on the box itself, opening the list again with nothing picked: CI,
 * 2026-12-06). So the box is brought into view and the scroll let pass before the tap, and the list let settle after.
 */
export async function openDropdown(dropdown: Locator): Promise<void> {
  const page = dropdown.page();
  await dropdown.scrollIntoViewIfNeeded();
  await twoFrames(page);
  await dropdown.click();
  await page.locator('.sv-list__item:visible').first().waitFor();
  await twoFrames(page);
}

/** A browser test file's session on the every-element study, and the wave's page as a given Prolific respondent. */
export interface EveryElementSession {
  /** Chromium and the served app, set by the file's before hook. */
  session: BrowserSession;
  /** The wave's link as the respondent with this panel ID, asking for `lang` (the link's `?lang=`) when given. */
  link(pid: string, options?: LinkOptions): string;
  /** Opens `link(pid, options)` and answers its radio groups until the page of every element shows (`eachPage`: openEveryElementPage). */
  open(page: Page, pid: string, options?: LinkOptions, eachPage?: (page: Page) => Promise<void>): Promise<void>;
}

/** What a link asks for besides the panel ID: the respondent's language ("en", "es", "ar", "he"). */
export interface LinkOptions {
  lang?: string;
}

/** Registers the file's hooks (useBrowserSession) serving the every-element study on a fresh database. */
export function useEveryElementSession(name: string, options: StudyOptions = {}): EveryElementSession {
  let waveId = '';
  const session = useBrowserSession(name, async (dbPath) => {
    const served = await serveEveryElementStudy(dbPath, options);
    waveId = served.waveId;
    return served.app;
  });
  // The panel ID is encoded, so a test cannot slip other parameters in through it: they are options.
  const link = (pid: string, options: LinkOptions = {}) => {
    const query = new URLSearchParams({ PROLIFIC_PID: pid, ...(options.lang ? { lang: options.lang } : {}) });
    return `${session.app.baseUrl}/s/${waveId}?${query}`;
  };
  return { session, link, open: (page, pid, options, eachPage) => openEveryElementPage(page, link(pid, options), eachPage) };
}

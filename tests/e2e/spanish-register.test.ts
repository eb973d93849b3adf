// The studies speak to a Spanish respondent as "usted"; SurveyJS's own Spanish strings partly said "tú" ("Toca
// aquí para calificar...", "Escribe para buscar..."), so a page switched register between the study's sentence and
// the control under it. public/src/i18n/surveyjs-usted.ts replaces those strings; this file checks the table
// SurveyJS ends up with, and every string a Spanish page shows (text, placeholders, names, tooltips) in the browser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { surveyLocalization } from 'survey-core';
import '../../public/src/i18n/survey-locales.ts';
import { openDropdown, useEveryElementSession } from './every-element-study.ts';

/**
 * Words that address the reader as "tú": second-person verb forms (imperatives and the present) and pronouns that
 * the "usted" register says otherwise (toque, escriba, inténtelo, ha, quiere, está, puede, su). "Firma" is a noun
 * too ("Sin firma"): only the imperative "firma aquí" counts.
 */
const TU_FORMS = /\b(firma aqu[ií]|toca|deja|completa|escribe|escoge|elige|selecciona|introduce|ingresa|agrega|añade|haz|pulsa|elimina|edita|comienza|empieza|inténtalo|vuelve|has|quieres|estás|puedes|tienes|eres|debes|tu|tus|te|ti|contigo)\b/iu;

const tuForms = (strings: string[]) => strings.filter((s) => TU_FORMS.test(s));

test('SurveyJS\'s Spanish strings, as the page registers them, hold no "tú" form', () => {
  const spanish = surveyLocalization.locales.es as Record<string, unknown>;
  const strings = Object.entries(spanish).filter((e): e is [string, string] => typeof e[1] === 'string').map(([key, text]) => `${key}: ${text}`);
  assert.ok(strings.length > 100, `${strings.length} strings`);
  assert.deepEqual(tuForms(strings), []);
});

// The rating asked as a dropdown (a study may say so: the page's default is buttons), so that its placeholder, one
// of SurveyJS's own strings, is among those checked.
const { session, open } = useEveryElementSession('spanish-register', { ratingDisplayMode: 'dropdown' });

/** Every string the page shows a respondent or gives a screen reader: its visible text and the texts of its attributes. */
function shownStrings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const strings = document.body.innerText.split('\n');
    for (const attribute of ['placeholder', 'data-placeholder', 'aria-label', 'aria-description', 'title', 'alt', 'aria-roledescription']) {
      for (const element of document.querySelectorAll(`[${attribute}]`)) strings.push(element.getAttribute(attribute)!);
    }
    for (const title of document.querySelectorAll('svg title')) strings.push(title.textContent ?? '');
    return [...new Set(strings.map((s) => s.trim()).filter(Boolean))];
  });
}

test('the page of every question type in Spanish at 320 px, unanswered, with its errors and with a list open, shows no "tú" form', async () => {
  const context = await session.browser.newContext({ viewport: { width: 320, height: 700 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await open(page, 'register-es', { lang: 'es' });
  const shown = await shownStrings(page);
  await page.locator('.sd-navigation__next-btn').click();
  await page.waitForFunction(() => document.querySelectorAll('.sd-question--error').length >= 6);
  shown.push(...(await shownStrings(page)));
  await openDropdown(page.locator('[data-name="q_drop"] .sd-dropdown'));
  shown.push(...(await shownStrings(page)));
  // SurveyJS's strings are among them, so the check reads what SurveyJS draws: the rating's placeholder, the
  // dropdown's, an error and the list's cancel button.
  for (const expected of ['Toque aquí para calificar...', 'Seleccione...', 'Por favor conteste la pregunta.', 'Anular']) {
    assert.ok(shown.includes(expected), `"${expected}" among ${JSON.stringify([...new Set(shown)])}`);
  }
  assert.deepEqual([...new Set(tuForms(shown))], []);
  await context.close();
});

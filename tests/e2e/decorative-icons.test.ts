// Every question type's drawings (a checkbox's tick, a radio's dot) are decoration: the control beside them says
// checked or not. An <svg> without a role is an image in Chromium's accessibility tree, and one without a name is
// "image" to a screen reader, said beside each option: the every-element page's four checkboxes each had one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unnamedImages } from './accessibility-tree.ts';
import { useEveryElementSession } from './every-element-study.ts';

const { session, open } = useEveryElementSession('decorative-icons');

for (const [width, lang] of [[1280, 'en'], [320, 'es']] as const) {
  test(`every question type at ${width} px (${lang}): no unnamed image in the accessibility tree, unanswered, with its errors, or answered`, async () => {
    const context = await session.browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    await open(page, `icons-${width}`, { lang });
    const found = (await unnamedImages(page)).map((image) => `unanswered: ${image}`);
    await page.locator('.sd-navigation__next-btn').click();
    await page.locator('[data-name="q_check"] [aria-invalid="true"]').first().waitFor();
    found.push(...(await unnamedImages(page)).map((image) => `with its errors: ${image}`));
    await page.locator('[data-name="q_check"] .sd-selectbase__label').first().click();
    await page.locator('[data-name="q_check"] .sd-item--checked').first().waitFor();
    found.push(...(await unnamedImages(page)).map((image) => `answered: ${image}`));
    assert.deepEqual(found, []);
    await context.close();
  });
}

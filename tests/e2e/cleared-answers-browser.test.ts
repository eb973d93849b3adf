// An answer the respondent takes back stays taken back (public/src/cleared-answers.ts, server/domain/
// cleared-answers.ts): SurveyJS drops an emptied comment box or a checkbox with every box unticked from its data,
// and saves merge question by question, so until 2026-12-04 the old answer stayed stored, came back on a reload
// and was exported as given (attack10 pass noticed it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useEveryElementSession } from './every-element-study.ts';

const { session, link, open: openEveryElementPage } = useEveryElementSession('cleared-answers');

test('an emptied comment box and an unticked checkbox are saved as cleared: a reload shows them empty, not the old answers', async () => {
  const context = await session.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const url = link('cleared-answers');
  await openEveryElementPage(page, 'cleared-answers');
  const savedWith = (predicate: (answers: Record<string, unknown>) => boolean) =>
    page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/answers') && r.status() === 200 && predicate(JSON.parse(r.request().postData() ?? '{}').answers ?? {}));

  const given = savedWith((a) => a.q_comment === 'take this back' && Array.isArray(a.q_check));
  const firstBox = page.locator('[data-name="q_check"] .sd-selectbase__label').first();
  await firstBox.click();
  await page.locator('[data-name="q_comment"] textarea').fill('take this back');
  await given;

  const cleared = savedWith((a) => a.q_comment === null && a.q_check === null);
  await firstBox.click();
  await page.locator('[data-name="q_comment"] textarea').fill('');
  await cleared;

  await page.goto(url);
  await page.locator('[data-name="q_comment"] textarea').waitFor();
  assert.equal(await page.locator('[data-name="q_comment"] textarea').inputValue(), '', 'the comment came back after a reload');
  assert.equal(await page.locator('[data-name="q_check"] input:checked').count(), 0, 'the unticked box came back ticked');
  await context.close();
});

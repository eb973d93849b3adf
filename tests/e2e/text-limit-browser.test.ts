// The page's text boxes stop at the 5,000 characters the server takes (server/domain/participant-survey.ts,
// maxTextLength): until 2026-12-04 a comment box took any length, and a respondent who wrote 5,001 characters had
// every later save and the completion refused (attack10 pass).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useEveryElementSession } from './every-element-study.ts';

const { session, open: openEveryElementPage } = useEveryElementSession('text-limit');

test('a comment box keeps 5,000 of 5,010 characters typed or pasted into it, and the save holding them is acknowledged', async () => {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await openEveryElementPage(page, 'text-limit');
  const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/answers') && (r.request().postData() ?? '').includes('q_comment'));
  const box = page.locator('[data-name="q_comment"] textarea');
  await box.fill('x'.repeat(5010));
  assert.equal((await box.inputValue()).length, 5000);
  const response = await saved;
  assert.equal(response.status(), 200, await response.text());
  assert.equal(JSON.parse(response.request().postData()!).answers.q_comment.length, 5000);
  await context.close();
});

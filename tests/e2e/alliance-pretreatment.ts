import type { Page } from 'playwright-core';

/** An option of a question of the page, by its text. */
export const option = (page: Page, question: string, text: string) => page.locator(`[data-name="${question}"]`).getByText(text, { exact: true });

/**
 * On the alliance study's page just opened: consents, answers "About you" (`aboutYou`: question → option text) and
 * the news page's attention check, and stops there, before the Next that runs the quota step.
 */
export async function answerAlliancePretreatment(page: Page, aboutYou: Record<string, string>): Promise<void> {
  await option(page, 'consent', 'Yes, I agree to take part').click();
  await page.getByRole('button', { name: 'Next' }).click();
  for (const [question, text] of Object.entries(aboutYou)) await option(page, question, text).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await option(page, 'attention_check', 'Radio').click();
}

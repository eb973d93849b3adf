import type { Page } from 'playwright-core';

/** A page of the survey as the walk saw it: its position and title, or the end page. */
export interface WalkStep {
  index: number;
  title: string;
  end: boolean;
}

const endHeading = (page: Page) => page.locator('.vlab-message h1');
const progressText = (page: Page) => page.locator('.vlab-progress__text');

/**
 * Takes the survey open in `page` from its current page to the end page, as a respondent who agrees to take
 * part and picks the first option of every question, calling `visit` on each page once it shows (and on the
 * end page). Works for any study: it reads nothing but SurveyJS's markup and our progress line.
 */
export async function walkSurvey(page: Page, visit: (step: WalkStep) => Promise<void>): Promise<WalkStep[]> {
  const steps: WalkStep[] = [];
  await Promise.race([progressText(page).waitFor(), endHeading(page).waitFor()]);
  for (let index = 0; index < 50; index++) {
    if (await endHeading(page).isVisible()) {
      const step = { index, title: (await endHeading(page).innerText()).trim(), end: true };
      steps.push(step);
      await visit(step);
      return steps;
    }
    const position = await progressText(page).innerText();
    // A page may have no title: counted first, so the walk does not wait out a locator's timeout for one.
    const heading = page.locator('.sd-page__title').first();
    const title = (await heading.count()) ? (await heading.innerText()).trim() : '';
    const step = { index, title, end: false };
    steps.push(step);
    await visit(step);
    for (const question of await page.locator('.sd-page .sd-question:not(.sd-question--html)').all()) {
      await question.locator('.sd-selectbase__label').first().click();
    }
    await page.locator('.sd-navigation__next-btn:visible, .sd-navigation__complete-btn:visible').first().click();
    // The next page shows (the progress line changes) or the survey ends (the end page's heading).
    await page.waitForFunction(
      (before) => {
        const text = document.querySelector('.vlab-progress__text')?.textContent;
        const end = document.querySelector('.vlab-message h1')?.textContent;
        return (end && !/…$/.test(end)) || (text && text !== before);
      },
      position,
    );
  }
  throw new Error('walkSurvey: no end page after 50 pages');
}

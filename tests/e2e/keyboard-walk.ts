import type { Page } from 'playwright-core';

// The survey taken by keyboard alone, as a respondent who cannot use a pointer: Tab to each question, Space to pick
// the option Tab lands on (a radio group's first), Tab on to Next or Complete and Enter.

/** What has focus: a radio (its group's name and whether one of the group is picked), the Next/Complete button, or else. */
function focusedControl(page: Page) {
  return page.evaluate(() => {
    const e = document.activeElement as HTMLInputElement;
    const group = e.closest('[role="radiogroup"]');
    return {
      radio: e.type === 'radio',
      group: group?.getAttribute('aria-labelledby') ?? '',
      answered: !!group?.querySelector('input:checked'),
      next: e.matches('.sd-navigation__next-btn, .sd-navigation__complete-btn'),
      complete: e.matches('.sd-navigation__complete-btn'),
    };
  });
}

/**
 * Takes the survey open in `page` to its end by keyboard alone, calling `visit` on each survey page before it is
 * answered. Stops once the last page's Complete is pressed (its answer is the caller's to wait for) and returns the
 * problems met (a page whose Next the keyboard could not reach, or that Enter did not leave).
 */
export async function walkByKeyboard(page: Page, visit: (title: string) => Promise<void> = async () => {}): Promise<string[]> {
  const progress = page.locator('.vlab-progress__text');
  await progress.waitFor();
  for (let pages = 0; pages < 40; pages++) {
    const position = await progress.innerText();
    const heading = page.locator('.sd-page__title').first();
    const title = (await heading.count()) ? (await heading.innerText()).trim() : '';
    await visit(title);
    let pressed: { complete: boolean } | null = null;
    for (let tabs = 0; tabs < 80 && !pressed; tabs++) {
      await page.keyboard.press('Tab');
      const control = await focusedControl(page);
      if (control.radio && !control.answered) await page.keyboard.press('Space');
      if (control.next) {
        await page.keyboard.press('Enter');
        pressed = control;
      }
    }
    if (!pressed) return [`${title}: Next not reached by Tab`];
    if (pressed.complete) return [];
    const left = await page
      .waitForFunction((before) => document.querySelector('.vlab-progress__text')?.textContent !== before, position, { timeout: 5000 })
      .then(() => true, () => false);
    if (!left) return [`${title}: Enter on Next did not leave the page`];
  }
  return ['no Complete after 40 pages'];
}

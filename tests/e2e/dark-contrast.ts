import type { Page } from 'playwright-core';
import { axeViolations } from './axe-wcag.ts';
import { twoFrames } from './two-frames.ts';


/** The widths the dark scheme is checked at: the narrowest phone the pages support, and a laptop. */
export const DARK_WIDTHS = [320, 1280];

/**
 * The one width a check at this page's size looks at the dark scheme at: a phone's (under 600 px) at 320 px, the
 * narrowest, a larger screen at its own. For files that check a page on a phone and on a laptop: until 2026-12-07
 * each of the two looked at both DARK_WIDTHS, so every state was checked at each width twice (1.3 s a page).
 */
export const darkWidthFor = (page: Page): number[] => {
  const width = page.viewportSize()!.width;
  return [width < 600 ? 320 : width];
};

/**
 * The page in the dark colour scheme, at 320 and 1280 px wide (or the widths given: the page's own, for a state a
 * resize would end, such as an open list): no large box left light, and axe's colour-contrast rule (WCAG AA,
 * 1.4.3). Then the page goes back to the light scheme and its own size. The respondent page switches its SurveyJS
 * theme on the change (public/src/color-scheme.ts): the check waits for that, and for the colour transitions to
 * end, before it looks.
 */
export async function darkContrastProblems(page: Page, when: string, widths = DARK_WIDTHS): Promise<string[]> {
  const size = page.viewportSize()!;
  const found: string[] = [];
  // SurveyJS drops a number still being typed (not yet committed, on blur) when the window is resized: a field
  // being typed in is left first, so its value is kept, and focused again at the end.
  const typing = await page.evaluate(() => {
    const active = document.activeElement;
    if (!(active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement) || !active.id) return '';
    active.blur();
    return active.id;
  });
  await page.emulateMedia({ colorScheme: 'dark' });
  try {
    for (const width of widths) {
      await page.setViewportSize({ width, height: size.height });
      await settled(page, 'dark');
      found.push(...(await lightBoxes(page)).map((b) => `${when}, dark, ${width} px: a light box, ${b}`));
      found.push(...(await contrastViolations(page)).map((v) => `${when}, dark, ${width} px: ${v}`));
    }
  } finally {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize(size);
    await settled(page, 'light');
    if (typing) await page.locator(`[id="${typing}"]`).focus();
  }
  return found;
}

/** Waits until the page shows the scheme (the survey's theme applied, if there is a survey) and nothing moves. */
export async function settled(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  await page.waitForFunction((s) => !document.documentElement.dataset.colorScheme || document.documentElement.dataset.colorScheme === s, scheme);
  await twoFrames(page);
  await page.evaluate(async () => {
    const transitions = document.getAnimations().filter((a) => a instanceof CSSTransition);
    await Promise.all(transitions.map((a) => a.finished.catch(() => undefined)));
  });
  // SurveyJS lays a question out again for a new width (a rating drawn as a dropdown on a phone) 100 ms after it
  // sees the resize (its responsivity manager's timer): let it, so the page is checked, and given back, as laid out.
  await page.waitForTimeout(150);
}

/**
 * The page follows the scheme: in dark, no box of the page (the page itself included) is light. A light box is one
 * larger than a button row (2,000 px²) whose own background has a relative luminance over 0.5 (white is 1), other
 * than the respondent page's accent (--vlab-primary): in dark an orange light enough for its text on the boxes to
 * reach AAA's 7:1 (luminance 0.55), which fills SurveyJS's Complete button.
 */
async function lightBoxes(page: Page): Promise<string[]> {
  // A string, not a function: tsx would wrap the named helpers of a function in a __name() the page does not have.
  return page.evaluate(`(() => {
    const luminance = (color) => {
      const [r, g, b, a = 1] = (color.match(/[\\d.]+/g) || []).map(Number);
      if (!a) return 0;
      const linear = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    const accentValue = getComputedStyle(document.documentElement).getPropertyValue('--vlab-primary').trim();
    const probe = document.createElement('i');
    probe.style.backgroundColor = accentValue;
    document.body.append(probe);
    const accent = accentValue ? getComputedStyle(probe).backgroundColor : '';
    probe.remove();
    return [document.documentElement, document.body, ...document.body.querySelectorAll('*')]
      .filter((e) => {
        const box = e.getBoundingClientRect();
        const background = getComputedStyle(e).backgroundColor;
        return box.width * box.height > 2000 && getComputedStyle(e).visibility !== 'hidden' && background !== accent && luminance(background) > 0.5;
      })
      .map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + [...e.classList].slice(0, 2).join('.') + ' (' + getComputedStyle(e).backgroundColor + ')');
  })()`);
}

/** axe's color-contrast-enhanced rule (AAA, 1.4.6: 7:1, 4.5:1 for large text) on the page as it is now. */
export async function enhancedContrastProblems(page: Page): Promise<string[]> {
  return contrastViolations(page, 'color-contrast-enhanced');
}

async function contrastViolations(page: Page, rule = 'color-contrast'): Promise<string[]> {
  const violations = await axeViolations(page, { type: 'rule', values: [rule] });
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(' ')}: ${n.any[0]?.message ?? ''}`));
}

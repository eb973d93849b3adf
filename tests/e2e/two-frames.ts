import type { Page } from 'playwright-core';

/**
 * Two animation frames of the page: a scroll's or a resize's event comes a frame after it (SurveyJS handles a
 * resize in an animation frame and preact draws in the next), so two frames later all is dispatched and drawn. The
 * one wait the browser tests use after a focus, a scroll, a new text size, width or colour scheme.
 */
export function twoFrames(page: Page): Promise<unknown> {
  return page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

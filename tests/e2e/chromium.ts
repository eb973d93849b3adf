import assert from 'node:assert/strict';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_HINT, findChromium } from '../../scripts/find-chromium.mjs';
import { throttled } from './cpu-throttle.ts';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

/**
 * A Chromium, headless, as the browser tests run it: VLAB_TEST_CHROMIUM, else `chromium` (or another name of it) on
 * PATH (scripts/find-chromium.mjs); a clear message if there is none. `npm test` leaves these files out then.
 * VLAB_TEST_CPU_THROTTLE=N slows every page N times (cpu-throttle.ts).
 */
export async function launchChromium(): Promise<Browser> {
  const found = findChromium();
  assert.ok(found.path, `the browser test needs a Chromium: ${found.problem ?? 'none on PATH'}; ${CHROMIUM_HINT}`);
  return throttled(await chromium.launch({ executablePath: found.path, args: CHROMIUM_ARGS }));
}

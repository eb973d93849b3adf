import assert from 'node:assert/strict';
import type { Browser, BrowserContext } from 'playwright-core';

/**
 * VLAB_TEST_CPU_THROTTLE=N runs every page of the browser tests N times slower (Chromium's CPU throttling, as
 * DevTools' "CPU: N× slowdown"), to find tests that only pass on a fast, quiet machine before a busy CI does:
 * two CI failures came from a key pressed a frame too early (dropdown-placeholder), which 30× showed every time.
 * Unset or 1: untouched.
 */
export function cpuThrottleRate(value = process.env.VLAB_TEST_CPU_THROTTLE): number {
  if (value === undefined || value === '') return 1;
  const rate = Number(value);
  assert.ok(Number.isFinite(rate) && rate >= 1, `VLAB_TEST_CPU_THROTTLE: expected a slowdown factor of 1 or more (e.g. 4), got ${JSON.stringify(value)}`);
  return rate;
}

async function throttleContext(context: BrowserContext, rate: number): Promise<BrowserContext> {
  context.on('page', (page) => {
    void context
      .newCDPSession(page)
      .then((cdp) => cdp.send('Emulation.setCPUThrottlingRate', { rate }))
      .catch(() => undefined); // a page closed at once has nothing left to slow
  });
  return context;
}

/** `browser`, whose every new context runs its pages at `rate` × slower CPU (browser.newPage goes through newContext too). */
export function throttled(browser: Browser, rate = cpuThrottleRate()): Browser {
  if (rate === 1) return browser;
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => throttleContext(await newContext(options), rate);
  return browser;
}

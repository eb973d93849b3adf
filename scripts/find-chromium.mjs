// Where the browser tests (and `npm run screenshots`) find a Chromium. Shared by tests/e2e/chromium.ts, which
// launches it, and scripts/run-tests.mjs, which leaves the browser test files out — saying so, as it does for
// PostgreSQL — on a machine that has none, so `npm test` passes in a fresh clone before `apt-get install chromium`.
// `.ci/run` names the browser in VLAB_TEST_CHROMIUM, so CI fails instead of leaving the files out.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Program names a Chromium goes by on PATH (Debian, Ubuntu's older packages, Google's builds). */
export const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];
/** Where macOS installs them (not on PATH there). */
const MAC_APPS = ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

/**
 * The Chromium to run: `VLAB_TEST_CHROMIUM` when set (`problem` says so if nothing is there), else the first of
 * CHROMIUM_NAMES on PATH, else a macOS application; `path` undefined when there is none.
 *
 * @example findChromium({ PATH: '/usr/bin' }) // { path: '/usr/bin/chromium' } on Debian with chromium installed
 */
export function findChromium(env = process.env, exists = existsSync) {
  const named = env.VLAB_TEST_CHROMIUM;
  if (named) {
    return exists(named) ? { path: named } : { problem: `VLAB_TEST_CHROMIUM is ${named}, and there is no file there` };
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of CHROMIUM_NAMES) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (exists(candidate)) return { path: candidate };
    }
  }
  const app = MAC_APPS.find((p) => exists(p));
  return app ? { path: app } : {};
}

/** The one line that says how to get a Chromium the tests can use. */
export const CHROMIUM_HINT = `install Chromium (Debian/Ubuntu: apt-get install -y chromium) or set VLAB_TEST_CHROMIUM=/path/to/chromium`;

import { accessSync, constants } from 'node:fs';
import { basename, isAbsolute, relative } from 'node:path';

/**
 * How the commands that vlab prints (serve's start-up lines and hints) are to be typed, so that each runs as
 * printed in the setup it was started from:
 * - through npm (`npm start`, `npx vlab serve`): vlab is not on the PATH, so `npx vlab`, as the README tells a
 *   newcomer (and as `npm run demo` prints) — when `npxWorks` (npxWorksIn the checkout), else as a script;
 * - as a script, `node bin/vlab.js serve` (docs/deploy.md's systemd unit): that script again, `node bin/vlab.js`
 *   from inside the current folder, its full path from elsewhere (vlab finds its project from the script itself,
 *   whatever the folder);
 * - through an installed or linked `vlab` (npm's bin link has no .js): `vlab`.
 *
 * @example vlabCommand({}, '/srv/vlab/bin/vlab.js', '/srv/vlab') // 'node bin/vlab.js'
 */
export function vlabCommand(env: NodeJS.ProcessEnv, script: string | undefined, cwd: string, npxWorks = true): string {
  if (env.npm_lifecycle_event && npxWorks) return 'npx vlab';
  if (!script || basename(script) === 'vlab' || !script.endsWith('.js')) return 'vlab';
  const inside = relative(cwd, script);
  const path = inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : script;
  return `node ${shellWord(path)}`;
}

/** A path as one shell word: as it is when it has only safe characters, else in single quotes (also `npm run demo`'s). */
export const shellWord = (path: string): string => (/^[\w./-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`);

/**
 * Whether `npx vlab` runs in the checkout at `projectFolder`: npx installs the project into npm's cache, which runs
 * its prepare script (the build) and writes into the checkout, so in one this user may not write (a read-only
 * mount, another user's folder) it fails ("Could not read package.json: ENOENT … _npx/…/package.json").
 *
 * @example npxWorksIn('/srv/vlab') // false on a read-only mount
 */
export function npxWorksIn(projectFolder: string): boolean {
  try {
    accessSync(projectFolder, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

import { basename, isAbsolute, relative } from 'node:path';

/**
 * How the commands that vlab prints (serve's start-up lines and hints) are to be typed, so that each runs as
 * printed in the setup it was started from:
 * - through npm (`npm start`, `npx vlab serve`): vlab is not on the PATH, so `npx vlab`, as the README tells a
 *   newcomer (and as `npm run demo` prints);
 * - as a script, `node bin/vlab.js serve` (docs/deploy.md's systemd unit): that script again, `node bin/vlab.js`
 *   from inside the current folder, its full path from elsewhere (vlab finds its project from the script itself,
 *   whatever the folder);
 * - through an installed or linked `vlab` (npm's bin link has no .js): `vlab`.
 *
 * @example vlabCommand({}, '/srv/vlab/bin/vlab.js', '/srv/vlab') // 'node bin/vlab.js'
 */
export function vlabCommand(env: NodeJS.ProcessEnv, script: string | undefined, cwd: string): string {
  if (env.npm_lifecycle_event) return 'npx vlab';
  if (!script || basename(script) === 'vlab' || !script.endsWith('.js')) return 'vlab';
  const inside = relative(cwd, script);
  const path = inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : script;
  return `node ${shellWord(path)}`;
}

/** A path as one shell word: as it is when it has only safe characters, else in single quotes (also `npm run demo`'s). */
export const shellWord = (path: string): string => (/^[\w./-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`);

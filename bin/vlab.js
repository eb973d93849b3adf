#!/usr/bin/env node
// The `vlab` command. It runs the JavaScript bundle that `npm run build` makes (scripts/build-cli.mjs), and
// never a stale one: each call first compares the sources with those the bundle was built from (stats, a few
// ms) and, when they differ, rebuilds it (about half a second) before running it. If that rebuild fails, the
// TypeScript sources run through tsx instead, with a note saying so.
import '../scripts/require-node.mjs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname } from 'node:path';
import { buildCli, currentCliBuild, markBuildInUse } from '../scripts/build-cli.mjs';
import { publicBundleChange } from '../scripts/build-inputs.mjs';

async function entryPoint() {
  const { main, reason } = currentCliBuild();
  if (main) return pathToFileURL(main).href;
  const started = performance.now();
  try {
    const built = await buildCli();
    // Not worth a word in a script's or a test's captured stderr; at a terminal it explains the pause.
    if (process.stderr.isTTY) process.stderr.write(`vlab: rebuilt dist/cli in ${Math.round(performance.now() - started)} ms (${reason})\n`);
    return pathToFileURL(built).href;
  } catch (error) {
    // esbuild lists its errors with their place; anything else (a read-only tree) has a message.
    const first = error?.errors?.[0];
    const why = first ? `${first.location ? `${first.location.file}:${first.location.line}: ` : ''}${first.text}` : String(error?.message ?? error);
    process.stderr.write(`vlab: could not rebuild dist/cli (${why}); running the TypeScript sources through tsx\n`);
    const { register } = await import('tsx/esm/api');
    register();
    return new URL('../server/cli/main.ts', import.meta.url).href;
  }
}

// The server would serve yesterday's page bundles without a word: say so (rebuilding them takes many seconds).
if (process.argv[2] === 'serve' && !process.env.VLAB_PUBLIC) {
  const stale = publicBundleChange(fileURLToPath(new URL('..', import.meta.url)));
  if (stale) process.stderr.write(`vlab serve: the page bundles in public/dist are not current (${stale}); run npm run build\n`);
}
const entry = await entryPoint();
// The sources' entry (tsx) has no build folder to keep.
if (entry.endsWith('.js')) markBuildInUse(dirname(fileURLToPath(entry)));
await import(entry);

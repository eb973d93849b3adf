#!/usr/bin/env node
// `npm run build`: the respondent page and dashboard bundles (build-public.mjs) and the `vlab` command
// (build-cli.mjs), each rebuilt only when its sources changed since its last build.
import './require-node.mjs';
import { buildCli, currentCliBuild } from './build-cli.mjs';

await import('./build-public.mjs');
const { main, reason } = currentCliBuild();
if (main) {
  console.log('build-cli: up to date');
} else {
  const started = performance.now();
  await buildCli();
  console.log(`build-cli: bundled the vlab command into dist/cli in ${Math.round(performance.now() - started)} ms (${reason})`);
}

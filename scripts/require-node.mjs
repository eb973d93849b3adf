// Imported first by every entry point (bin/vlab.js, scripts/build.mjs, scripts/demo.mjs): on a Node older than the
// one package.json's "engines" names, one line saying which Node is needed, exit 2 — instead of whatever the first
// missing feature would throw later (npm only warns about "engines").

/** The oldest Node the project runs on; package.json's "engines" says the same (tests/scripts/require-node.test.ts). */
export const MINIMUM_NODE = '20.6.0';

/**
 * Why this Node cannot run vlab, or undefined when it can.
 *
 * @example nodeVersionProblem('18.19.1') // 'vlab needs Node 20.6.0 or newer; this is Node 18.19.1 (…)'
 */
export function nodeVersionProblem(version) {
  const have = version.split('.').map(Number);
  const need = MINIMUM_NODE.split('.').map(Number);
  for (let i = 0; i < need.length; i++) {
    if ((have[i] ?? 0) > need[i]) return undefined;
    if ((have[i] ?? 0) < need[i]) {
      return `vlab needs Node ${MINIMUM_NODE} or newer; this is Node ${version} (${process.execPath}): install Node 20 (https://nodejs.org, or nvm install 20)`;
    }
  }
  return undefined;
}

const problem = nodeVersionProblem(process.versions.node);
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(2);
}

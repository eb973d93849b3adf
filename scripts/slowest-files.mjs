// The slowest test files of a run, from the `# file-time <ms> <path>` lines scripts/tap-with-file-times.mjs writes
// into each pass's TAP: printed at
// the end of every `npm test` so a CI log shows where its minutes go (each file's own wall time; the two lanes run
// at once, so the times add up to more than the run).

/**
 * The `count` slowest files of the passes given (each its TAP text), slowest first, as lines for the log. A pass's `suffix` follows
 * its files' paths (" on PostgreSQL"), `root` is cut from the front of each path.
 * @param {{ text: string; suffix?: string }[]} passes
 * @param {{ count?: number; root?: string }} [options]
 * @returns {string[]}
 */
export function slowestFiles(passes, { count = 12, root = '' } = {}) {
  const files = [];
  for (const { text, suffix = '' } of passes) {
    for (const line of text.split('\n')) {
      const found = /^# file-time (\d+) (.+)$/.exec(line);
      if (!found) continue;
      const path = root && found[2].startsWith(root) ? found[2].slice(root.length) : found[2];
      files.push({ ms: Number(found[1]), name: `${path}${suffix}` });
    }
  }
  if (files.length === 0) return [];
  const slowest = files.sort((a, b) => b.ms - a.ms).slice(0, count);
  const width = (slowest[0].ms / 1000).toFixed(1).length;
  return [
    `run-tests: the ${slowest.length} slowest file${slowest.length === 1 ? '' : 's'} of ${files.length} (wall seconds, each file's whole run):`,
    ...slowest.map(({ ms, name }) => `  ${(ms / 1000).toFixed(1).padStart(width)}  ${name}`),
  ];
}

// A reporter for Node's test runner that writes one line per test file: its wall milliseconds (the whole file,
// from its process's start to its end) and its path. Node 20's TAP names no file for a passing test, but the runner
// reports each file as a test of its own whose name is the file's path; scripts/run-tests.mjs reads these lines
// back to list the slowest files at the end of a run (scripts/slowest-files.mjs).

/** @param {AsyncIterable<{ type: string; data: any }>} source */
export default async function* fileTimes(source) {
  for await (const { type, data } of source) {
    if (type === 'test:complete' && data?.nesting === 0 && data.file && data.name === data.file) {
      yield `${Math.round(data.details?.duration_ms ?? 0)}\t${data.file}\n`;
    }
  }
}

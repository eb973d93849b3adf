// Node's TAP reporter, plus a comment line per test file with its wall time: `# file-time <ms> <path>`. Node 20's
// TAP names no file for a passing test, but the runner reports each file as a test of its own, named by its path,
// whose duration is the file's whole run; scripts/run-tests.mjs reads these lines back from the TAP file to list the
// slowest files at the end of a run (scripts/slowest-files.mjs). One reporter, not a third beside spec and TAP:
// Node 20 warns (MaxListenersExceededWarning) on every pass with three.
import { tap } from 'node:test/reporters';

/** @param {AsyncIterable<{ type: string; data: any }>} source */
export default async function* tapWithFileTimes(source) {
  const fileTimes = [];
  async function* watched() {
    for await (const event of source) {
      const { type, data } = event;
      if (type === 'test:complete' && data?.nesting === 0 && data.file && data.name === data.file) {
        fileTimes.push(`# file-time ${Math.round(data.details?.duration_ms ?? 0)} ${data.file}\n`);
      }
      yield event;
    }
  }
  for await (const chunk of tap(watched())) {
    yield chunk;
    yield* fileTimes.splice(0);
  }
  yield* fileTimes.splice(0);
}

import type { Writable } from 'node:stream';

/** Where the verbs' standard output goes: what `process.stdout` offers them. */
export type StandardOutput = Writable & { isTTY?: boolean };

// The vlab verbs write their standard output here, not to process.stdout by name, so that a test can run a verb in
// its own process and read what it printed (tests/analysis/vlab-in-process.ts): spawning bin/vlab.js for each case
// cost about 0.35 CPU seconds a call (a Node start and the bundle's load), and tests/analysis/cli.test.ts made 80.
// In a test process, process.stdout itself is the test runner's channel to its parent, so it cannot be borrowed.
let current: StandardOutput = process.stdout;

/** The verbs' standard output: process.stdout, unless a test has put its own in its place. */
export function standardOutput(): StandardOutput {
  return current;
}

/** Puts `output` in process.stdout's place for the verbs until the returned function is called. */
export function replaceStandardOutput(output: StandardOutput): () => void {
  const before = current;
  current = output;
  return () => {
    current = before;
  };
}

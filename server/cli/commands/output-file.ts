import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where a verb's output goes: standard output, or with `--out FILE` that file. A file is written beside its
 * final name and renamed at the end, so a failed run never leaves half a file behind; stderr then says what
 * was written (stdout stays the data's alone).
 */
export async function writeOutput(verb: string, out: string | undefined, body: Readable | string): Promise<void> {
  const stream = typeof body === 'string' ? Readable.from([body]) : body;
  if (!out) {
    // Never end stdout: on a pipe shared with a parent (npm run demo inherits it) that would close it for the parent too.
    await pipeline(stream, process.stdout, { end: false });
    return;
  }
  const partial = `${out}.partial`;
  try {
    await pipeline(stream, createWriteStream(partial));
    renameSync(partial, out);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  process.stderr.write(`vlab ${verb}: wrote ${out}\n`);
}

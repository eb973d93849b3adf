import { standardOutput } from '../standard-output.ts';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { writeFileWhole } from '../../storage/output-files.ts';
import { overwritesDatabase } from '../../storage/sqlite-file-kind.ts';
import { terminalSafe } from './terminal-stream.ts';
import { UsageError } from '../cli-action.ts';

/**
 * Refuses an --out path whose folder does not exist or is a file, before any work is done: otherwise a long
 * export or estimate would end in a stack trace from the file system (`--out results/wave.csv` with no results/).
 */
export function checkOutputFolder(out: string): void {
  // A folder given where a file is wanted (`--out results/`, as for replication) would be written as
  // `results/.partial` and fail renaming it, naming a file the user never gave.
  if (out.endsWith('/') || out.endsWith(sep) || (existsSync(out) && statSync(out).isDirectory())) {
    throw new UsageError(`--out ${out}: a folder, not a file; name a file in it (--out ${join(out, 'FILE')})`);
  }
  const folder = dirname(resolve(out));
  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    throw new UsageError(`--out ${out}: there is no folder ${folder}; create it first (mkdir -p ${folder}) or give another path`);
  }
  if (!isFolder) throw new UsageError(`--out ${out}: ${folder} is a file, not a folder; give another path`);
  refuseDatabaseTarget('--out', out);
}

/** A path vlab would write (an --out, an --ack-log) that is a SQLite database or one of its files is refused. */
export function refuseDatabaseTarget(option: string, path: string): void {
  const problem = overwritesDatabase(path);
  if (problem) throw new UsageError(`${option} ${problem}`);
}

/**
 * Where a verb's output goes: standard output, or with `--out FILE` that file, whole or absent (writeFileWhole:
 * a failed or interrupted run leaves no half file behind); stderr then says what was written (stdout stays the
 * data's alone).
 */
export async function writeOutput(verb: string, out: string | undefined, body: Readable | string, onWritten?: () => void): Promise<void> {
  const stream = typeof body === 'string' ? Readable.from([body]) : body;
  if (!out) {
    // Never end stdout: on a pipe shared with a parent (npm run demo inherits it) that would close it for the parent too.
    // A terminal is shown the text with what it would act on escaped (terminalSafe); a pipe gets the bytes.
    const stdout = standardOutput();
    if (stdout.isTTY) await pipeline(stream, terminalSafe(), stdout, { end: false });
    else await pipeline(stream, stdout, { end: false });
    onWritten?.();
    return;
  }
  checkOutputFolder(out);
  try {
    await writeFileWhole(out, stream);
  } finally {
    onWritten?.(); // e.g. a progress bar ends its line before the message below
  }
  process.stderr.write(`vlab ${verb}: wrote ${out}\n`);
}

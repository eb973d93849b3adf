import { createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Partial files being written now: removed if the process is told to stop before they are renamed. */
const pending = new Set<string>();
const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Ctrl-C or a service manager's SIGTERM mid-export used to leave `F.partial` behind. The handler removes what is
 * pending, then lets the signal end the process as it would have without a handler (exit status 130 / 143), so a
 * shell or a script sees the same signal death as before.
 */
function removePendingAndStop(signal: NodeJS.Signals): void {
  for (const file of pending) rmSync(file, { force: true });
  pending.clear();
  for (const s of STOP_SIGNALS) process.off(s, removePendingAndStop);
  process.kill(process.pid, signal);
}

function track(file: string): void {
  if (pending.size === 0) for (const s of STOP_SIGNALS) process.on(s, removePendingAndStop);
  pending.add(file);
}

function untrack(file: string): void {
  pending.delete(file);
  if (pending.size === 0) for (const s of STOP_SIGNALS) process.off(s, removePendingAndStop);
}

/**
 * A target that already exists and is no regular file — `/dev/stdout` (a link to the process's pipe or terminal),
 * a FIFO, a device — is written in place: renaming a partial file over it would replace the link or the device
 * node itself (as root, `--out /dev/stdout` turned /dev/stdout into a regular file for the whole machine).
 */
function isStreamTarget(target: string): boolean {
  try {
    const stats = statSync(target);
    return !stats.isFile() && !stats.isDirectory();
  } catch {
    return false;
  }
}

/** A failed write (ENOSPC: the disk is full) names no path; naming the target lets the CLI say it in one line. */
function namedAfter(target: string, error: unknown): unknown {
  const failed = error as NodeJS.ErrnoException;
  if (typeof failed.code === 'string' && failed.syscall === 'write' && failed.path === undefined) failed.path = target;
  return error;
}

/**
 * Writes `body` to `target` so that the file is whole or absent: written beside it as `target.partial`, renamed
 * on success, removed on failure (a full disk) and on SIGINT/SIGTERM. A non-regular target is streamed into.
 *
 * @example await writeFileWhole('wave.csv', exportStream) // wave.csv appears only once the export has ended
 */
export async function writeFileWhole(target: string, body: Readable): Promise<void> {
  if (isStreamTarget(target)) {
    await pipeline(body, createWriteStream(target)).catch((error: unknown) => Promise.reject(namedAfter(target, error)));
    return;
  }
  const partial = `${target}.partial`;
  track(partial);
  try {
    await pipeline(body, createWriteStream(partial));
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    throw namedAfter(target, error);
  } finally {
    untrack(partial);
  }
}

import { randomBytes } from 'node:crypto';
import { constants, createWriteStream, fchmodSync, linkSync, lstatSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { basename, dirname, join } from 'node:path';
import { overwritesDatabase } from './sqlite-file-kind.ts';
import { processStartMs } from './process-start.ts';

/** Partial files and folders being written now: removed if the process is told to stop before they are renamed. */
const pending = new Set<string>();
const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Ctrl-C or a service manager's SIGTERM mid-export used to leave `F.partial` behind. The handler removes what is
 * pending, then lets the signal end the process as it would have without a handler (exit status 130 / 143), so a
 * shell or a script sees the same signal death as before.
 */
function removePendingAndStop(signal: NodeJS.Signals): void {
  for (const path of pending) removeOwnPartial(path);
  pending.clear();
  for (const s of STOP_SIGNALS) process.off(s, removePendingAndStop);
  process.kill(process.pid, signal);
}

/** Removes `file` if it is a regular file: a folder or device of that name is not one this process wrote. */
export function removeIfFile(file: string): void {
  try {
    if (lstatSync(file).isFile()) rmSync(file);
  } catch {
    // Already gone (or unreadable): nothing of ours to remove.
  }
}

/**
 * Removes a partial file or partial folder this process made (its random name cannot have been another's): a folder
 * with everything in it. A link of that name is only unlinked, never followed.
 */
export function removeOwnPartial(path: string): void {
  try {
    const stats = lstatSync(path);
    if (stats.isFile()) rmSync(path);
    else if (stats.isDirectory()) rmSync(path, { recursive: true, force: true });
  } catch {
    // Already gone: nothing of ours to remove.
  }
}

function track(files: readonly string[]): void {
  if (pending.size === 0) for (const s of STOP_SIGNALS) process.on(s, removePendingAndStop);
  for (const file of files) pending.add(file);
}

function untrack(files: readonly string[]): void {
  for (const file of files) pending.delete(file);
  if (pending.size === 0) for (const s of STOP_SIGNALS) process.off(s, removePendingAndStop);
}

/**
 * Runs `work`, which writes `files`, so that a SIGINT/SIGTERM meanwhile removes them before the process dies of the
 * signal — for writers that cannot go through writeFileWhole's stream (`vlab db backup`'s SQLite online backup
 * writes its copy, and a rollback journal beside it, itself).
 */
export async function removedIfStopped<T>(files: readonly string[], work: () => Promise<T>): Promise<T> {
  track(files);
  try {
    return await work();
  } finally {
    untrack(files);
  }
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
 * This process's own partial name for `target`: `target.partial-<pid>-<random>`. One shared `target.partial` let two
 * runs writing one --out at once (a cron job and a researcher) unlink each other's partial file, and the first's
 * rename could put the second's unfinished file in place under the final name (attacker pass 13). The random part
 * also makes the name unguessable, so nobody can plant a link under it in a shared folder beforehand.
 */
export function partialNameFor(target: string): string {
  return `${target}.partial-${process.pid}-${randomBytes(6).toString('hex')}`;
}

/** File systems without hard links (FAT on a USB stick, some network shares) answer link() with one of these. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/**
 * Gives the finished `from` the name `to` only if nothing has it yet: a hard link fails with EEXIST where a rename
 * would replace what another writer of the same name put there meanwhile (the caller removes `from`'s own name).
 * Where hard links are unsupported, a rename after one more look (lstat: a dangling link counts as taken).
 */
export function placeWithoutReplacing(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch (error) {
    if (!NO_HARD_LINKS.has((error as NodeJS.ErrnoException).code ?? '') || lstatSync(to, { throwIfNoEntry: false })) throw error;
    renameSync(from, to);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

/** Says what removeDeadWritersPartials removed; silent unless the CLI asks (reportRemovedPartials). */
let reportRemoved: (path: string, pid: number) => void = () => undefined;

/**
 * A kill -9 cannot be caught, so its partial file or folder (panel IDs, 0600 / 0700) stays. The next writer of the
 * same target removes those whose process is gone — regular files and folders of this user only (a folder with its
 * files; links inside are unlinked, never followed); a live writer's (another shell's) is left alone.
 * A writer in another PID namespace or on another host sharing the folder looks dead here: its rename then fails
 * with ENOENT and it reports the error, and no file is left half-written under the final name.
 */
export function removeDeadWritersPartials(target: string): void {
  for (const { path, pid } of deadWritersPartials(target)) {
    try {
      const stats = lstatSync(path);
      if (!(stats.isFile() || stats.isDirectory()) || stats.uid !== process.getuid?.()) continue;
      removeOwnPartial(path);
      reportRemoved(path, pid);
    } catch {
      // Gone meanwhile (another writer cleaned it): nothing to do.
    }
  }
}

/**
 * Has every later removal of a killed run's partial file or folder reported: the CLI says it on stderr, so the file
 * a researcher saw beside their --out (or hidden in a package folder) does not vanish without a word.
 */
export function reportRemovedPartials(report: (path: string, pid: number) => void): void {
  reportRemoved = report;
}

/**
 * How much later than a partial's last change the process now holding its pid must have started for it not to be
 * the writer: the start time is good to a second or so (processStartMs), and a writer changes its partial only
 * after it has started.
 */
const REUSED_PID_MARGIN_MS = 5_000;

/**
 * Whether the process that wrote `path` (its name's `pid`) is gone: no process has that pid, or the one that has it
 * started after the partial last changed — a pid taken again since the kill (a container restarted, whose pids
 * count from 1 again; pid_max 32,768 wraps on a busy machine) kept the partial, with every panel ID in it, for good.
 */
function writerGone(path: string, pid: number): boolean {
  if (!isRunning(pid)) return true;
  const started = processStartMs(pid);
  const changed = lstatSync(path, { throwIfNoEntry: false })?.mtimeMs;
  return started !== undefined && changed !== undefined && started - changed > REUSED_PID_MARGIN_MS;
}

/** The partial files and folders of `target` whose writer's process is gone. */
function deadWritersPartials(target: string): { path: string; pid: number }[] {
  const prefix = `${basename(target)}.partial-`;
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return []; // the folder cannot be listed: the open below reports what is wrong
  }
  const dead: { path: string; pid: number }[] = [];
  for (const name of names) {
    const match = name.startsWith(prefix) ? /^(\d+)-[0-9a-f]{12}(-journal|-wal|-shm)?$/.exec(name.slice(prefix.length)) : null;
    const path = join(dirname(target), name);
    if (match && writerGone(path, Number(match[1]))) dead.push({ path, pid: Number(match[1]) });
  }
  return dead;
}

/**
 * The partial file, created new and owner-only (0600) whatever the umask: exports and replication packages hold
 * panel IDs. O_EXCL|O_NOFOLLOW: anything already under the (random) name is refused, never followed or truncated.
 */
function freshOwnerOnlyFd(partial: string): number {
  const fd = openSync(partial, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  fchmodSync(fd, 0o600); // the umask may have taken bits away from 0600 (0277); the owner still needs to read it
  return fd;
}

/**
 * Writes `body` to `target` so that the file is whole or absent: written beside it as `target.partial-<pid>-<random>`
 * (partialNameFor: several writers at once never share one), renamed on success, removed on failure (a full disk)
 * and on SIGINT/SIGTERM; the rename is atomic, so the target is always some writer's whole output. A non-regular target is streamed into.
 *
 * @example await writeFileWhole('wave.csv', exportStream) // wave.csv appears only once the export has ended
 */
export async function writeFileWhole(target: string, body: Readable): Promise<void> {
  const database = overwritesDatabase(target); // the CLI says so before any work; this is for every other caller
  if (database) throw new Error(database);
  if (isStreamTarget(target)) {
    await pipeline(body, createWriteStream(target)).catch((error: unknown) => Promise.reject(namedAfter(target, error)));
    return;
  }
  removeDeadWritersPartials(target);
  const partial = partialNameFor(target);
  const fd = freshOwnerOnlyFd(partial); // before tracking it: a name this process did not create is not its to remove
  await removedIfStopped([partial], async () => {
    try {
      await pipeline(body, createWriteStream('', { fd }));
      renameSync(partial, target);
    } catch (error) {
      removeIfFile(partial);
      throw namedAfter(target, error);
    }
  });
}

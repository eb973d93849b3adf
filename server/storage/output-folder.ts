import { chmodSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { join, resolve } from 'node:path';
import { partialNameFor, placeWithoutReplacing, removeDeadWritersPartials, removedIfStopped, removeIfFile, removeOwnPartial, writeFileWhole } from './output-files.ts';

/** One file of a folder written by writeFolderWhole; `stream` is called when that file's turn comes. */
export interface FolderFile {
  name: string;
  stream: () => Readable;
}

/** The partial folder's base name inside a target folder that already exists. */
const INSIDE = '.vlab-package';

const isFolder = (path: string): boolean => {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
};

/**
 * A package folder that is there and not empty (a file of that name counts): it is never written into or replaced.
 * Other writers' partial folders inside it do not count: as beside a new folder, the first writer to finish takes
 * it (one that failed or was stopped takes nothing, and a killed one's partial is removed by the next writer).
 */
export function occupiedFolder(folder: string): boolean {
  try {
    return !lstatSync(folder).isDirectory() || readdirSync(folder).some((entry) => !entry.startsWith(`${INSIDE}.partial-`));
  } catch {
    return false; // not there yet
  }
}

/** `folder` taken by another writer (or a person) meanwhile: refused with ENOTEMPTY, as a rename onto it fails. */
function notEmpty(folder: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOTEMPTY: ${folder} is not empty`), { code: 'ENOTEMPTY', path: folder });
}

/** A fresh owner-only (0700 whatever the umask) folder of this process's own (partialNameFor of `name`). */
function freshOwnerOnlyFolder(name: string): string {
  const partial = partialNameFor(name);
  mkdirSync(partial, { mode: 0o700 }); // EEXIST, never reuse, were anything under the random name already
  chmodSync(partial, 0o700);
  return partial;
}

/**
 * Puts the partial folder's files into the existing `target`, in the package's order. A hard link never replaces a
 * file, so the first name claims the folder: a writer that finds it taken stops there, before linking anything. Where
 * hard links are unsupported, a rename after one more look. Names linked before a later one failed are removed.
 */
function moveInto(partial: string, target: string, names: readonly string[]): void {
  const linked: string[] = [];
  try {
    for (const name of names) {
      const to = join(target, name);
      placeWithoutReplacing(join(partial, name), to);
      linked.push(to);
    }
  } catch (error) {
    for (const to of linked) removeIfFile(to);
    throw error;
  }
}

/**
 * Writes `files` as the folder `folder` so that it holds all of them or none, and never another writer's mixed in.
 * They are written into a fresh owner-only folder of this process (`NAME.partial-<pid>-<random>`, as partialNameFor
 * names partial files): beside a new target, renamed onto it at the end (a rename replaces at most an empty
 * folder); inside a target that exists and is empty (a folder the researcher made: its mode, group and mount stay),
 * moved into it file by file with hard links, where the first file claims the folder. Either way a folder another
 * run (or a person) filled meanwhile is refused with ENOTEMPTY and left as it is. A failure or SIGINT/SIGTERM
 * removes the partial folder; a killed writer's is removed by the next writer of `folder`. Writing into `folder`
 * itself, file by file, let two runs racing past the "not empty" check mix their files, and one that failed removed
 * the files the other had completed (attacker pass 14).
 *
 * @example await writeFolderWhole('package', [{ name: 'data.csv', stream: () => csv }])
 */
export async function writeFolderWhole(folder: string, files: readonly FolderFile[]): Promise<void> {
  const target = resolve(folder); // 'pkg/' would put 'pkg/.partial-…' inside the target
  if (occupiedFolder(target)) throw notEmpty(folder);
  const inPlace = isFolder(target);
  const name = inPlace ? join(target, INSIDE) : target;
  removeDeadWritersPartials(name);
  const partial = freshOwnerOnlyFolder(name); // before tracking it: a name this process did not create is not its to remove
  await removedIfStopped([partial], async () => {
    try {
      for (const f of files) await writeFileWhole(join(partial, f.name), f.stream());
      if (inPlace) moveInto(partial, target, files.map((f) => f.name));
      else renameSync(partial, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR' ? notEmpty(folder) : error;
    } finally {
      removeOwnPartial(partial); // after a move into the target: the partial's own names of the linked files
    }
  });
}

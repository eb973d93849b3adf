// What a build was made from, so that the next build (or `bin/vlab.js` at every call) can tell in a few
// milliseconds whether the sources changed since. A record lists every input file with its size, mtime and
// SHA-256, and the listing of each watched folder (a new migration or entry file must trigger a rebuild even
// though no other file changed). The check stats each file and reads only those whose size or mtime moved: a
// touched but unchanged file (git checkout, an editor's save) costs one hash, not a rebuild.
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** Files of `dir` (relative to root) ending in `suffix`, sorted: the listing a watched folder is compared by. */
export function listFolder(root, { dir, suffix }) {
  return readdirSync(join(root, dir))
    .filter((name) => name.endsWith(suffix))
    .sort();
}

/**
 * The record of a build: `files` (paths relative to root) with size, mtime and hash; `folders` with their
 * listings; and `id`, a hash of all contents and of `salt` (what else decides the output: tool version, options).
 *
 * `startedMs`, when given, is when the build began reading its inputs. A file modified since then may have been
 * read by the bundler before the edit and hashed here after it, so the record cannot say what the bundle holds: it is
 * recorded as unsettled (no mtime, a hash no file has), and the next check rebuilds. Only times up to now count: a
 * file touched with a future time was not saved during the build.
 */
export function recordInputs(root, files, folders, salt, startedMs) {
  const inputs = {};
  for (const file of [...new Set(files)].sort()) {
    const path = join(root, file);
    const { size, mtimeMs } = statSync(path);
    const unsettled = startedMs !== undefined && mtimeMs >= startedMs - CLOCK_SLACK_MS && mtimeMs <= Date.now() + CLOCK_SLACK_MS;
    inputs[file] = unsettled
      ? { size, mtimeMs: null, sha256: `unsettled ${randomUUID()}` }
      : { size, mtimeMs, sha256: sha256(readFileSync(path)) };
  }
  const listings = folders.map((folder) => ({ ...folder, files: listFolder(root, folder) }));
  const id = sha256(JSON.stringify({ salt, files: Object.entries(inputs).map(([f, i]) => [f, i.sha256]), listings }));
  return { id: id.slice(0, 16), inputs, folders: listings };
}

/** File times come from the kernel's coarse clock, which can lag Date.now() by a tick or two. */
const CLOCK_SLACK_MS = 20;

/** Why the sources differ from `record` (the first difference found), or null when they are the same. */
export function changedInput(root, record) {
  for (const [file, was] of Object.entries(record.inputs)) {
    let stat;
    try {
      stat = statSync(join(root, file));
    } catch {
      return `${file} is gone`;
    }
    if (was.mtimeMs === null) return `${file} changed while it was being built`;
    if (stat.size === was.size && stat.mtimeMs === was.mtimeMs) continue;
    if (stat.size !== was.size || sha256(readFileSync(join(root, file))) !== was.sha256) return `${file} changed`;
  }
  for (const folder of record.folders) {
    let now;
    try {
      now = listFolder(root, folder);
    } catch {
      return `${folder.dir} is gone`;
    }
    if (now.join('\n') !== folder.files.join('\n')) return `${folder.dir} has other *${folder.suffix} files`;
  }
  return null;
}

/**
 * A bundled package's file stands for its package.json: npm changes a package's files only by installing another
 * version, which changes that file too, and a check stats a few dozen manifests instead of hundreds of files.
 */
export function packageManifest(input) {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  return match ? `${match[1]}/package.json` : input;
}

/** Where build-public.mjs records the inputs of the page bundles, relative to the project. */
export const PUBLIC_RECORD = 'public/dist/inputs.json';

/** Why the page bundles in public/dist differ from their sources (or do not exist), or null when current. */
export function publicBundleChange(root) {
  const record = readRecord(join(root, PUBLIC_RECORD));
  return record ? changedInput(root, record) : 'there is no build yet';
}

/** The record saved at `path`, or null when there is none or it cannot be read. */
export function readRecord(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

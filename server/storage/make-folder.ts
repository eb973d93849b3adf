import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * `mkdir -p`, one folder at a time, each missing one made with `mode` (the database's folder and a rescue copy's:
 * 0700). Node's recursive mkdir reports ENOENT for a folder it cannot make on a read-only file system (a container's
 * read-only root, systemd's ProtectSystem=strict) instead of EROFS, and under /proc it loops for ever at full CPU;
 * each missing folder made in turn gives the real reason at once.
 *
 * @example makeFolder('/srv/vlab/data', 0o700) // the missing folders of the path, each the owner's alone
 */
export function makeFolder(folder: string, mode = 0o777): void {
  const missing: string[] = [];
  let at = folder;
  for (; !existsSync(at) && dirname(at) !== at; at = dirname(at)) missing.unshift(at);
  if (!statSync(at).isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${folder}'`), { code: 'ENOTDIR', path: at });
  for (const part of missing) {
    try {
      mkdirSync(part, { mode });
    } catch (error) {
      // Another process starting on the same new folder made it first.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

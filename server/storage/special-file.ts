import { statSync, type Stats } from 'node:fs';

/**
 * What a path that is no regular file is, in words, or null: a file, or a folder (whose reader says EISDIR in its
 * own words). Opening a FIFO waits for ever for its other end; a device such as /dev/zero never ends.
 */
export function notPlainFile(stats: Stats): string | null {
  if (stats.isFile()) return null;
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return null;
}

/** notPlainFile of what `path` leads to (through links), or null when nothing is there yet or it cannot be seen. */
export function notPlainFileAt(path: string): string | null {
  try {
    return notPlainFile(statSync(path));
  } catch {
    return null;
  }
}

import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { DomainError } from '../domain/errors.ts';
import type { SpoolBudget } from '../workers/spool-budget.ts';

/** What a download refused for want of temporary space is asked to wait: other HTTP/1.0 downloads must finish. */
const SPOOL_RETRY_AFTER_SECONDS = 30;

/**
 * The whole of `body`, written to a temporary file first: its length in bytes, and a stream of it that closes the
 * file when it ends or is destroyed. For a response that cannot be chunked (an HTTP/1.0 request): only a file known
 * whole can be sent with its Content-Length, and only a Content-Length lets such a client see a cut. The file is
 * unlinked as soon as it is open (its folder made 0700 by mkdtemp, itself 0600: it holds panel IDs), so a process
 * killed mid-download leaves nothing behind. A failure of `body` rejects before any byte of the answer.
 *
 * The bytes are written with the handle's own `writeFile`, not a write stream: a write stream made with
 * `autoClose: false` keeps a reference on the handle that nothing gives back, and the read stream's close then
 * waited on it for ever, so every download's descriptor stayed open until garbage collection (attacker pass 22).
 *
 * Its bytes count in `budget` from the first written until its stream closes; a file that would pass the budget
 * rejects with 503 `busy` (and `body`, left by the loop, is destroyed: the worker stops and frees its job).
 */
export async function spoolWhole(body: Readable, budget: SpoolBudget): Promise<{ length: number; stream: Readable }> {
  const folder = tmpdir();
  let handle: FileHandle;
  try {
    const dir = await mkdtemp(join(folder, 'vlab-download-'));
    handle = await open(join(dir, 'file'), 'w+', 0o600).finally(() => rm(dir, { recursive: true, force: true }));
  } catch (error) {
    body.destroy(); // the worker stops and frees its job
    throw folderRefusal(folder, error);
  }
  let taken = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      if (!budget.take(chunk.length)) throw spoolFull();
      taken += chunk.length;
      // writeFile writes from the current position and retries a short write.
      await handle.writeFile(chunk);
    }
    const { size } = await handle.stat();
    const stream = handle.createReadStream({ start: 0 });
    stream.once('close', () => budget.give(taken));
    return { length: size, stream };
  } catch (error) {
    budget.give(taken);
    await handle.close();
    throw folderRefusal(folder, error);
  }
}

/** The temporary folder's own failures (full, read-only, missing, not ours): the operator's to mend, not a bug. */
const FOLDER_FAILURES = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'EROFS', 'EACCES', 'EPERM', 'ENOENT', 'ENOTDIR']);

/** The cause of a download refused for its temporary folder, logged once a minute in these words (routes/errors.ts). */
export class SpoolFolderFailure extends Error {
  readonly code: unknown;
  readonly words: string;

  constructor(folder: string, error: NodeJS.ErrnoException) {
    super(error.message);
    this.code = error.code;
    this.words =
      `HTTP/1.0 downloads cannot be written to the temporary folder ${folder} (full, read-only or missing?): they are ` +
      'answered 503 busy; free space there, set TMPDIR to a folder with room, or have the proxy speak HTTP/1.1 (docs/deploy.md)';
  }
}

/**
 * A failure of the temporary folder as a 503 `busy` (before, a 500 logged with its stack for every such download: a
 * container's small or read-only /tmp, attacker pass 32); any other error as it is.
 */
function folderRefusal(folder: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string' || !FOLDER_FAILURES.has(code)) return error;
  return new DomainError(
    'busy',
    'the server cannot write the temporary copy an HTTP/1.0 download needs right now: try again later, or download over HTTP/1.1',
    {},
    SPOOL_RETRY_AFTER_SECONDS,
    new SpoolFolderFailure(folder, error as NodeJS.ErrnoException),
  );
}

const spoolFull = () =>
  new DomainError(
    'busy',
    'the server\'s temporary space for HTTP/1.0 downloads is full (VLAB_DOWNLOAD_SPOOL_MB): try again later, or download over HTTP/1.1',
    {},
    SPOOL_RETRY_AFTER_SECONDS,
  );

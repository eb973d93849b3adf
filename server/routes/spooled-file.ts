import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

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
 */
export async function spoolWhole(body: Readable): Promise<{ length: number; stream: Readable }> {
  const dir = await mkdtemp(join(tmpdir(), 'vlab-download-'));
  const handle = await open(join(dir, 'file'), 'w+', 0o600).finally(() => rm(dir, { recursive: true, force: true }));
  try {
    // writeFile writes from the current position and retries a short write.
    for await (const chunk of body as AsyncIterable<Buffer>) await handle.writeFile(chunk);
    const { size } = await handle.stat();
    return { length: size, stream: handle.createReadStream({ start: 0 }) };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

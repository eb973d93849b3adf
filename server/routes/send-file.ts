import type { Request, Response } from 'express';
import type { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type { ResearcherFile, ResearcherPool } from '../workers/researcher-pool.ts';
import { spoolWhole } from './spooled-file.ts';

/**
 * Streams a file made by a researcher worker as an attachment. Once bytes are out, a failure (a stalled or
 * departed client, a worker error) can only cut the response short. A client that left before the first byte
 * (a tab closed while the download waited for its place) has nobody to answer either: that is not an error of
 * ours, and passing it on logged it as one with its stack.
 *
 * A cut must show: over HTTP/1.1 the response is chunked and a cut lacks the last chunk. An HTTP/1.0 request
 * (nginx proxies with it unless told `proxy_http_version 1.1`) cannot be chunked, and its body ends where the
 * connection closes, so a cut file looked whole (attacker pass 21). For it the file is made whole first and sent
 * with its Content-Length; a worker failing before the end is then an error answer, not a shorter file.
 *
 * A client that stops reading for `stallSeconds` is cut off. While the worker still makes the file its own
 * watchdog does that (researcher-pool.ts); once every byte is made (a spooled file, or the worker's last chunk)
 * only the connection is left waiting, and held its socket and the spooled file until the client left. The spooled
 * files together hold at most `VLAB_DOWNLOAD_SPOOL_MB` (spooled-file.ts).
 */
export async function sendFile(
  res: Response,
  file: ResearcherFile,
  { downloadStallSeconds: stallSeconds, spool }: Pick<ResearcherPool, 'downloadStallSeconds' | 'spool'>,
  headers: Record<string, string> = {},
): Promise<void> {
  res.set({ 'Content-Type': file.meta.contentType, 'Content-Disposition': `attachment; filename="${file.meta.fileName}"`, ...headers });
  // HEAD: a GET's headers (but a length, which needs the whole file), and the worker stopped: `curl -I` or a link
  // checker made a whole export for nobody, holding a job's place (over HTTP/1.0, never answered until it was made).
  if (res.req.method === 'HEAD') {
    file.body.destroy();
    res.end();
    return;
  }
  // A client gone before its file came (it left while its token was checked, or while the file waited for its
  // place): nobody to make it for, and a 'close' listener added now would never hear the close that has passed, so
  // over HTTP/1.0 the whole export was made for nobody (attacker pass 31).
  if (res.closed || res.destroyed) {
    file.body.destroy();
    return;
  }
  let body: Readable = file.body;
  if (!canBeChunked(res.req)) {
    // A client gone while the file is made stops the making: the worker made a whole export for nobody.
    const stop = () => file.body.destroy();
    res.once('close', stop);
    const whole = await spoolWhole(file.body, spool).catch((error: unknown) => {
      if (res.destroyed) return null;
      throw error;
    });
    res.off('close', stop);
    if (!whole) return;
    res.set('Content-Length', String(whole.length));
    body = whole.stream;
  }
  if (body === file.body) body.once('end', () => cutWhenStalled(res, stallSeconds));
  else cutWhenStalled(res, stallSeconds);
  // However the response ends (sent, cut, the client gone), the file is closed now, not at garbage collection.
  void finished(res).catch(() => undefined).finally(() => body.destroy());
  try {
    await pipeline(body, res);
  } catch (error) {
    if (!res.headersSent && !res.destroyed) throw error;
    res.destroy();
  }
}

/**
 * Destroys `res` (its socket, and so the file piped into it) after `seconds` in which the socket wrote nothing:
 * Node's socket timeout counts every completed write, and a client that stops reading lets none complete. Node
 * sets the connection's own timeout again once the response is done (keep-alive), so nothing is left armed.
 */
function cutWhenStalled(res: Response, seconds: number): void {
  res.setTimeout(seconds * 1000, () => res.destroy());
}

/** Whether Node answers `req` chunked when no length is set: from HTTP/1.1 on. */
const canBeChunked = (req: Request) => req.httpVersionMajor > 1 || (req.httpVersionMajor === 1 && req.httpVersionMinor >= 1);

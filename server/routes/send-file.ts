import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import type { ResearcherFile } from '../workers/researcher-pool.ts';

/**
 * Streams a file made by a researcher worker as an attachment. Once bytes are out, a failure (a stalled or
 * departed client, a worker error) can only cut the response short. A client that left before the first byte
 * (a tab closed while the download waited for its place) has nobody to answer either: that is not an error of
 * ours, and passing it on logged it as one with its stack.
 */
export async function sendFile(res: Response, file: ResearcherFile, headers: Record<string, string> = {}): Promise<void> {
  res.set({ 'Content-Type': file.meta.contentType, 'Content-Disposition': `attachment; filename="${file.meta.fileName}"`, ...headers });
  try {
    await pipeline(file.body, res);
  } catch (error) {
    if (!res.headersSent && !res.destroyed) throw error;
    res.destroy();
  }
}

import { getPriority, setPriority } from 'node:os';
import type { Readable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { openReadOnlyStore } from '../storage/open-store.ts';
import { DomainError } from '../domain/errors.ts';
import { createResearcherJobs, type ResearcherJobs } from './researcher-jobs.ts';
import { serializeError, type FromWorker, type ToWorker } from './researcher-protocol.ts';

/** Bytes per message of a stream: large enough that the messages cost little, small enough to keep memory flat. */
const CHUNK_BYTES = 64 * 1024;

/**
 * This thread runs this much nicer than the process: when respondents and researcher work compete for the
 * cores, the respondents' thread goes first. On Linux, setpriority for "process" 0 applies to the calling
 * thread alone.
 */
const NICER_BY = 10;
const NICEST = 19;

const { dbPath, quotaLeaseSeconds } = workerData as { dbPath: string; quotaLeaseSeconds: number };
setPriority(Math.min(NICEST, getPriority() + NICER_BY));
const port = parentPort!;
/** Seconds a client is asked to wait when this worker could not open the database (PostgreSQL down at the time). */
const REOPEN_RETRY_AFTER_SECONDS = 5;
let opening: Promise<ResearcherJobs> | null = null;
/** The jobs over this thread's store, opened with the first job; a failed open is tried again by the next job. */
function jobsReady(): Promise<ResearcherJobs> {
  if (!opening) {
    opening = openReadOnlyStore(dbPath).then((store) => createResearcherJobs(store, { quotaLeaseSeconds }));
    opening.catch(() => (opening = null));
  }
  return opening.catch(() => {
    throw new DomainError('busy', 'the database cannot be opened right now; try again shortly', {}, REOPEN_RETRY_AFTER_SECONDS);
  });
}
const streams = new Map<number, AsyncGenerator<Buffer>>();
const post = (message: FromWorker) => port.postMessage(message);

/** The stream's bytes in chunks of about CHUNK_BYTES, read only as far as the next chunk asked for. */
async function* chunks(body: Readable): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let size = 0;
  for await (const part of body) {
    const buffer = typeof part === 'string' ? Buffer.from(part) : (part as Buffer);
    parts.push(buffer);
    size += buffer.length;
    if (size >= CHUNK_BYTES) {
      yield Buffer.concat(parts, size);
      parts = [];
      size = 0;
    }
  }
  if (size > 0) yield Buffer.concat(parts, size);
}

async function pull(id: number): Promise<void> {
  const stream = streams.get(id);
  if (!stream) return;
  try {
    const next = await stream.next();
    if (next.done) {
      streams.delete(id);
      post({ id, type: 'end' });
    } else {
      post({ id, type: 'chunk', chunk: next.value });
    }
  } catch (error) {
    streams.delete(id);
    post({ id, type: 'error', error: serializeError(error) });
  }
}

port.on('message', (message: ToWorker) => void handle(message));

async function handle(message: ToWorker): Promise<void> {
  const { id } = message;
  switch (message.type) {
    case 'value':
      try {
        post({ id, type: 'value', value: await (await jobsReady()).value(message.job) });
      } catch (error) {
        post({ id, type: 'error', error: serializeError(error) });
      }
      return;
    case 'stream':
      try {
        const { meta, body } = await (await jobsReady()).stream(message.job);
        streams.set(id, chunks(body));
        post({ id, type: 'meta', meta });
      } catch (error) {
        post({ id, type: 'error', error: serializeError(error) });
      }
      return;
    case 'pull':
      void pull(id);
      return;
    case 'cancel':
      void streams.get(id)?.return(undefined);
      streams.delete(id);
      return;
  }
}

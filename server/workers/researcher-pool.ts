import { Readable } from 'node:stream';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { createJobSlots } from './job-slots.ts';
import { createSpoolBudget } from './spool-budget.ts';
import type { FileMeta, StreamJob, ValueJob } from './researcher-jobs.ts';
import { deserializeError } from './researcher-protocol.ts';
import { createWorkerThreads, send, track, untrack, type WorkerThread } from './worker-threads.ts';

export type ResearcherPoolOptions = Pick<
  Config,
  'researcherWorkers' | 'researcherJobs' | 'researcherQueue' | 'downloadStallSeconds' | 'downloadSpoolMegabytes' | 'quotaLeaseSeconds'
> & { dbPath: string; logger: Logger };

/** A file being produced by a worker: its name and type, and its bytes as they come. */
export interface ResearcherFile {
  meta: FileMeta;
  body: Readable;
}

/**
 * Exports, estimates, replication packages and wave status run here, in worker threads with read-only
 * connections of their own (worker-threads.ts), never on the event loop that answers respondents. At most
 * `researcherJobs` run at once (a download counts until its last byte left the worker), `researcherQueue` more
 * wait their turn, and past that a request is refused with 503 `busy` (job-slots.ts). A download whose client
 * stops reading for `downloadStallSeconds` is cut off (fileFromWorker), so that a stalled client cannot hold a
 * place for ever. Worker threads start with the first job and keep the process alive only while they have work.
 */
export function createResearcherPool(options: ResearcherPoolOptions) {
  const threads = createWorkerThreads({
    count: options.researcherWorkers,
    dbPath: options.dbPath,
    quotaLeaseSeconds: options.quotaLeaseSeconds,
    logger: options.logger,
  });
  const slots = createJobSlots({ jobs: options.researcherJobs, queue: options.researcherQueue });
  let nextId = 1;

  return {
    /** Runs a job that answers with one value. */
    async run<T>(job: ValueJob): Promise<T> {
      const release = await slots.acquire();
      try {
        return await valueFromWorker<T>(threads.leastBusy(), nextId++, job);
      } finally {
        release();
      }
    },

    /**
     * Starts a file: resolves with its name and type once the worker has checked the job (a 404 or 422 rejects
     * before any byte), then streams its bytes. Destroying the body (the client left) stops the worker's reading.
     */
    async stream(job: StreamJob): Promise<ResearcherFile> {
      const release = await slots.acquire();
      return fileFromWorker(threads.leastBusy(), nextId++, job, release, options);
    },

    /** How long a download may wait for its client to read before it is cut off (send-file.ts, for the last bytes). */
    downloadStallSeconds: options.downloadStallSeconds,

    /** The bytes HTTP/1.0 downloads' temporary files may hold together (send-file.ts). */
    spool: createSpoolBudget(options.downloadSpoolMegabytes * 1024 * 1024),

    /** Jobs running and waiting, and worker threads started. */
    stats: () => ({ ...slots.stats(), workers: threads.started }),

    /** Stops every worker (jobs in flight fail). */
    close: () => threads.terminate(),
  };
}
export type ResearcherPool = ReturnType<typeof createResearcherPool>;

/** Request `id` on `thread`: the one value the worker answers `job` with. */
function valueFromWorker<T>(thread: WorkerThread, id: number, job: ValueJob): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    track(thread, id, (message) => {
      untrack(thread, id);
      if (message.type === 'value') resolve(message.value as T);
      else if (message.type === 'error') reject(deserializeError(message.error));
    });
    send(thread, { id, type: 'value', job });
  });
}

/**
 * Request `id` on `thread`: a file pulled from the worker one chunk at a time, as the client reads. `release`
 * frees the job's place when the file ends, fails, or is cut off after `downloadStallSeconds` without a read.
 */
function fileFromWorker(
  thread: WorkerThread,
  id: number,
  job: StreamJob,
  release: () => void,
  { downloadStallSeconds, logger }: Pick<ResearcherPoolOptions, 'downloadStallSeconds' | 'logger'>,
): Promise<ResearcherFile> {
  let started = false;
  let pulling = false;
  let finished = false;
  let stall: NodeJS.Timeout | undefined;
  const finish = () => {
    finished = true;
    clearTimeout(stall);
    untrack(thread, id);
    release();
  };
  const body = new Readable({
    read() {
      clearTimeout(stall);
      if (pulling || finished) return;
      pulling = true;
      send(thread, { id, type: 'pull' });
    },
    destroy(error, callback) {
      if (!finished) {
        send(thread, { id, type: 'cancel' });
        finish();
      }
      callback(error);
    },
  });
  // Armed whenever the next chunk waits for the client rather than for the worker.
  const watchForStall = () => {
    clearTimeout(stall);
    stall = setTimeout(() => {
      if (pulling || finished) return;
      logger.warn({ job: job.kind, wave: job.waveId }, 'download stalled: the client stopped reading; cut off');
      body.destroy(new Error(`download stalled for ${downloadStallSeconds} s`));
    }, downloadStallSeconds * 1000);
  };
  return new Promise<ResearcherFile>((resolve, reject) => {
    track(thread, id, (message) => {
      switch (message.type) {
        case 'meta':
          started = true;
          resolve({ meta: message.meta, body });
          watchForStall();
          return;
        case 'chunk':
          pulling = false;
          body.push(Buffer.from(message.chunk.buffer, message.chunk.byteOffset, message.chunk.byteLength));
          watchForStall();
          return;
        case 'end':
          finish();
          body.push(null);
          return;
        case 'error': {
          const error = deserializeError(message.error);
          finish();
          // Before the file started the route answers with the error; after, the download is cut short.
          if (started) body.destroy(error);
          else reject(error);
          return;
        }
      }
    });
    send(thread, { id, type: 'stream', job });
  });
}

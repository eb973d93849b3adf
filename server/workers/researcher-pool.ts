import { Readable } from 'node:stream';
import type { Worker } from 'node:worker_threads';
import type { Config } from '../config.ts';
import { DomainError } from '../domain/errors.ts';
import type { Logger } from '../logger.ts';
import type { FileMeta, StreamJob, ValueJob } from './researcher-jobs.ts';
import { deserializeError, type FromWorker, type ToWorker } from './researcher-protocol.ts';
import { startWorker } from './start-worker.ts';

/** What a client told "busy" is asked to wait before trying again. */
const RETRY_AFTER_SECONDS = 5;

export type ResearcherPoolOptions = Pick<
  Config,
  'researcherWorkers' | 'researcherJobs' | 'researcherQueue' | 'downloadStallSeconds' | 'quotaLeaseSeconds'
> & { dbPath: string; logger: Logger };

/** A file being produced by a worker: its name and type, and its bytes as they come. */
export interface ResearcherFile {
  meta: FileMeta;
  body: Readable;
}

interface Thread {
  worker: Worker;
  /** Requests in flight on this worker, by id: each gets that request's messages. */
  handlers: Map<number, (message: FromWorker) => void>;
}

/** A worker keeps the process alive only while it has requests in flight. */
function track(thread: Thread, id: number, handler: (message: FromWorker) => void): void {
  thread.handlers.set(id, handler);
  thread.worker.ref();
}

function untrack(thread: Thread, id: number): void {
  thread.handlers.delete(id);
  if (thread.handlers.size === 0) thread.worker.unref();
}

/**
 * Exports, estimates, replication packages and wave status run here, in worker threads with read-only
 * connections of their own, never on the event loop that answers respondents. At most `researcherJobs` run at
 * once (a download counts until its last byte left the worker), `researcherQueue` more wait their turn, and
 * past that a request is refused with 503 `busy` and Retry-After. A download whose client stops reading for
 * `downloadStallSeconds` is cut off, so that a stalled client cannot hold a place for ever. Worker threads start
 * with the first job and keep the process alive only while they have work.
 */
export function createResearcherPool(options: ResearcherPoolOptions) {
  const threads: Thread[] = [];
  let nextId = 1;
  let running = 0;
  const waiting: (() => void)[] = [];

  function spawn(): Thread {
    const worker = startWorker('researcher-worker', { dbPath: options.dbPath, quotaLeaseSeconds: options.quotaLeaseSeconds });
    const thread: Thread = { worker, handlers: new Map() };
    worker.on('message', (message: FromWorker) => thread.handlers.get(message.id)?.(message));
    const fail = (error: Error) => {
      if (threads.includes(thread)) threads.splice(threads.indexOf(thread), 1);
      for (const [id, handler] of thread.handlers) handler({ id, type: 'error', error: { message: error.message, stack: error.stack } });
      thread.handlers.clear();
    };
    worker.on('error', (error) => {
      options.logger.error({ err: error }, 'researcher worker failed');
      fail(error);
    });
    worker.on('exit', (code) => {
      if (threads.includes(thread)) fail(new Error(`researcher worker exited with code ${code}`));
    });
    // Idle: after the listeners, since adding a 'message' listener refs the worker's port again.
    worker.unref();
    threads.push(thread);
    return thread;
  }

  /** The worker with the fewest requests in flight, starting workers up to the configured number. */
  function leastBusy(): Thread {
    const idle = threads.find((t) => t.handlers.size === 0);
    if (idle) return idle;
    if (threads.length < options.researcherWorkers) return spawn();
    return threads.reduce((a, b) => (b.handlers.size < a.handlers.size ? b : a));
  }

  /** A place among the jobs running at once: now, after the ones queued before it, or a 503 when the queue is full. */
  function acquire(): Promise<() => void> {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const next = waiting.shift();
      if (next) next();
      else running--;
    };
    if (running < options.researcherJobs) {
      running++;
      return Promise.resolve(release);
    }
    if (waiting.length >= options.researcherQueue) {
      return Promise.reject(
        new DomainError('busy', 'the server is busy with other downloads and estimates; try again in a few seconds', {}, RETRY_AFTER_SECONDS),
      );
    }
    return new Promise((resolve) => waiting.push(() => resolve(release)));
  }

  function send(thread: Thread, message: ToWorker): void {
    thread.worker.postMessage(message);
  }

  return {
    /** Runs a job that answers with one value. */
    async run<T>(job: ValueJob): Promise<T> {
      const release = await acquire();
      try {
        const thread = leastBusy();
        const id = nextId++;
        return await new Promise<T>((resolve, reject) => {
          track(thread, id, (message) => {
            untrack(thread, id);
            if (message.type === 'value') resolve(message.value as T);
            else if (message.type === 'error') reject(deserializeError(message.error));
          });
          send(thread, { id, type: 'value', job });
        });
      } finally {
        release();
      }
    },

    /**
     * Starts a file: resolves with its name and type once the worker has checked the job (a 404 or 422 rejects
     * before any byte), then streams its bytes. Destroying the body (the client left) stops the worker's reading.
     */
    async stream(job: StreamJob): Promise<ResearcherFile> {
      const release = await acquire();
      const thread = leastBusy();
      const id = nextId++;
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
          options.logger.warn({ job: job.kind, wave: job.waveId }, 'download stalled: the client stopped reading; cut off');
          body.destroy(new Error(`download stalled for ${options.downloadStallSeconds} s`));
        }, options.downloadStallSeconds * 1000);
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
    },

    /** Jobs running and waiting, and worker threads started. */
    stats: () => ({ running, queued: waiting.length, workers: threads.length }),

    /** Stops every worker (jobs in flight fail). */
    async close(): Promise<void> {
      await Promise.all(threads.map((t) => t.worker.terminate()));
    },
  };
}
export type ResearcherPool = ReturnType<typeof createResearcherPool>;

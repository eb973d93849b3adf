import type { Worker } from 'node:worker_threads';
import type { Logger } from '../logger.ts';
import type { FromWorker, ToWorker } from './researcher-protocol.ts';
import { startWorker } from './start-worker.ts';

/** A researcher worker thread and the requests in flight on it. */
export interface WorkerThread {
  worker: Worker;
  /** Requests in flight on this worker, by id: each gets that request's messages. */
  handlers: Map<number, (message: FromWorker) => void>;
}

/** Routes a request's messages to `handler`; a worker keeps the process alive only while it has requests in flight. */
export function track(thread: WorkerThread, id: number, handler: (message: FromWorker) => void): void {
  thread.handlers.set(id, handler);
  thread.worker.ref();
}

export function untrack(thread: WorkerThread, id: number): void {
  thread.handlers.delete(id);
  if (thread.handlers.size === 0) thread.worker.unref();
}

export function send(thread: WorkerThread, message: ToWorker): void {
  thread.worker.postMessage(message);
}

/**
 * Up to `count` researcher worker threads, started with the first job that needs one. A worker that fails or
 * exits is dropped, and each request in flight on it gets an error message.
 */
export function createWorkerThreads({ count, dbPath, quotaLeaseSeconds, logger }: { count: number; dbPath: string; quotaLeaseSeconds: number; logger: Logger }) {
  const threads: WorkerThread[] = [];

  function spawn(): WorkerThread {
    const worker = startWorker('researcher-worker', { dbPath, quotaLeaseSeconds });
    const thread: WorkerThread = { worker, handlers: new Map() };
    worker.on('message', (message: FromWorker) => thread.handlers.get(message.id)?.(message));
    const fail = (error: Error) => {
      if (threads.includes(thread)) threads.splice(threads.indexOf(thread), 1);
      for (const [id, handler] of thread.handlers) handler({ id, type: 'error', error: { message: error.message, stack: error.stack } });
      thread.handlers.clear();
    };
    worker.on('error', (error) => {
      logger.error({ err: error }, 'researcher worker failed');
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

  return {
    /** The worker with the fewest requests in flight, starting workers up to `count`. */
    leastBusy(): WorkerThread {
      const idle = threads.find((t) => t.handlers.size === 0);
      if (idle) return idle;
      if (threads.length < count) return spawn();
      return threads.reduce((a, b) => (b.handlers.size < a.handlers.size ? b : a));
    },
    get started(): number {
      return threads.length;
    },
    /** Stops every worker (requests in flight fail). */
    async terminate(): Promise<void> {
      await Promise.all(threads.map((t) => t.worker.terminate()));
    },
  };
}

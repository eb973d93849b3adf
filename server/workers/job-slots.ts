import { DomainError } from '../domain/errors.ts';

/** What a client told "busy" is asked to wait before trying again. */
const RETRY_AFTER_SECONDS = 5;

/**
 * The places among the researcher jobs running at once: at most `jobs` run, `queue` more wait their turn in
 * order, and past that a request is refused with 503 `busy` and Retry-After.
 */
export function createJobSlots({ jobs, queue }: { jobs: number; queue: number }) {
  let running = 0;
  const waiting: (() => void)[] = [];

  return {
    /** A place: now, after the ones queued before it, or a 503 when the queue is full. Resolves with its release. */
    acquire(): Promise<() => void> {
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const next = waiting.shift();
        if (next) next();
        else running--;
      };
      if (running < jobs) {
        running++;
        return Promise.resolve(release);
      }
      if (waiting.length >= queue) {
        return Promise.reject(
          new DomainError('busy', 'the server is busy with other downloads and estimates; try again in a few seconds', {}, RETRY_AFTER_SECONDS),
        );
      }
      return new Promise((resolve) => waiting.push(() => resolve(release)));
    },
    stats: () => ({ running, queued: waiting.length }),
  };
}

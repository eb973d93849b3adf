import { once } from 'node:events';
import { startWorker } from '../workers/start-worker.ts';
import type { Logger } from '../logger.ts';
import type { CheckpointFailure } from '../workers/checkpoint-tick.ts';
import type { Db } from './db.ts';

/** How often the checkpointer copies the WAL into the database file. */
const CHECKPOINT_EVERY_MS = 200;
/**
 * The writer's own automatic checkpoint, kept as a fallback should the checkpointer fall behind: pages of WAL
 * (16 MB) before a commit on the respondents' thread checkpoints by itself. SQLite's default is 1,000 (4 MB),
 * which the writer goes back to if the checkpointer fails.
 */
const FALLBACK_AUTOCHECKPOINT_PAGES = 4096;
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

/**
 * Moves WAL checkpoints off the respondents' thread. SQLite checkpoints in the commit that takes the WAL past
 * `wal_autocheckpoint` pages: copying megabytes and an fsync of the database file inside one respondent's
 * request, while every other request waits behind it on the event loop. Here a thread of its own checkpoints
 * every 200 ms, and the writer's automatic checkpoint only backs it up (at 16 MB).
 *
 * `onDamaged` hears the error that ended the thread (the store's markDamaged, which acts on SQLITE_CORRUPT only).
 *
 * @example const checkpointer = startCheckpointer(db, logger, { onDamaged: store.markDamaged }); … await checkpointer.stop();
 */
export function startCheckpointer(
  db: Db,
  logger: Logger,
  { intervalMs = CHECKPOINT_EVERY_MS, onDamaged = () => undefined }: { intervalMs?: number; onDamaged?: (error: unknown) => void } = {},
): { stop(): Promise<void> } {
  db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  const worker = startWorker('checkpoint-worker', { dbPath: db.name, intervalMs });
  worker.on('message', (message: { checkpointFailure: CheckpointFailure | null } | { otherNames: string | null }) => {
    if ('otherNames' in message) {
      if (message.otherNames) logger.warn({ path: db.name }, `the database file got another name while the server ran: ${message.otherNames}`);
      else logger.info({ path: db.name }, 'the database file has one name again');
      return;
    }
    const { checkpointFailure } = message;
    if (checkpointFailure) logger.warn(checkpointFailure, 'WAL checkpoints fail (disk full or read-only?); the checkpointer tries again');
    else logger.info('WAL checkpoints succeed again');
  });
  worker.on('error', (error) => {
    logger.error({ err: error }, 'WAL checkpointer failed; the writer checkpoints by itself again');
    db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
    // A damaged file (SQLITE_CORRUPT: overwritten in place?) ended it: the store stops acknowledging writes into it.
    onDamaged(error);
  });
  worker.unref();
  return {
    async stop() {
      if (worker.threadId < 0) return;
      worker.ref();
      worker.postMessage('stop');
      await once(worker, 'exit');
    },
  };
}

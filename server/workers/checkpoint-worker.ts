import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { checkpointTicker } from './checkpoint-tick.ts';

/**
 * The WAL checkpointer's thread (server/storage/checkpointer.ts): every `intervalMs` it copies the WAL's
 * committed pages into the database file (a PASSIVE checkpoint: it never waits for, nor blocks, the writer or
 * readers), with the same durability settings as the writer.
 */
const { dbPath, intervalMs } = workerData as { dbPath: string; intervalMs: number };
const db = new Database(dbPath, { fileMustExist: true });
db.pragma('synchronous = FULL');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const timer = setInterval(
  checkpointTicker(
    () => checkpoint.get(),
    (failure) => parentPort!.postMessage({ checkpointFailure: failure }),
  ),
  intervalMs,
);
parentPort!.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort!.close();
});

import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * The WAL checkpointer's thread (server/storage/checkpointer.ts): every `intervalMs` it copies the WAL's
 * committed pages into the database file (a PASSIVE checkpoint: it never waits for, nor blocks, the writer or
 * readers), with the same durability settings as the writer.
 */
const { dbPath, intervalMs } = workerData as { dbPath: string; intervalMs: number };
const db = new Database(dbPath, { fileMustExist: true });
db.pragma('synchronous = FULL');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const timer = setInterval(() => {
  try {
    checkpoint.get();
  } catch (error) {
    // Another connection's checkpoint (the writer's fallback, a second server) holds the lock: next time.
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
  }
}, intervalMs);
parentPort!.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort!.close();
});

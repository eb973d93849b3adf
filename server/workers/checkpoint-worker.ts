import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { overwriteWatch } from '../storage/sqlite-overwrite-watch.ts';
import { fileIdentity, movedError } from '../storage/sqlite-file-identity.ts';
import { otherNamesProblem } from '../storage/hard-links.ts';
import { checkpointTicker } from './checkpoint-tick.ts';

/**
 * The WAL checkpointer's thread (server/storage/checkpointer.ts): every `intervalMs` it copies the WAL's
 * committed pages into the database file (a PASSIVE checkpoint: it never waits for, nor blocks, the writer or
 * readers), with the same durability settings as the writer. Before and after each, it looks whether the file
 * was written over (it shrank, or its header lost pages, without VACUUM: storage/sqlite-overwrite-watch.ts) or
 * removed or replaced with its WAL or -shm (storage/sqlite-file-identity.ts); either ends the thread, and the server
 * stops acknowledging writes.
 */
const { dbPath, intervalMs } = workerData as { dbPath: string; intervalMs: number };
const db = new Database(dbPath, { fileMustExist: true });
db.pragma('synchronous = FULL');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const overwriteCheck = overwriteWatch(dbPath);
const identity = fileIdentity(dbPath);
/** Files replaced or removed under the server: a checkpoint by the old WAL index could write stale pages over a new one's. */
const overwritten = () => {
  const changed = identity.changed();
  if (changed) throw movedError(changed, 'the WAL checkpointer stops');
  overwriteCheck();
};
const tick = checkpointTicker(
  () => {
    overwritten();
    checkpoint.get();
    overwritten();
  },
  (failure) => parentPort!.postMessage({ checkpointFailure: failure }),
);
/**
 * A second name given to the file while the server runs (a hard link, which storage/hard-links.ts refuses at open):
 * told once as it appears and once as it goes, for an open by that name would miss the server's WAL.
 */
let otherNames: string | null = null;
const watchNames = () => {
  const named = (statSync(dbPath, { throwIfNoEntry: false })?.nlink ?? 1) > 1;
  if (named === (otherNames !== null)) return;
  // The folder is read for the other names only as one appears, not on every tick while it stays.
  otherNames = named ? (otherNamesProblem(dbPath) ?? 'the file has another name') : null;
  parentPort!.postMessage({ otherNames });
};
const timer = setInterval(() => {
  tick();
  watchNames();
}, intervalMs);
parentPort!.once('message', () => {
  clearInterval(timer);
  db.close();
  // Drops the process's locks on the file with the descriptor (sqlite-overwrite-watch.ts): stopped as the server
  // shuts down, just before its own connection closes. A thread ended by an error keeps it, and the server its lock.
  overwriteCheck.close();
  parentPort!.close();
});

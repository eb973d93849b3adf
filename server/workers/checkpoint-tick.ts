import { isUnwritable } from '../storage/sqlite-unavailable.ts';

/** A checkpoint's failure as the checkpointer's thread reports it to the server's (which logs it). */
export interface CheckpointFailure {
  code: string;
  message: string;
}

/**
 * One checkpoint attempt of the checkpointer's thread (checkpoint-worker.ts), kept apart from the thread so that
 * its decisions can be tested. Another connection's checkpoint holding the lock (SQLITE_BUSY) is simply tried
 * again next time. A disk that is full, read-only or failing (storage/sqlite-unavailable.ts) is a state that
 * passes: `report` hears of it once (again if the code changes) and of the first success after it (null), and
 * the next tick tries again — ending the thread there would leave every later checkpoint to the respondents'
 * thread until a restart. Any other error (a corrupt file, a bug) is thrown and ends the thread.
 */
export function checkpointTicker(checkpoint: () => void, report: (failure: CheckpointFailure | null) => void): () => void {
  let failing: string | null = null;
  return () => {
    try {
      checkpoint();
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string };
      if (code === 'SQLITE_BUSY') return;
      if (!isUnwritable(error)) throw error;
      if (failing !== code) report({ code: code!, message: String(message) });
      failing = code!;
      return;
    }
    if (failing !== null) report(null);
    failing = null;
  };
}

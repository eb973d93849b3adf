import { write, writeSync } from 'node:fs';

/**
 * Where `vlab serve`'s log lines go (stderr): written asynchronously, the lines of a burst together, and never able
 * to stop the server. pino's own destination (sonic-boom) re-emits a failed write other than EPIPE as an uncaught
 * 'error', and the flush it runs as the process then exits retries the failed write every 100 ms for ever: with
 * stderr on a full disk (`vlab serve 2>>vlab.log` on the database's disk, a container's log volume), the first line
 * after the disk filled left `vlab serve` alive, holding its port and answering nothing (attacker pass 29). Here a
 * line that cannot be written is dropped and counted; the next line tries again, and the first that goes through
 * is preceded by a warning line saying how many were lost and why. A reader slower than the lines (a pipe that
 * stays full) gets at most `maxPendingBytes` held for it; lines past that are dropped and counted the same way.
 */
export interface LogDestination {
  /** pino's stream interface: one serialized line (with its line end). Never throws. */
  write(line: string): boolean;
  /** At exit: what is pending, tried once (a failing disk is not waited for). */
  flushSync(): void;
}

type WriteFn = (fd: number, buffer: Buffer, callback: (error: NodeJS.ErrnoException | null, written: number) => void) => void;
type WriteSyncFn = (fd: number, buffer: Buffer) => number;

export interface LogDestinationOptions {
  maxPendingBytes?: number;
  /** The file system's calls (tests give failing ones). */
  writeFn?: WriteFn;
  writeSyncFn?: WriteSyncFn;
  /** How long a write that would block (EAGAIN: a full pipe) waits before it is tried again. */
  retryMs?: number;
}

const fsWrite: WriteFn = (fd, buffer, callback) => write(fd, buffer, callback);

export function logDestination(fd: number, options: LogDestinationOptions = {}): LogDestination {
  const { maxPendingBytes = 1 << 20, writeFn = fsWrite, writeSyncFn = (f, b) => writeSync(f, b), retryMs = 100 } = options;
  let pending: string[] = [];
  let pendingBytes = 0;
  let writing = false;
  const losses = { lines: 0, cause: '' };

  const lost = (lines: number, cause: string) => {
    losses.lines += lines;
    losses.cause = cause;
  };
  // The lines waiting, with the loss line first when some were lost; `pending` is emptied.
  const takePending = (): { buffer: Buffer; lines: number; reportsLoss: number } => {
    const lines = pending.length;
    const reportsLoss = losses.lines;
    const text = (reportsLoss ? lossLine(reportsLoss, losses.cause) : '') + pending.join('');
    pending = [];
    pendingBytes = 0;
    return { buffer: Buffer.from(text), lines, reportsLoss };
  };

  const send = (buffer: Buffer, lines: number, reportsLoss: number): void => {
    writeFn(fd, buffer, (error, written) => {
      if (error?.code === 'EAGAIN') {
        setTimeout(() => send(buffer, lines, reportsLoss), retryMs).unref();
        return;
      }
      if (error) {
        lost(lines, describe(error));
      } else if (written < buffer.length) {
        send(buffer.subarray(written), lines, reportsLoss);
        return;
      } else {
        losses.lines -= reportsLoss;
      }
      writing = false;
      if (pending.length && !error) start();
    });
  };
  const start = () => {
    writing = true;
    const { buffer, lines, reportsLoss } = takePending();
    send(buffer, lines, reportsLoss);
  };

  return {
    write(line) {
      if (pendingBytes + line.length > maxPendingBytes) {
        lost(1, `more than ${maxPendingBytes} bytes of log lines waited for their reader`);
        return true;
      }
      pending.push(line);
      pendingBytes += line.length;
      if (!writing) start();
      return true;
    },
    flushSync() {
      if (!pending.length) return;
      let { buffer } = takePending();
      // Partial writes go on; an error ends the flush at once (the process is exiting, and the disk may stay full).
      try {
        while (buffer.length) buffer = buffer.subarray(writeSyncFn(fd, buffer));
      } catch {
        // Nothing more can be said: the log is what fails.
      }
    },
  };
}

function describe(error: NodeJS.ErrnoException): string {
  return error.code ? `${error.code}: ${error.message.replace(/^\w+: /, '').replace(/, write$/, '')}` : error.message;
}

/** A pino-shaped warning line (level 40), so log readers filter it as they filter the others. */
function lossLine(lines: number, cause: string): string {
  return `${JSON.stringify({ level: 40, time: Date.now(), msg: `the log could not be written (${cause}): ${lines} line(s) lost` })}\n`;
}

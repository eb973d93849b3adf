import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs on stderr (stdout stays free for what `vlab serve` prints for people). Never pass IP
 * addresses, user agents or panel IDs to the logger: participants are identified by their opaque code.
 * Written asynchronously: a synchronous destination made one write() system call per request on the respondents'
 * thread; now the lines of a burst go out together while the thread serves requests. pino flushes what is
 * buffered when the process exits (a SIGKILL can lose the last lines, never respondent data).
 */
export function createLogger(level: string): Logger {
  return pino({ level, base: undefined }, pino.destination({ dest: 2, sync: false }));
}

export const silentLogger: Logger = pino({ level: 'silent' });

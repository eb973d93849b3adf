import { pino, type Logger } from 'pino';
import { logDestination } from './log-destination.ts';

export type { Logger };

/**
 * Structured logs on stderr (stdout stays free for what `vlab serve` prints for people). Never pass IP
 * addresses, user agents or panel IDs to the logger: participants are identified by their opaque code.
 * Written asynchronously: a synchronous destination made one write() system call per request on the respondents'
 * thread; now the lines of a burst go out together while the thread serves requests. What is still waiting is
 * written as the process exits (a SIGKILL can lose the last lines, never respondent data). A log that cannot be
 * written (a full disk, a reader gone) loses lines, never the server (`log-destination.ts`).
 */
export function createLogger(level: string): Logger {
  const destination = logDestination(2);
  process.once('exit', () => destination.flushSync());
  return pino({ level, base: undefined }, destination);
}

export const silentLogger: Logger = pino({ level: 'silent' });

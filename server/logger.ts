import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs on stderr (stdout stays free for what `vlab serve` prints for people). Never pass IP
 * addresses, user agents or panel IDs to the logger: participants are identified by their opaque code.
 */
export function createLogger(level: string): Logger {
  return pino({ level, base: undefined }, pino.destination(2));
}

export const silentLogger: Logger = pino({ level: 'silent' });

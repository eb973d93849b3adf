import type { RequestHandler } from 'express';
import { QUERY_IN_PATH } from '../domain/glued-link.ts';
import { PARTICIPANT_CODE } from '../domain/participant.ts';
import type { Logger } from '../logger.ts';

/**
 * Paths are logged up to this many characters. Node takes request lines up to its 16 KB header limit, and a 404
 * has no rate limit: logged whole, a loop of such requests wrote 16 KB of log each and could fill the disk that
 * the database lives on.
 */
export const LOGGED_PATH_CHARACTERS = 256;

/**
 * The path as logged: whole, or its first LOGGED_PATH_CHARACTERS characters and its length; a query written into it
 * is cut after its mark (`/s/<id>&…`, QUERY_IN_PATH: the same marks a survey link's redirect reads; no path of the app
 * holds one), as the query string is never logged: such a link put its panel IDs in the
 * log (attacker pass 41).
 */
export function loggedPath(given: string): { path: string; pathLength?: number } {
  const mark = QUERY_IN_PATH.exec(given);
  const path = mark ? `${given.slice(0, mark.index + mark[0].length)}…` : given;
  return path.length <= LOGGED_PATH_CHARACTERS ? { path } : { path: path.slice(0, LOGGED_PATH_CHARACTERS), pathLength: path.length };
}

function loggedCode(code: unknown): string | undefined {
  return typeof code === 'string' && PARTICIPANT_CODE.test(code) ? code : undefined;
}

/**
 * One line per request: method, path without the query string (links carry panel IDs), status, duration, and
 * the participant's opaque code when a route set `res.locals.participantCode`. No IPs, no user agents.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      logger.info({
        method: req.method,
        ...loggedPath(req.originalUrl.split('?')[0]!),
        status: res.statusCode,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        // The answer routes set the code from the path before it is checked: only a well-formed one is logged.
        participant: loggedCode(res.locals.participantCode),
      });
    });
    next();
  };
}

import type { RequestHandler } from 'express';
import type { Logger } from '../logger.ts';

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
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        participant: res.locals.participantCode as string | undefined,
      });
    });
    next();
  };
}

import type { RequestHandler } from 'express';
import { DomainError } from '../domain/errors.ts';

/**
 * An HTTP/1.1 request without a Host header is refused 400, as RFC 9112 §3.2 says a server must. Node refused it
 * itself, with an empty 400 that no request log line recorded: a health check written by hand (`GET /healthz
 * HTTP/1.1` and nothing else, from a load balancer's settings or `printf … | nc`) failed with no word to the operator
 * and no trace in the server's log (attacker pass 41). The HTTP server now lets such a request through
 * (`requireHostHeader: false`, http-server.ts) for this refusal in words, logged like any other; HTTP/1.0, which
 * may leave Host out, is served.
 */
export const hostRequired: RequestHandler = (req, res, next) => {
  if (req.httpVersionMajor === 1 && req.httpVersionMinor >= 1 && req.headers.host === undefined) {
    res.set('Connection', 'close');
    return next(new DomainError('bad_request', 'an HTTP/1.1 request needs a Host header (RFC 9112 §3.2): add "Host: <the server\'s name>", or send HTTP/1.0'));
  }
  next();
};

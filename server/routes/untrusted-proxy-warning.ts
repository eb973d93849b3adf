import type { RequestHandler } from 'express';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';

/**
 * Behind a TLS-terminating proxy the app sees plain HTTP; unless VLAB_TRUST_PROXY names the proxy, express
 * ignores its `X-Forwarded-Proto: https`, so the session cookie goes out without `Secure` (and the rate limits
 * count the proxy's address). The first such request logs one warning naming the setting; later ones say nothing.
 */
export function untrustedProxyWarning(config: Pick<Config, 'trustProxy'>, logger: Logger): RequestHandler {
  let warned = config.trustProxy !== false;
  return (req, _res, next) => {
    // Most requests carry no such header: only those that do have it split (this runs on every request).
    const proto = warned ? undefined : req.headers['x-forwarded-proto'];
    if (proto !== undefined && String(proto).split(',')[0]!.trim() === 'https') {
      warned = true;
      logger.warn(
        'requests arrive with X-Forwarded-Proto: https but VLAB_TRUST_PROXY is not set: the session cookie is sent without Secure ' +
          'and rate limits count the proxy’s address; set VLAB_TRUST_PROXY to the proxy (e.g. loopback or 1)',
      );
    }
    next();
  };
}

import type { RequestHandler } from 'express';
import type { TokenService } from '../services/token-service.ts';

/**
 * Every researcher route needs `Authorization: Bearer vlab_…`. A missing, malformed, wrong or revoked token
 * gets the same 401 `unauthorized` body, so a caller learns nothing about which tokens exist.
 */
export function requireResearcherToken(tokens: TokenService): RequestHandler {
  return async (req, res, next) => {
    try {
      res.locals.researcherToken = await tokens.authenticate(req.headers.authorization);
      next();
    } catch (error) {
      res.set('WWW-Authenticate', 'Bearer realm="vlab researcher API"');
      next(error);
    }
  };
}

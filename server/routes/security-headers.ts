import type { RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import type { Config } from '../config.ts';

/** Helmet's settings for every response: a CSP without `unsafe-*`, and frame options that follow VLAB_FRAME_ANCESTORS. */
export function helmetOptions(config: Pick<Config, 'frameAncestors'>): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: config.frameAncestors.length ? [...config.frameAncestors] : ["'none'"],
      },
    },
    // X-Frame-Options cannot name origins: where framing is allowed, CSP frame-ancestors alone decides.
    frameguard: config.frameAncestors.length ? false : undefined,
  };
}

/**
 * The headers helmet sets with these options, worked out once by running helmet itself against a recording
 * response. None of its settings here depend on the request (no CSP nonce, no function directive), so the
 * set is the same for every response. Helmet also removes X-Powered-By, which the app never sends.
 */
export function helmetHeaders(options: HelmetOptions): [name: string, value: string][] {
  const headers: [string, string][] = [];
  const recorder = {
    setHeader(name: string, value: string) {
      headers.push([name, value]);
    },
    removeHeader() {},
  };
  let failure: unknown;
  (helmet(options) as unknown as (req: unknown, res: unknown, next: (error?: unknown) => void) => void)({}, recorder, (error) => {
    failure = error;
  });
  if (failure) throw failure;
  return headers;
}

/**
 * Helmet's headers set by one middleware: helmet runs twelve middlewares, one per header, on every request,
 * which the start's CPU profile showed at 5–8 % of the server's busy time. tests/server/security-headers.test.ts
 * compares the result with helmet's own output on a page and an API response.
 */
export function securityHeaders(config: Pick<Config, 'frameAncestors'>): RequestHandler {
  const headers = helmetHeaders(helmetOptions(config));
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

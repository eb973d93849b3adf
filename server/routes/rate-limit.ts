import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Store as LimiterStore } from 'express-rate-limit';
import type { Config } from '../config.ts';
import { DomainError } from '../domain/errors.ts';
import type { RateCounter } from '../storage/rate-counter.ts';
import type { TokenService } from '../services/token-service.ts';
import { requireResearcherToken } from './researcher-auth.ts';

/**
 * Per-address limits on the two doors an attacker would hammer: starting participants (each start draws a
 * condition and stores a row) and researcher authentication (guessing tokens). The address is `req.ip`, which
 * honours X-Forwarded-For only when VLAB_TRUST_PROXY names the proxy, so a client cannot reset its own count by
 * sending a made-up header. Loopback is never exempt: behind a reverse proxy every request comes from it.
 * The counts are the store's (storage/rate-counter.ts): in this process's memory on SQLite, where a restart clears
 * them; in the database on PostgreSQL, where every process behind a balancer adds to the same count. While
 * PostgreSQL cannot be reached, a limited request is answered 503 `busy` with Retry-After (the store's error).
 */

/** Addresses whose key is kept; past this many the memo starts over, so a flood of addresses cannot grow it. */
const MEMO_ADDRESSES = 10_000;

/**
 * express-rate-limit's own key: an IPv4 address as it is, an IPv4-mapped IPv6 address as its IPv4 one, any other
 * IPv6 address as its /56 network. Working that out parses the address (twice for an IPv6 one) on every request,
 * which the start's CPU profile showed as the rate limiter's largest cost; the answer for an address never
 * changes, so it is worked out once per address.
 */
export function addressKeyOf(): (ip: string) => string {
  const keys = new Map<string, string>();
  return (ip) => {
    let key = keys.get(ip);
    if (key === undefined) {
      key = ipKeyGenerator(ip);
      if (keys.size >= MEMO_ADDRESSES) keys.clear();
      keys.set(ip, key);
    }
    return key;
  };
}

/**
 * express-rate-limit's store over the store's counter, under a prefix per door. A lost take-back (the database
 * went away after the response) leaves one hit counted too many, in a window that ends within minutes.
 */
function counterStore(counter: RateCounter, prefix: string, windowMs: number): LimiterStore {
  return {
    prefix,
    localKeys: !counter.shared,
    async increment(key) {
      const { count, resetAt } = await counter.hit(prefix + key, windowMs);
      return { totalHits: count, resetTime: resetAt };
    },
    async decrement(key) {
      await counter.unhit(prefix + key, windowMs).catch(() => undefined);
    },
    async resetKey() {
      throw new Error('rate-limit: counts are not reset by hand; they end with their window');
    },
  };
}

/**
 * `countOnly` picks the answers that count against the limit (default: every request). The researcher limit
 * counts only authentication failures: a researcher's own 404s and 422s are mistakes, not token guesses.
 */
function limiter(
  counter: RateCounter,
  door: string,
  limit: number,
  windowSeconds: number,
  what: string,
  countOnly?: (status: number) => boolean,
): RequestHandler {
  const keyOf = addressKeyOf();
  return rateLimit({
    windowMs: windowSeconds * 1000,
    limit,
    store: counterStore(counter, `${door}:`, windowSeconds * 1000),
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    ...(countOnly ? { skipSuccessfulRequests: true, requestWasSuccessful: (_req, res) => !countOnly(res.statusCode) } : {}),
    // Without a trusted proxy an X-Forwarded-For header is the client's own claim: ignoring it is the point, not
    // a misconfiguration worth a warning on every request.
    // The key is ipKeyGenerator's (through addressKeyOf), which this check cannot see from the function's text. A
    // request whose socket is already gone has no address: all such requests share one key, as they did before.
    validate: { xForwardedForHeader: false, keyGeneratorIpFallback: false },
    keyGenerator: (req) => keyOf(req.ip ?? ''),
    handler: (_req, _res, next) => {
      next(new DomainError('rate_limited', `too many ${what} from this address; try again in a few minutes`));
    },
  });
}

/**
 * Participant starts per address per window (default 300 per 10 minutes: a classroom behind one NAT fits). A start
 * sent with a researcher token (`vlab simulate --token`: a researcher testing the wave, who could raise the limit
 * anyway) is not counted, so a second simulation within the window is not refused by the limit it tests. A browser
 * never sends the header; a wrong, revoked or malformed token is answered 401 and counted as a failed researcher
 * authentication, so the header neither passes the limit nor guesses tokens faster than the researcher API allows.
 */
export function startRateLimit(config: Config, counter: RateCounter, tokens: TokenService): RequestHandler {
  const respondents = limiter(counter, 'start', config.rateLimitStart, config.rateLimitWindowSeconds, 'survey starts');
  const authFailures = researcherAuthRateLimit(config, counter);
  const researcher = requireResearcherToken(tokens);
  return (req, res, next) => {
    if (req.headers.authorization === undefined) return respondents(req, res, next);
    return authFailures(req, res, (error?: unknown) => (error ? next(error) : researcher(req, res, next)));
  };
}

/** Failed researcher authentications (401s) per address per window; any other answer is not counted. */
export const researcherAuthRateLimit = (config: Config, counter: RateCounter): RequestHandler =>
  limiter(counter, 'auth', config.rateLimitAuth, config.rateLimitWindowSeconds, 'failed researcher authentications', (status) => status === 401);

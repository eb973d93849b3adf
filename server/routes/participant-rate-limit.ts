import type { RequestHandler } from 'express';
import type { Config } from '../config.ts';
import { DomainError } from '../domain/errors.ts';
import { setMostRecent } from '../recent-map.ts';

/**
 * Paces the writes of one participant code: its saves, quota steps and completions each open a write transaction
 * (even a completion sent again, or a save older than one applied, locks the participant's row), so one code sent
 * in a loop could fill the database's write queue for everyone. A token bucket per code: `burst` writes at once,
 * then `perMinute` a minute. The page never meets it (docs/reliability.md: at most one save per 0.8 s of typing plus
 * one per page change); past it the answer is `429 rate_limited` with Retry-After, and the page keeps its answers and
 * sends them then (public/src/autosave.ts).
 *
 * The buckets are this process's memory, on both engines: a shared count on PostgreSQL would add a write to every
 * save, the very cost being limited. N processes behind a balancer let one code write N times as fast, still bounded.
 * A made-up code gets a fresh bucket here, but no write transaction: it is turned away by a read before the write
 * (services/respondent-steps.ts writeOnParticipant).
 */

/** Codes whose bucket is kept; past this the least recently used goes (a full bucket is the same as none). */
export const PARTICIPANT_BUCKETS_MAX = 50_000;
/** A participant code is 16 characters; a longer "code" is a made-up one, and its first 64 say enough for its key. */
const KEY_CHARS = 64;

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * The buckets: `take(code)` spends one write of `code` and returns null, or, when none is left, the whole seconds
 * until one is (Retry-After). `now` is a monotonic clock in milliseconds, so a wall clock stepped back does not
 * hold a respondent back.
 */
export function participantBuckets({ burst, perMinute, maxEntries = PARTICIPANT_BUCKETS_MAX, now = () => performance.now() }: { burst: number; perMinute: number; maxEntries?: number; now?: () => number }) {
  const buckets = new Map<string, Bucket>();
  const perMs = perMinute / 60_000;
  return {
    take(code: string): number | null {
      const key = code.slice(0, KEY_CHARS);
      const at = now();
      const held = buckets.get(key);
      const tokens = held ? Math.min(burst, held.tokens + (at - held.at) * perMs) : burst;
      // Made the most recently used on every use, so a flood of codes drops the least recently used first.
      if (tokens < 1) {
        setMostRecent(buckets, key, { tokens, at }, maxEntries);
        return Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
      }
      setMostRecent(buckets, key, { tokens: tokens - 1, at }, maxEntries);
      return null;
    },
    /** How many codes are held (for the test of the cap). */
    get size() {
      return buckets.size;
    },
  };
}

/** The limit on `/api/participants/:code/…` writes (PUT and POST; anything else is not a write and passes). */
export function participantWriteLimit(config: Pick<Config, 'rateLimitParticipantBurst' | 'rateLimitParticipantPerMinute'>): RequestHandler {
  const buckets = participantBuckets({ burst: config.rateLimitParticipantBurst, perMinute: config.rateLimitParticipantPerMinute });
  return (req, _res, next) => {
    if (req.method !== 'PUT' && req.method !== 'POST') return next();
    const { code } = req.params;
    const waitSeconds = buckets.take(typeof code === 'string' ? code : '');
    if (waitSeconds === null) return next();
    next(new DomainError('rate_limited', `too many saves for this participant; try again in ${waitSeconds} second${waitSeconds === 1 ? '' : 's'}`, {}, waitSeconds));
  };
}

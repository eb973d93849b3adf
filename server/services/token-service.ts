import { createHash } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';
import { silentLogger, type Logger } from '../logger.ts';
import { generateToken, hashSecret, newSalt, parseToken, secretMatches, tokenNameSchema, TOKEN_PUBLIC_ID } from '../domain/token.ts';
import { pastedToken } from '../domain/pasted-token.ts';
import { firstIssue } from '../domain/zod-issues.ts';
import type { Store } from '../storage/store.ts';
import type { TokenRecord } from '../storage/token-repository.ts';

/** What `token list` and the API show of a token: never its secret or hash. */
export interface TokenSummary {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const summary = (t: TokenRecord): TokenSummary => ({
  id: t.publicId,
  name: t.name,
  createdAt: t.createdAt,
  lastUsedAt: t.lastUsedAt,
  revokedAt: t.revokedAt,
});

const UNAUTHORIZED = 'a valid researcher token is required (Authorization: Bearer vlab_…)';
// last_used_at is for `token list`; writing it on every request would put a write on every read.
const TOUCH_EVERY_MS = 60_000;
// scrypt costs tens of milliseconds of CPU per check, on the cores the respondents' requests need; a dashboard
// polling every few seconds would pay it on every poll. A token that passed is remembered for a while by its
// SHA-256 (never the token itself) beside the stored hash it matched; the record is still read on every request,
// so a revocation (from any process) takes effect at once. Failures are never remembered.
const VERIFIED_FOR_MS = 5 * 60_000;
const MAX_VERIFIED = 1_000;

/**
 * The token of an `Authorization: Bearer …` header. Node hands a header's bytes over one per character (latin1):
 * they are read as the UTF-8 a terminal or a browser sent, so that a zero-width space pasted after the token is seen
 * as one and dropped with the rest of what copying carries (`pastedToken`) rather than answered 401 and counted
 * as a failed authentication toward the address's limit.
 */
function bearerToken(header: string | undefined): string | null {
  const match = header ? /^\s*Bearer\s+(.+)$/is.exec(Buffer.from(header, 'latin1').toString('utf8')) : null;
  return match ? pastedToken(match[1]!) : null;
}

/**
 * The last use is bookkeeping for `vlab token list`, written through the store's writes (on SQLite the group commit,
 * which waits for another process's write lock on timers; attacker pass 30). The request never waits for it: behind
 * another process's SQLite write lock it waited busy_timeout (5 s), behind a PostgreSQL session holding the token's
 * row the statement timeout (15 s), before it read (attacker pass 31). One write a token is in flight at a time; one
 * the store refused (503 busy) is left for the next request, anything else is logged.
 */
function lastUseWriter(store: Store, logger: Logger): (id: number, at: string) => void {
  const touching = new Set<number>();
  return (id, at) => {
    if (touching.has(id)) return;
    touching.add(id);
    store
      .write((tx) => tx.tokens.touch(id, at))
      .catch((error: unknown) => {
        if (!(error instanceof DomainError && error.code === 'busy')) logger.warn({ err: error }, "a researcher token's last use could not be written");
      })
      .finally(() => touching.delete(id));
  };
}

/** Researcher tokens: create (the token is shown once), list, revoke, and the check behind every researcher route. */
export function createTokenService({
  store,
  now = () => new Date().toISOString(),
  verifySecret = secretMatches,
  logger = silentLogger,
}: {
  store: Store;
  /** Where a last-use write that failed other than busy is said (the server's log). */
  logger?: Logger;
  now?: () => string;
  /** The scrypt check (tests count its calls). */
  verifySecret?: typeof secretMatches;
}) {
  const tokens = store.repos.tokens;
  const verified = new Map<string, { storedHash: Buffer; until: number }>();
  // A fixed record to hash against when the id is unknown, so that a miss costs what a hit costs.
  const decoy = { salt: newSalt(), hash: Buffer.alloc(32) };

  const touch = lastUseWriter(store, logger);

  return {
    /** Stores a new token's hash and returns the token itself: the only time it is ever seen. */
    async create(name: string): Promise<TokenSummary & { token: string }> {
      const parsed = tokenNameSchema.safeParse(name);
      if (!parsed.success) throw new DomainError('invalid_input', firstIssue(parsed.error, 'name'));
      const { publicId, secret, token } = generateToken();
      const salt = newSalt();
      const hash = await hashSecret(secret, salt);
      const record = await tokens.insert({ publicId, name: parsed.data, salt, hash, createdAt: now() });
      return { ...summary(record), token };
    },

    async list(): Promise<TokenSummary[]> {
      return (await tokens.list()).map(summary);
    },

    /** Revokes by id (the 16 hex digits after `vlab_`); revoking twice is a no-op that still succeeds. */
    async revoke(publicId: string): Promise<TokenSummary> {
      const record = TOKEN_PUBLIC_ID.test(publicId) ? await tokens.findByPublicId(publicId) : undefined;
      if (!record) throw new DomainError('not_found', `no token "${publicId}"`);
      await tokens.revoke(record.id, now());
      return summary((await tokens.findByPublicId(publicId))!);
    },

    /** The token behind an Authorization header, or an `unauthorized` error that says nothing about why. */
    async authenticate(header: string | undefined): Promise<TokenSummary> {
      const token = bearerToken(header);
      const parsed = token ? parseToken(token) : null;
      const record = parsed ? await tokens.findByPublicId(parsed.publicId) : undefined;
      const at = now();
      const key = parsed ? createHash('sha256').update(token!).digest('hex') : '';
      const remembered = record ? verified.get(key) : undefined;
      const fresh = remembered !== undefined && remembered.until > Date.parse(at) && remembered.storedHash.equals(record!.hash);
      const ok = fresh || (await verifySecret(parsed?.secret ?? '', record?.salt ?? decoy.salt, record?.hash ?? decoy.hash));
      if (!ok || !record || record.revokedAt) throw new DomainError('unauthorized', UNAUTHORIZED);
      if (!fresh) {
        if (verified.size >= MAX_VERIFIED) verified.clear();
        verified.set(key, { storedHash: record.hash, until: Date.parse(at) + VERIFIED_FOR_MS });
      }
      // A minute either way: a last use ahead of the clock (written while it ran ahead) is put right at once, not kept
      // until the clock passes it (attacker pass 31).
      if (!record.lastUsedAt || Math.abs(Date.parse(at) - Date.parse(record.lastUsedAt)) > TOUCH_EVERY_MS) touch(record.id, at);
      return summary(record);
    },
  };
}
export type TokenService = ReturnType<typeof createTokenService>;

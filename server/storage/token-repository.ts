import type { Db } from './db.ts';

/** A stored researcher token: never the token itself, only the scrypt hash of its secret and the salt. */
export interface TokenRecord {
  id: number;
  publicId: string;
  name: string;
  salt: Buffer;
  hash: Buffer;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface TokenRow {
  id: number;
  public_id: string;
  name: string;
  salt: string;
  hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export const toRecord = (row: TokenRow): TokenRecord => ({
  id: row.id,
  publicId: row.public_id,
  name: row.name,
  salt: Buffer.from(row.salt, 'base64'),
  hash: Buffer.from(row.hash, 'base64'),
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

export function createTokenRepository(db: Db) {
  const byPublicId = db.prepare<[string], TokenRow>('SELECT * FROM researcher_tokens WHERE public_id = ?');
  const all = db.prepare<[], TokenRow>('SELECT * FROM researcher_tokens ORDER BY id');
  const insert = db.prepare<[string, string, string, string, string]>(
    'INSERT INTO researcher_tokens (public_id, name, salt, hash, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const revoke = db.prepare<[string, number]>('UPDATE researcher_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const touch = db.prepare<[string, number]>('UPDATE researcher_tokens SET last_used_at = ? WHERE id = ?');

  return {
    async findByPublicId(publicId: string): Promise<TokenRecord | undefined> {
      const row = byPublicId.get(publicId);
      return row && toRecord(row);
    },
    async list(): Promise<TokenRecord[]> {
      return all.all().map(toRecord);
    },
    async insert(token: { publicId: string; name: string; salt: Buffer; hash: Buffer; createdAt: string }): Promise<TokenRecord> {
      insert.run(token.publicId, token.name, token.salt.toString('base64'), token.hash.toString('base64'), token.createdAt);
      return (await this.findByPublicId(token.publicId))!;
    },
    async revoke(id: number, now: string): Promise<boolean> {
      return revoke.run(now, id).changes > 0;
    },
    async touch(id: number, now: string): Promise<void> {
      touch.run(now, id);
    },
  };
}
export type TokenRepository = ReturnType<typeof createTokenRepository>;

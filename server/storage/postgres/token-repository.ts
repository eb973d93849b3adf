import { toRecord, type TokenRepository, type TokenRow } from '../token-repository.ts';
import type { Sql } from './sql.ts';

export function createPgTokenRepository(sql: Sql): TokenRepository {
  const byPublicId = async (publicId: string) => {
    const row = await sql.one<TokenRow>('SELECT * FROM researcher_tokens WHERE public_id = $1', [publicId]);
    return row && toRecord(row);
  };
  return {
    findByPublicId: byPublicId,
    async list() {
      return (await sql.rows<TokenRow>('SELECT * FROM researcher_tokens ORDER BY id')).map(toRecord);
    },
    async insert(token) {
      await sql.run('INSERT INTO researcher_tokens (public_id, name, salt, hash, created_at) VALUES ($1, $2, $3, $4, $5)', [
        token.publicId,
        token.name,
        token.salt.toString('base64'),
        token.hash.toString('base64'),
        token.createdAt,
      ]);
      return (await byPublicId(token.publicId))!;
    },
    async revoke(id, now) {
      return (await sql.run('UPDATE researcher_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [now, id])) > 0;
    },
    async touch(id, now) {
      await sql.run('UPDATE researcher_tokens SET last_used_at = $1 WHERE id = $2', [now, id]);
    },
  };
}

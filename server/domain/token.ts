import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { z } from 'zod';

/**
 * Researcher API tokens: `vlab_<publicId>_<secret>`. The public id (16 hex digits) finds the stored record;
 * the secret (32 random bytes, base64url) is checked against a scrypt hash with the token's own salt, compared
 * in constant time. Only the hash is stored: a leaked database does not leak usable tokens.
 */
export const TOKEN_FORMAT = /^vlab_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
export const TOKEN_PUBLIC_ID = /^[0-9a-f]{16}$/;

export const tokenNameSchema = z
  .string()
  .trim()
  .min(1, 'the token needs a name')
  .max(100)
  .regex(/^[\x20-\x7e]+$/, 'expected printable ASCII');

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;
const KEY_LENGTH = 32;

export interface NewToken {
  publicId: string;
  secret: string;
  token: string;
}

export function generateToken(): NewToken {
  const publicId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { publicId, secret, token: `vlab_${publicId}_${secret}` };
}

export function parseToken(token: string): { publicId: string; secret: string } | null {
  const match = TOKEN_FORMAT.exec(token);
  return match ? { publicId: match[1]!, secret: match[2]! } : null;
}

export function newSalt(): Buffer {
  return randomBytes(16);
}

export function hashSecret(secret: string, salt: Buffer): Promise<Buffer> {
  return scryptAsync(secret, salt, KEY_LENGTH);
}

/** Recomputes the hash and compares it in constant time. */
export async function secretMatches(secret: string, salt: Buffer, expected: Buffer): Promise<boolean> {
  const actual = await hashSecret(secret, salt);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

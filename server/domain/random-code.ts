import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A random base64url code that starts with a letter or digit. A leading "-" would be read as an option by the
 * command line (`vlab wave status -x…`) and neutralised as a formula in spreadsheet exports, so such draws are
 * rejected and drawn again (rejection keeps every accepted code equally likely).
 */
export function randomCode(bytes: number, random: (n: number) => Buffer = randomBytes): string {
  for (;;) {
    const code = random(bytes).toString('base64url');
    if (/^[A-Za-z0-9]/.test(code)) return code;
  }
}

/** How many random bytes pooledRandomBytes draws at once. */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let poolOffset = 0;

/**
 * randomBytes(n) served from a pool that is refilled from the CSPRNG 4 KB at a time, each byte handed out once
 * (node's randomUUID pools the same way). A start draws a 16-byte code and an 8-byte public reference; a
 * randomBytes call for each showed as 1–2 % of the start's CPU profile. A refill replaces the pool, so earlier
 * results are never overwritten.
 */
export function pooledRandomBytes(n: number): Buffer {
  if (n > POOL_BYTES) return randomBytes(n);
  if (poolOffset + n > pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + n);
  poolOffset += n;
  return bytes;
}

/** `given` is the code `expected`, compared in constant time (codes are credentials). */
export function sameCode(given: string | undefined, expected: string): boolean {
  return given !== undefined && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

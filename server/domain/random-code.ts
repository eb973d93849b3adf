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

/** `given` is the code `expected`, compared in constant time (codes are credentials). */
export function sameCode(given: string | undefined, expected: string): boolean {
  return given !== undefined && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

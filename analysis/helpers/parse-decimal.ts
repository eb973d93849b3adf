const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k); // exact in a double up to 10^22
const MAX_EXACT = 2 ** 53;

/**
 * A decimal number (`-12`, `3.25`, `.5`, `1e-3`, spaces around allowed) read from bytes without making a string:
 * NaN if the bytes are not one. A mantissa below 2^53 with a power of ten up to 10^22 gives the correctly rounded
 * double by one exact multiplication or division (Clinger 1990); longer numbers (17-digit doubles as
 * `String(x)` writes them) go through Number() on their text, also correctly rounded.
 *
 * @example parseDecimal(Buffer.from('x,-1.25e2'), 2, 9) // -125
 */
export function parseDecimal(bytes: Buffer, start: number, end: number): number {
  let i = start;
  while (i < end && (bytes[i] === 0x20 || bytes[i] === 0x09)) i++;
  while (end > i && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0x09)) end--;
  const first = i;
  const negative = bytes[i] === 0x2d;
  if (negative || bytes[i] === 0x2b) i++;
  let mantissa = 0;
  let exponent = 0;
  let digits = 0;
  let exact = true;
  for (; i < end; i++) {
    const d = bytes[i] - 48;
    if (d < 0 || d > 9) break;
    digits++;
    mantissa = mantissa * 10 + d;
  }
  if (i < end && bytes[i] === 0x2e) {
    for (i++; i < end; i++) {
      const d = bytes[i] - 48;
      if (d < 0 || d > 9) break;
      digits++;
      mantissa = mantissa * 10 + d;
      exponent--;
    }
  }
  if (digits === 0) return NaN;
  if (mantissa >= MAX_EXACT) exact = false;
  if (i < end && (bytes[i] === 0x65 || bytes[i] === 0x45)) {
    i++;
    const negativeExponent = bytes[i] === 0x2d;
    if (negativeExponent || bytes[i] === 0x2b) i++;
    let e = 0;
    let exponentDigits = 0;
    for (; i < end; i++) {
      const d = bytes[i] - 48;
      if (d < 0 || d > 9) break;
      exponentDigits++;
      if (e < 100000) e = e * 10 + d;
    }
    if (exponentDigits === 0) return NaN;
    exponent += negativeExponent ? -e : e;
  }
  if (i !== end) return NaN;
  if (!exact || exponent < -22 || exponent > 22) return Number(bytes.toString('latin1', first, end));
  const value = exponent < 0 ? mantissa / POWERS_OF_TEN[-exponent] : mantissa * POWERS_OF_TEN[exponent];
  return negative ? -value : value;
}

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

// R_strtod's spellings beyond plain decimals (R 4.2.2, src/main/arithmetic.c), after an optional sign.
const SPECIAL = /^(?:(nan)|(inf|infinity))$/i;
const HEX = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?[0-9]*))?$/;
// R's isspace in the C locale: what read.csv's type.convert skips around a number.
const R_SPACE = /^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g;
const PLAIN = /^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]*)?$/;

/**
 * A field as R's `type.convert` (read.csv) reads it: the number, NaN for R's NaN (missing to na.omit), or
 * undefined when it is not a number (the column is then text). Beyond plain decimals R_strtod reads `Inf`, `-inf`,
 * `Infinity`, `NaN`, `nan` (any case after the sign, but not "NAN", which starts like NA), hexadecimal with an
 * optional binary exponent (`0x1A`, `0x10p-2`; without `p` R reads a hexadecimal point's digits as integer digits:
 * "0x1.8" is 24) and an exponent without digits (`1e` is 1). Surrounding white space is allowed.
 *
 * @example readRNumber('-Inf') // -Infinity; readRNumber('0x1A') // 26; readRNumber('NAN') // undefined
 */
export function readRNumber(text: string): number | undefined {
  const trimmed = text.replace(R_SPACE, '');
  if (trimmed === '' || trimmed.startsWith('NA')) return undefined;
  const sign = trimmed[0] === '-' ? -1 : 1;
  const body = trimmed[0] === '-' || trimmed[0] === '+' ? trimmed.slice(1) : trimmed;
  const special = SPECIAL.exec(body);
  if (special) return special[1] ? NaN : sign * Infinity;
  const hex = body.length > 2 ? HEX.exec(body) : null;
  if (hex) {
    const [, whole, fraction, power] = hex;
    const digits = whole + (fraction ?? '');
    let value = 0;
    for (const d of digits) value = 16 * value + parseInt(d, 16);
    if (power === undefined) return sign * value;
    const exponent = (Number(power.replace(/^[+-]$/, '')) || 0) - 4 * (fraction?.length ?? 0);
    return sign * value * 2 ** exponent;
  }
  if (!PLAIN.test(body)) return undefined;
  return sign * Number(body.replace(/[eE][+-]?$/, ''));
}

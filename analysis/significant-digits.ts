/**
 * x with `digits` significant digits for reading: fixed notation (0.512, 0.0456, 12.3, 1234, never 1.23e+3) up
 * to eight decimals; a number smaller than that needs keeps its digits in exponent notation, as R prints it
 * (9.80e-16, the floating-point noise of a zero difference in means), rather than "0.00000000".
 * @example significantDigits(0.04561) // '0.0456'
 * @example significantDigits(9.800126666290866e-16) // '9.80e-16'
 */
export function significantDigits(x: number, digits = 3): string {
  if (x === 0) return '0';
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(x))));
  return decimals > MAX_DECIMALS ? x.toExponential(digits - 1) : x.toFixed(decimals);
}

const MAX_DECIMALS = 8;

/**
 * A double as R writes it in `deparse`, `as.character` and factor labels: the fewest significant digits (at most
 * 15) that give the value rounded to 15, in fixed notation unless scientific is narrower (R's `formatReal` with
 * `digits = 15`, `scipen = 0`): 0.1 → "0.1", 1/3 → "0.333333333333333", 1e5 → "1e+05", 123456 → "123456",
 * 1e-4 → "1e-04".
 *
 * @example formatRNumber(100000) // '1e+05'
 */
export function formatRNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Inf' : '-Inf';
  if (x === 0) return '0';
  const target = Number(x.toPrecision(15));
  let digits = 1;
  while (digits < 15 && Number(x.toPrecision(digits)) !== target) digits++;
  const [mantissa, exponentText] = Math.abs(target).toExponential(digits - 1).split('e');
  const exponent = Number(exponentText);
  const sign = x < 0 ? '-' : '';
  const decimals = Math.max(0, digits - 1 - exponent);
  const fixedWidth = (exponent >= 0 ? exponent + 1 : 1) + (decimals > 0 ? decimals + 1 : 0);
  const scientificWidth = (digits > 1 ? digits + 1 : 1) + (Math.abs(exponent) >= 100 ? 5 : 4);
  // R prints fixed notation with sprintf("%.*f") of the value itself, not of its 15-digit rounding: an integer of 16–17
  // digits keeps them all (as.character(1234567890123457) is "1234567890123457", not "1234567890123460").
  if (fixedWidth <= scientificWidth) return sign + Math.abs(x).toFixed(decimals);
  const padded = String(Math.abs(exponent)).padStart(2, '0');
  return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${padded}`;
}

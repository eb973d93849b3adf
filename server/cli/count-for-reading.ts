/**
 * A count as a person reads it in a terminal table: small ones as they are, larger ones with grouped digits
 * ("102,400,000,000"), and one past 2^53 — where a number no longer holds every unit — as a rounded power of ten
 * ("about 1.68 × 10^36"). A large conjoint's profile count printed as 1.68e+36 (attacker pass 11), which reads
 * as a typo rather than as a number far beyond any sample.
 *
 * @example countForReading(176) // "176"; countForReading(1.68e36) // "about 1.68 × 10^36"
 */
export function countForReading(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const exponent = Math.floor(Math.log10(Math.abs(n)));
  const mantissa = Number((n / 10 ** exponent).toPrecision(3));
  // Rounding may reach 10 (9.996e20 → 10.0): carry it into the exponent.
  return mantissa >= 10 ? `about 1 × 10^${exponent + 1}` : `about ${mantissa} × 10^${exponent}`;
}

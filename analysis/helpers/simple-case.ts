/**
 * toupper() and tolower() as R computes them in a UTF-8 locale: one character at a time by the C library's towupper
 * and towlower, which follow Unicode's simple case mapping (UnicodeData.txt) of the C library's Unicode version.
 * JavaScript's toUpperCase/toLowerCase give the full mapping (SpecialCasing.txt) of ICU's version. Compared with R
 * 4.2.2 on Debian 12 (glibc 2.36, C.UTF-8) over every code point below U+20000 (R trial 27), they differ where
 * - the full mapping is several characters and a simple one exists: İ (U+0130) lowers to i, and the Greek vowels with
 *   ypogegrammeni ᾀ … ᾧ, ᾳ, ῃ, ῳ raise to their titlecase forms ᾈ … ᾯ, ᾼ, ῌ, ῼ (other characters whose mapping is
 *   several characters, such as ß, have no simple one and stay);
 * - the pair is one Unicode 16 (2024) added, which Node's ICU knows and glibc before 2.41 does not (ɤ and Ɤ, Cyrillic
 *   tje, Garay, Kirat Rai): the character stays, as in R there.
 */

/** The simple mappings that differ from the first character of the full one (UnicodeData.txt). */
const SIMPLE_LOWER = new Map<number, number>([[0x130, 0x69]]);
const SIMPLE_UPPER = new Map<number, number>([
  ...[0x1f80, 0x1f90, 0x1fa0].flatMap((start) => Array.from({ length: 8 }, (_, k): [number, number] => [start + k, start + k + 8])),
  [0x1fb3, 0x1fbc],
  [0x1fc3, 0x1fcc],
  [0x1ff3, 0x1ffc],
]);

/** Characters whose case pair Unicode 16 added (glibc 2.36 maps them to themselves). */
const UNICODE_16_PAIRS: [number, number][] = [
  [0x19b, 0x19b], [0x264, 0x264], [0x1c89, 0x1c8a], [0xa7cb, 0xa7cf], [0xa7d2, 0xa7d5], [0xa7da, 0xa7dc],
  [0x10d50, 0x10d65], [0x10d70, 0x10d85], [0x16ea0, 0x16eb8], [0x16ebb, 0x16ed3],
];

/** One character's case as R's towupper/towlower: itself where the mapping is not one character. */
function mapCharacter(c: string, full: (c: string) => string, simple: ReadonlyMap<number, number>): string {
  const code = c.codePointAt(0) as number;
  const special = simple.get(code);
  if (special !== undefined) return String.fromCodePoint(special);
  if (code < 0x80 || !UNICODE_16_PAIRS.some(([lo, hi]) => code >= lo && code <= hi)) {
    const mapped = full(c);
    return Array.from(mapped).length === 1 ? mapped : c;
  }
  return c;
}

/** R's toupper(x) of one text in a UTF-8 locale. */
export function upperCaseR(text: string): string {
  return Array.from(text, (c) => mapCharacter(c, (x) => x.toUpperCase(), SIMPLE_UPPER)).join('');
}

/** R's tolower(x) of one text in a UTF-8 locale. */
export function lowerCaseR(text: string): string {
  return Array.from(text, (c) => mapCharacter(c, (x) => x.toLowerCase(), SIMPLE_LOWER)).join('');
}

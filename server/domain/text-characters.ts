import { unicodeEscape } from '../../analysis/helpers/invisible-characters.ts';
import { firstPlace, pathOf } from './json-places.ts';

/**
 * Characters a stored text cannot hold on every engine. PostgreSQL refuses a NUL in `text` outright ("invalid
 * byte sequence for encoding UTF8: 0x00"); half a surrogate pair (a lone `\ud800` escape in JSON) is no
 * character, and both engines' UTF-8 encoders silently turn it into U+FFFD, so what is stored differs from what
 * was written. Tabs and line breaks are ordinary characters of a text and stay allowed.
 */
const UNSTORABLE = /\u0000|\p{Cs}/u;

/** Why `text` cannot be stored, in words for the person who wrote it; undefined when it can. */
export function unstorableCharacter(text: string): string | undefined {
  const found = UNSTORABLE.exec(text)?.[0];
  if (found === undefined) return undefined;
  if (found === '\u0000') return 'a NUL character (\\u0000), which no text may hold (PostgreSQL cannot store it): delete it';
  return `half of a surrogate pair (${unicodeEscape(found)}), which is no character: write the whole pair, or the character itself`;
}

/**
 * The first string (value or field name) inside a parsed JSON value that cannot be stored: its path and the
 * reason, or undefined. Iterative, so a value nested thousands of levels deep cannot overflow the stack, and
 * linear in the depth (json-places.ts).
 */
export function findUnstorableText(value: unknown): { path: PropertyKey[]; fieldName: boolean; reason: string } | undefined {
  const first = firstPlace(value, ({ value: current }) => {
    if (typeof current === 'string') {
      const reason = unstorableCharacter(current);
      return reason ? { fieldName: false, reason } : undefined;
    }
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    for (const key of Object.keys(current)) {
      const reason = unstorableCharacter(key);
      if (reason) return { fieldName: true, reason };
    }
    return undefined;
  });
  return first && { path: pathOf(first.place), ...first.result };
}

/**
 * Unicode's format characters (general category Cf): zero-width spaces and joiners, a soft hyphen, bidi marks,
 * overrides and isolates, word joiners, tags. They show as nothing, so a text holding one looks like a text without
 * it; text copied from a document or a chat can carry them.
 */
const INVISIBLE = /\p{Cf}/u;
const INVISIBLE_ALL = /\p{Cf}/gu;

/** The first invisible character of `text` and its place (1-based, counted in characters), or null. */
export function firstInvisible(text: string): { character: string; place: number } | null {
  const found = INVISIBLE.exec(text);
  return found ? { character: found[0], place: [...text.slice(0, found.index)].length + 1 } : null;
}

/** `text` without its invisible characters. */
export const withoutInvisible = (text: string): string => text.replace(INVISIBLE_ALL, '');

/**
 * A character as JavaScript and JSON escape it: `\u200b`, `\u001b`, a lone surrogate half `\ud800`, and past the
 * Basic Multilingual Plane `\u{e0041}`. The one escape of every message and terminal line that shows a character
 * its reader could not see (invisibleShown, shortened.ts's visible, terminal-text.ts, text-characters.ts).
 */
export function unicodeEscape(character: string): string {
  const hex = character.codePointAt(0)!.toString(16);
  return hex.length > 4 ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
}

/** `text` with each invisible character shown as its escape (`female\u200b`, `\u{e0041}`), so a message shows it. */
export const invisibleShown = (text: string): string => text.replace(INVISIBLE_ALL, unicodeEscape);

/**
 * The character's Unicode name in short: `U+200B`.
 *
 * @example codePointName('\u200b') // 'U+200B'
 */
export const codePointName = (character: string): string => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

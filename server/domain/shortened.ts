import { unicodeEscape } from '../../analysis/helpers/invisible-characters.ts';

/**
 * A text as a message shows it: at most `max` characters, then `…`, its invisible characters written as escapes
 * (`visible`). Messages quote what a client or a file sent, and that can be anything long — a 9,000-character id in
 * a URL, a CSV line read as one JSON token — or binary: a gzip body sent without its Content-Encoding was quoted as
 * `\u001f�\b\u0000…` until attacker pass 39.
 *
 * @example shortened('a'.repeat(50), 40) // 'aaaa…' (40 a's, then …)
 */
export function shortened(text: string, max = 40): string {
  return visible(clipped(text, max));
}

/** At most `max` characters of `text`, then `…`; nothing else changed (for a caller that escapes by itself, as JSON.stringify). */
export function clipped(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * Characters a reader of a message cannot see or that act on a terminal or a log viewer: controls (C0, DEL, C1:
 * ESC starts a terminal's colour codes), a lone half of a surrogate pair, U+FFFD (bytes that were not UTF-8), and
 * the format characters (Cf): the bidirectional controls (U+202E turns the rest of a line around), and since attacker
 * pass 40 the zero-width space, byte-order mark, word joiner, soft hyphen and tags that copying leaves in a name or an
 * ID (`unknown field "consent"` + U+200B read as a refusal of the survey's own question). The zero-width joiner and
 * non-joiner stay: they are parts of writing (emoji sequences, Persian and Indic words), no glue. terminalText
 * escapes the controls and bidi controls as well (its line breaks as `\n`), not the other format characters.
 */
const INVISIBLE = /[\p{Cc}\p{Cs}\uFFFD]|(?![\u200c\u200d])\p{Cf}/gu;

/** `text` with each INVISIBLE character written as `\uXXXX`, as JSON and JavaScript write it: `a\u0000b`. */
export function visible(text: string): string {
  return text.replace(INVISIBLE, unicodeEscape);
}

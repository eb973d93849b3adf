/**
 * A text as a message shows it: at most `max` characters, then `…`. Messages quote what a client or a file sent,
 * and that can be anything long — a 9,000-character id in a URL, a CSV line read as one JSON token.
 *
 * @example shortened('a'.repeat(50), 40) // 'aaaa…' (40 a's, then …)
 */
export function shortened(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

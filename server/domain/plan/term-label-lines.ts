/**
 * A term's label (term-labels.ts, conjoint-report.ts) is phrases: "Regime: Autocracy (vs. Democracy)", then for an
 * interaction or a conjoint subgroup "× Party: Republican (vs. Democrat)" or "· Party: Republican"; inside each,
 * "Regime: Autocracy" and "(vs. Democracy)". A line that breaks inside one ("… (vs." over "Democracy)") reads as
 * two wrong phrases, so readers' tables and plots break between phrases, then between their halves, then between a
 * variable's name and its level, and only then at any space.
 */
const PHRASE_BREAK = / (?=× |· )/;
const REFERENCE_BREAK = / (?=\(vs\. )/;
/** After the variable's name ("Bargaining behaviour of the partner:"), before its level ("Evicts US troops"). */
const LEVEL_BREAK = /(?<=^[^:]*:) /;

/**
 * A label's phrases and their halves, in order: the pieces the dashboard's table cells keep whole (each may wrap
 * on its own), split where termLabelLines breaks first, so that the two cannot drift.
 *
 * @example labelPhrases('Regime: Autocracy (vs. Democracy)') // ['Regime: Autocracy', '(vs. Democracy)']
 */
export function labelPhrases(label: string): string[] {
  return label.split(PHRASE_BREAK).flatMap((phrase) => phrase.split(REFERENCE_BREAK));
}

/**
 * A term's label in lines of at most `width` characters, broken between its phrases where it can (see above); a
 * word longer than the line keeps a line of its own. For `vlab estimates --format table` and the dashboard's
 * coefficient plot.
 *
 * @example termLabelLines('Regime: Autocracy (vs. Democracy)', 20) // ['Regime: Autocracy', '(vs. Democracy)']
 */
export function termLabelLines(label: string, width: number): string[] {
  const words = (part: string) => wrapWords(part, width);
  const nameAndLevel = (half: string) => packed(half.split(LEVEL_BREAK), width, words);
  return packed(label.split(PHRASE_BREAK), width, (phrase) => packed(phrase.split(REFERENCE_BREAK), width, nameAndLevel));
}

/** Pieces joined by spaces on lines of at most `width`; a piece too long for a line of its own is `split`. */
function packed(pieces: readonly string[], width: number, split: (piece: string) => string[]): string[] {
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces) {
    if (line && line.length + 1 + piece.length <= width) {
      line = `${line} ${piece}`;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    if (piece.length <= width) line = piece;
    else lines.push(...split(piece));
  }
  return line ? [...lines, line] : lines;
}

/** Words of `text` in lines of at most `width` characters (a longer word gets a line of its own). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return [...lines, line];
}

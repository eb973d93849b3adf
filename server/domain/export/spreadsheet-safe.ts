import type { ColumnSpec, WideRow, WideValue } from './wave-columns.ts';

/**
 * Spreadsheet programs run a cell that starts with `=`, `+`, `-` or `@` (and, in some, tab, CR or LF) as a
 * formula: a respondent's free-text answer `=HYPERLINK(...)` would become a link in the researcher's sheet
 * (OWASP "CSV injection"). Some programs skip leading blanks before deciding (spaces, no-break spaces, a byte
 * order mark, zero-width characters) and read the full-width forms `＝ ＋ － ＠` as the ASCII ones, so those count
 * too — and so does every other invisible format character (Unicode's category Cf: bidi marks, embeddings and
 * isolates, a soft hyphen), which a program may drop as it reads a cell. Such strings get a leading single quote,
 * which the programs show as text. Numbers are values, not text, so a numeric column's -1.5 is written as -1.5.
 * A NUL (a text answer stored before the server refused one: answers.ts) is written as U+FFFD, as UTF-8 writes half a
 * surrogate pair: with the NUL byte in the file R 4.2.2's read.csv read none of its rows, with only a warning
 * (attacker pass 44).
 */
const FORMULA_START = /^[\t\r\n]|^[\s\p{Cf}]*[=+\-@\uff1d\uff0b\uff0d\uff20]/u;

export function spreadsheetSafe(value: WideValue): WideValue {
  if (typeof value !== 'string') return value;
  const text = value.includes('\u0000') ? value.replaceAll('\u0000', '\ufffd') : value;
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A number written as text ("-1", "+2", "0.5", "-1e3"): a spreadsheet reads it as that number and runs nothing. */
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * A categorical column's declared codes that the CSV files write after the guard's quote (`'@home`, `'-none-`):
 * text codes that start like a formula and are no number. replicate.R takes the quote off them again
 * (replication-read-csv.ts), so that it reads the codes the platform's estimates used.
 */
export function guardedCodes(column: ColumnSpec): string[] {
  if (column.type !== 'categorical') return [];
  return (column.levels ?? []).flatMap((l) => (typeof l.value === 'string' && !NUMBER_TEXT.test(l.value) && spreadsheetSafe(l.value) !== l.value ? [l.value] : []));
}

/**
 * Makes every string cell of a freshly built row of `columns` spreadsheet-safe, in place (numbers and nulls
 * untouched), and returns it: a copy per row was a seventh of a large export's time. A closed question's code that
 * is a number in text (a scale coded "-2" … "+2") is written as it is: it is the researcher's own value, listed so in
 * the codebook, and a spreadsheet takes it for that number. With the quote, R (replicate.R) and Stata read another
 * value than the estimates used, and left out every respondent coded "-1" or "+1" (attacker pass 36).
 */
export function spreadsheetSafeRows(columns: readonly ColumnSpec[]): (row: WideRow) => WideRow {
  const numberCodes = new Map<string, Set<WideValue>>();
  for (const c of columns) {
    const codes = c.type === 'categorical' ? (c.levels ?? []).filter((l) => typeof l.value === 'string' && NUMBER_TEXT.test(l.value)) : [];
    if (codes.length > 0) numberCodes.set(c.name, new Set(codes.map((l) => l.value)));
  }
  return (row) => {
    for (const key in row) if (!numberCodes.get(key)?.has(row[key]!)) row[key] = spreadsheetSafe(row[key]!);
    return row;
  };
}

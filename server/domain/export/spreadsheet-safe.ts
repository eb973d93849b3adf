import type { WideRow, WideValue } from './wave-columns.ts';

/**
 * Spreadsheet programs run a cell that starts with `=`, `+`, `-` or `@` (and, in some, tab, CR or LF) as a
 * formula: a respondent's free-text answer `=HYPERLINK(...)` would become a link in the researcher's sheet
 * (OWASP "CSV injection"). Some programs skip leading blanks before deciding (spaces, no-break spaces, a byte
 * order mark, zero-width characters) and read the full-width forms `＝ ＋ － ＠` as the ASCII ones, so those count
 * too — and so does every other invisible format character (Unicode's category Cf: bidi marks, embeddings and
 * isolates, a soft hyphen), which a program may drop as it reads a cell. Such strings get a leading single quote,
 * which the programs show as text. Numbers are values, not text, so a numeric column's -1.5 is written as -1.5.
 */
const FORMULA_START = /^[\t\r\n]|^[\s\p{Cf}]*[=+\-@\uff1d\uff0b\uff0d\uff20]/u;

export function spreadsheetSafe(value: WideValue): WideValue {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * Makes every string cell of a freshly built row spreadsheet-safe, in place (numbers and nulls untouched), and
 * returns it: a copy per row was a seventh of a large export's time.
 */
export function spreadsheetSafeRow(row: WideRow): WideRow {
  for (const key in row) row[key] = spreadsheetSafe(row[key]);
  return row;
}

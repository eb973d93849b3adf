import type { WideRow, WideValue } from './wave-columns.ts';

/**
 * Spreadsheet programs run a cell that starts with `=`, `+`, `-` or `@` (and, in some, tab, CR or LF) as a
 * formula: a respondent's free-text answer `=HYPERLINK(...)` would become a link in the researcher's sheet
 * (OWASP "CSV injection"). Such strings get a leading single quote, which the programs show as text. Numbers
 * are values, not text, so a numeric column's -1.5 is written as -1.5.
 */
const FORMULA_START = /^[=+\-@\t\r\n]/;

export function spreadsheetSafe(value: WideValue): WideValue {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** The row with every string cell made spreadsheet-safe; numbers and nulls untouched. */
export function spreadsheetSafeRow(row: WideRow): WideRow {
  const out: WideRow = {};
  for (const [key, value] of Object.entries(row)) out[key] = spreadsheetSafe(value);
  return out;
}

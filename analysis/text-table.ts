import { terminalText } from './terminal-text.ts';

/**
 * Records as an aligned plain-text table for a terminal: text left-aligned, numbers right-aligned with six
 * significant digits (CSV and JSON output keep full precision; this is for reading). Text is shown as written:
 * escape sequences and line breaks in a cell (a study's title, an answer) are printed as escapes (terminalText).
 *
 * @example textTable([{ term: 'x', estimate: 0.123456789 }], ['term', 'estimate'])
 * // "term   estimate\nx      0.123457\n"
 */
export function textTable(records: readonly Record<string, unknown>[], columns: readonly string[]): string {
  const cells = records.map((record) => columns.map((column) => formatForReading(record[column])));
  const numeric = columns.map((column) => records.some((record) => typeof record[column] === 'number'));
  const widths = columns.map((column, j) => Math.max(column.length, ...cells.map((row) => row[j].length)));
  const line = (values: string[]): string =>
    values
      .map((value, j) => (numeric[j] ? value.padStart(widths[j]) : value.padEnd(widths[j])))
      .join('  ')
      .trimEnd();
  return [line([...columns]), ...cells.map(line)].join('\n') + '\n';
}

function formatForReading(value: unknown): string {
  if (value === null || value === undefined) return 'NA';
  if (typeof value === 'number') return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : String(value);
  return terminalText(String(value));
}

import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { rowNamesColumn } from './csv-table.ts';
import type { Row } from './helpers/data.ts';
import { readRNumber } from './helpers/parse-decimal.ts';

/**
 * CSV text to rows for the estimators. Quoted fields stay strings and unquoted finite numbers (as R reads them:
 * `readRNumber`) become numbers,
 * which is exactly how R's `write.csv` separates factors/characters from numbers; "NA" and empty cells are
 * kept as they are and treated as missing by the estimators.
 *
 * @example rowsFromCsv('"g",y\n"a",1\n"b",NA\n') // [{ g: 'a', y: 1 }, { g: 'b', y: 'NA' }]
 */
export function rowsFromCsv(text: string): Row[] {
  return parse(text, {
    skip_empty_lines: true,
    bom: true,
    // write.csv's row names column (an empty first name) is read.csv's "X".
    columns: (header: string[]) => rowNamesColumn(header),
    cast: (value, context) => {
      if (context.header || context.quoting || value === '' || value === 'NA') return value;
      // Finite numbers as read.csv reads them. Inf and NaN stay text here: a column of text may hold them as labels
      // (read.csv keeps them so), and a numeric column reads them when it is typed (tableFromRows, readRNumber).
      const x = readRNumber(value);
      return x !== undefined && Number.isFinite(x) ? x : value;
    },
  }) as Row[];
}

/**
 * Records to CSV text; numbers print with `String(x)`, which round-trips every double.
 *
 * @example csvFromRecords([{ term: 'x', estimate: 0.1 + 0.2 }], ['term', 'estimate']) // 'term,estimate\nx,0.30000000000000004\n'
 */
export function csvFromRecords(records: readonly Record<string, unknown>[], columns: readonly string[]): string {
  return stringify(
    records.map((record) => columns.map((column) => formatCell(record[column]))),
    { header: true, columns: [...columns] },
  );
}

function formatCell(value: unknown): string {
  if (value === null || value === undefined) return 'NA';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  return String(value);
}

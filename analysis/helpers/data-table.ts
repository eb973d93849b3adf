import { isMissing, type Cell, type Row } from './data.ts';
import { readRNumber } from './parse-decimal.ts';

/**
 * One column of a data set, typed as R's `read.csv(file, na.strings = c("", "NA"))` types it: numbers when every
 * value that is not missing is a number as R reads one (`readRNumber`: decimals, Inf, NaN, hexadecimal); logical when every one is T, F, TRUE or FALSE; else character.
 */
export type Column =
  /** NaN where missing; nanCells counts the cells read as R's NaN (text "NaN", or a record's JS NaN), when there are any. */
  | { type: 'numeric'; values: Float64Array; nanCells?: number }
  /** 1 (TRUE), 0 (FALSE), NaN where missing. */
  | { type: 'logical'; values: Float64Array }
  /** Codes into `labels` (distinct values in order of first appearance), −1 where missing. */
  | { type: 'character'; codes: Int32Array; labels: string[] };

/** Data by columns: what the model frame reads. A CSV file becomes one without any per-row record. */
export interface DataTable {
  /** Number of rows (named as an array's, so code that counts rows reads tables and row arrays alike). */
  readonly length: number;
  readonly names: readonly string[];
  /** The column, or undefined if there is none of that name. */
  column(name: string): Column | undefined;
}

/** The spellings R's type.convert reads as logical. */
export const LOGICAL_VALUES: ReadonlyMap<string, number> = new Map([
  ['TRUE', 1],
  ['T', 1],
  ['FALSE', 0],
  ['F', 0],
]);

const BLANK = /^[ \t\n\v\f\r]+$/;

/**
 * Whether `data` is a table rather than an array of records.
 *
 * @example isDataTable(tableFromRows(rows)) // true
 */
export function isDataTable(data: readonly Row[] | DataTable): data is DataTable {
  return !Array.isArray(data);
}

/**
 * Rows (records from an SQLite export, a JSON body or `rowsFromCsv`) as a table. Columns are typed on first use
 * over all rows, as `read.csv` types a file's column: JS numbers and numeric strings are numbers. The columns named
 * in `textColumns` are character, as `read.csv(…, colClasses = c(g = "character"))` reads them: codes such as "01"
 * or "+1" that a guess would turn into the numbers 1 and 1, which no declared level matches.
 *
 * @example tableFromRows([{ g: 'a', y: 1 }, { g: 'b', y: '2' }]).column('y') // { type: 'numeric', values: [1, 2] }
 * @example tableFromRows([{ g: '01' }, { g: '+1' }], new Set(['g'])).column('g') // { type: 'character', labels: ['01', '+1'], … }
 */
export function tableFromRows(rows: readonly Row[], textColumns: ReadonlySet<string> = new Set()): DataTable {
  const names = rows.length > 0 ? Object.keys(rows[0]) : [];
  const cache = new Map<string, Column>();
  return {
    length: rows.length,
    names,
    column(name: string): Column | undefined {
      if (!names.includes(name)) return undefined;
      let column = cache.get(name);
      if (!column) cache.set(name, (column = textColumns.has(name) ? characterColumn(rows, name) : columnOfRows(rows, name)));
      return column;
    },
  };
}

/** Whether row i of a typed column is missing: empty, NA, null, or R's NaN (a "NaN" cell of a numeric column). */
export function cellMissing(column: Column, i: number): boolean {
  return column.type === 'character' ? column.codes[i] < 0 : Number.isNaN(column.values[i]);
}

/**
 * The rows of a table where every named column has a value (none missing), as a table of those rows: the data a
 * caller hands on once it has dropped incomplete rows itself (cregg's amce_diffs fits a glm on the complete rows, so
 * its clusters are those left, not a survey design's).
 *
 * @example completeRows(tableFromCsv('y,g\n1,a\nNA,b\n'), ['y', 'g']).length // 1
 */
export function completeRows(table: DataTable, names: readonly string[]): DataTable {
  const columns = names.map((name) => table.column(name)).filter((column) => column !== undefined);
  const index = Int32Array.from({ length: table.length }, (_, i) => i).filter((i) => columns.every((column) => !cellMissing(column, i)));
  return index.length === table.length ? table : pickRows(table, index);
}

/**
 * The rows `index` of a table (in that order) as a table, each column picked once when first read.
 *
 * @example pickRows(tableFromCsv('y\n1\n2\n3\n'), Int32Array.of(0, 2)).length // 2
 */
export function pickRows(table: DataTable, index: Int32Array): DataTable {
  const pick = (column: Column): Column =>
    column.type === 'character' ? { type: 'character', codes: index.map((i) => column.codes[i]), labels: column.labels } : { type: column.type, values: Float64Array.from(index, (i) => column.values[i]) } as Column;
  const cache = new Map<string, Column>();
  return {
    length: index.length,
    names: table.names,
    column(name: string): Column | undefined {
      const column = table.column(name);
      if (!column) return undefined;
      let picked = cache.get(name);
      if (!picked) cache.set(name, (picked = pick(column)));
      return picked;
    },
  };
}

/**
 * A table's rows as records, for the estimators that read records (difference in means, raking): the values as
 * the table typed them (numbers, TRUE/FALSE, text), null where missing. So every CSV is read by one reader,
 * `tableFromCsv`, whichever estimator runs on it.
 *
 * @example rowsFromTable(tableFromCsv('y,g\n1,a\nNA,b\n')) // [{ y: 1, g: 'a' }, { y: null, g: 'b' }]
 */
export function rowsFromTable(table: DataTable): Row[] {
  const columns = table.names.map((name) => [name, table.column(name)!] as const);
  return Array.from({ length: table.length }, (_, i) => Object.fromEntries(columns.map(([name, column]) => [name, cellAt(column, i)])));
}

function cellAt(column: Column, i: number): Cell {
  if (column.type === 'character') return column.codes[i]! < 0 ? null : column.labels[column.codes[i]!]!;
  const value = column.values[i]!;
  if (Number.isNaN(value)) return null;
  return column.type === 'logical' ? (value === 1 ? 'TRUE' : 'FALSE') : value;
}

function columnOfRows(rows: readonly Row[], name: string): Column {
  const n = rows.length;
  const values = new Float64Array(n);
  let numeric = true;
  let logical = true;
  // Cells that are R's NaN (text "NaN", as a JSON body or rowsFromCsv gives it, or a JS NaN, which csvFromRecords
  // writes "NaN"): missing to na.omit, a level to factor(); counted as tableFromCsv counts them (nan-levels.ts).
  let nanCells = 0;
  for (let i = 0; i < n; i++) {
    const value = rows[i][name];
    if (typeof value === 'number' && Number.isNaN(value)) {
      values[i] = NaN;
      nanCells++;
    } else if (isMissing(value)) {
      values[i] = NaN;
    } else if (typeof value === 'number') {
      values[i] = value;
      logical = false;
    } else if (BLANK.test(String(value))) {
      // Blank (spaces only): NA in a numeric or logical column, a label in a column of text (?read.table).
      values[i] = NaN;
    } else {
      const text = String(value);
      const truth = LOGICAL_VALUES.get(text);
      const number = truth === undefined ? readRNumber(text) : undefined;
      if (truth !== undefined) {
        values[i] = truth;
        numeric = false;
      } else if (number !== undefined) {
        values[i] = number;
        logical = false;
        if (Number.isNaN(number)) nanCells++;
      } else {
        numeric = logical = false;
        break;
      }
    }
  }
  // A column with nothing but missing values passes both tests and is logical, as in R.
  if (logical) return { type: 'logical', values };
  if (numeric) return nanCells > 0 ? { type: 'numeric', values, nanCells } : { type: 'numeric', values };
  return characterColumn(rows, name);
}

/** The column as text: each distinct value a label, in order of first appearance. */
function characterColumn(rows: readonly Row[], name: string): Column {
  const n = rows.length;
  const codes = new Int32Array(n);
  const lookup = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const value = rows[i][name];
    if (isMissing(value)) {
      codes[i] = -1;
      continue;
    }
    const text = String(value);
    let code = lookup.get(text);
    if (code === undefined) lookup.set(text, (code = lookup.size));
    codes[i] = code;
  }
  return { type: 'character', codes, labels: [...lookup.keys()] };
}

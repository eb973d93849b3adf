import { AnalysisError } from '../errors.ts';
import { cellMissing, isDataTable, type DataTable } from './data-table.ts';
import { closestName } from './did-you-mean.ts';
import { readRNumber } from './parse-decimal.ts';

/** One cell as it arrives from a CSV file or an SQLite export. Empty string, null, undefined and "NA" are missing. */
export type Cell = string | number | null | undefined;
/** One respondent (or profile) as a plain record. */
export type Row = Readonly<Record<string, Cell>>;
/** Factor levels in order; the first is the reference level, as R's `factor(x, levels = ...)`. */
export type Levels = Readonly<Record<string, readonly string[]>>;

/**
 * Whether a cell counts as missing (R's NA): null, undefined, '', 'NA' or NaN.
 *
 * @example isMissing('NA') // true; isMissing(0) // false
 */
export function isMissing(value: Cell): boolean {
  return value === null || value === undefined || value === '' || value === 'NA' || (typeof value === 'number' && Number.isNaN(value));
}

/** The data's columns a message lists when no name is close to a typo: enough to see the naming, not a wall. */
const LISTED_COLUMNS = 12;

/**
 * The error for a name that is not a column, with the column it was probably meant to be (a typo, another case:
 * "Y" for "y") or else the columns there are — what a user needs to fix the call without opening the file.
 *
 * @example unknownColumn('lmRobust', 'formula', 'regim', ['regime', 'y']).message
 *   // 'lmRobust: formula references unknown column "regim" (did you mean "regime"?)'
 */
export function unknownColumn(fn: string, what: string, name: string, columns: readonly string[]): AnalysisError {
  const closest = closestName(name, columns);
  // A near miss of a real column ("score (0-10)" for "score (0-100)") is a typo, not an expression.
  const instead = closest ? undefined : notAColumn(what, name);
  if (instead) return new AnalysisError(fn, instead);
  const containing = columns.filter((column) => column.toLowerCase().includes(name.toLowerCase()));
  const quoted = (list: readonly string[]) => list.slice(0, LISTED_COLUMNS).map((column) => `"${column}"`).join(', ');
  const more = (list: readonly string[]) => (list.length > LISTED_COLUMNS ? `, … (${list.length} in all)` : '');
  const hint = closest
    ? `did you mean "${closest}"?`
    : containing.length > 0
      ? `columns containing it: ${quoted(containing)}${more(containing)}`
      : `the data's columns: ${quoted(columns)}${more(columns)}`;
  return new AnalysisError(fn, `${what} references unknown column "${name}" (${hint})`);
}

/**
 * What an R user meant by a name that cannot be a column: NULL (`factor(x, exclude = NULL)`), or an expression where
 * estimatr takes one and vlab a column's name (`clusters = interaction(a, b)`, `weights = 1 / p`).
 */
function notAColumn(what: string, name: string): string | undefined {
  if (name === 'NULL') return `${what}: NULL (R's empty value) is not supported as a value here: leave the argument out (it is not a column of the data)`;
  if (what !== 'formula' && /[()*/^%<>=!&|]|\s[-+:]\s/.test(name)) {
    return `${what} "${name}" is not a column of the data: ${what} takes a column's name, not an expression as estimatr's ${what} = … does; add the computed column to the data and name it`;
  }
  return undefined;
}

/**
 * Throws `fn: <what> references unknown column "x" (did you mean …)` unless every name is a column of the data.
 *
 * @example requireColumns('lmRobust', rows, ['regim'], 'formula') // throws 'lmRobust: formula references unknown column "regim" (did you mean "regime"?)'
 */
export function requireColumns(fn: string, rows: readonly Row[] | DataTable, names: readonly string[], what: string): void {
  if (rows.length === 0) throw new AnalysisError(fn, 'no rows of data');
  const columns = isDataTable(rows) ? rows.names : Object.keys(rows[0]);
  const known = new Set<string>(columns);
  for (const name of names) {
    if (!known.has(name)) throw unknownColumn(fn, what, name, columns);
  }
}

/**
 * Indices of the rows with no missing value in any of `columns` (R's na.omit over the variables a model uses).
 * The count of the others is reported as `nDropped` by every estimator.
 *
 * @example completeRows([{ y: 1 }, { y: 'NA' }, { y: 3 }], ['y']) // Int32Array [0, 2]
 */
export function completeRows(rows: readonly Row[], columns: readonly string[]): Int32Array {
  const keep = new Int32Array(rows.length);
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    let complete = true;
    for (const column of columns) {
      if (isMissing(row[column])) {
        complete = false;
        break;
      }
    }
    if (complete) keep[n++] = i;
  }
  return keep.slice(0, n);
}

/**
 * The error for a value that is not a number, naming its column and row; "1,5" gets the hint that R reads only
 * a decimal point (a spreadsheet in a European locale writes decimal commas).
 *
 * @example notNumeric('lmRobust', 'outcome', 'y', 0, '1,5').message
 *   // 'lmRobust: outcome column "y" is not numeric (row 1: "1,5"; a decimal comma? numbers need a decimal point: 1.5)'
 */
export function notNumeric(fn: string, role: string, name: string, row: number, value: unknown): AnalysisError {
  const comma = typeof value === 'string' && /^\s*[-+]?\d*,\d+\s*$/.test(value);
  const hint = comma ? `; a decimal comma? numbers need a decimal point: ${value.trim().replace(',', '.')}` : role === 'outcome' ? textOutcomeHint(fn, name, value) : '';
  return new AnalysisError(fn, `${role} column "${name}" is not numeric (row ${row + 1}: ${JSON.stringify(value)}${hint})`);
}

/**
 * What to do with a text outcome. estimatr does not stop there: lm_robust and difference_in_means return NA for every
 * estimate (R trial 36: "yes"/"no", and numbers with "." for missing), which vlab refuses instead, naming the
 * conversion R's formula takes (as.numeric() makes the cells that are not numbers NA; a comparison makes a 0/1 outcome).
 */
function textOutcomeHint(fn: string, name: string, value: unknown): string {
  const cell = JSON.stringify(String(value));
  if (fn === 'differenceInMeans') return `; estimatr gives NA for every estimate of a text outcome: make the column numbers (1 and 0 for yes and no; a missing value left empty or NA)`;
  const conversion = /[\p{L}\d]/u.test(String(value))
    ? `a comparison such as I(${name} == ${cell}) for a 0/1 outcome, or as.numeric(${name}) where the other cells are numbers (this one then missing)`
    : `as.numeric(${name}) (a cell such as ${cell} then missing)`;
  return `; estimatr gives NA for every estimate of a text outcome: write the conversion into the formula, ${conversion}`;
}

/**
 * A numeric column over the selected rows; a value that is not a number is an error naming the column.
 *
 * @example numericColumn('lmRobust', [{ y: '2.5' }], Int32Array.of(0), 'y', 'outcome') // Float64Array [2.5]
 */
export function numericColumn(fn: string, rows: readonly Row[], index: Int32Array, name: string, role: string): Float64Array {
  const out = new Float64Array(index.length);
  for (let i = 0; i < index.length; i++) {
    const value = rows[index[i]][name];
    const x = typeof value === 'number' ? value : readRNumber(String(value));
    if (x === undefined || Number.isNaN(x)) throw notNumeric(fn, role, name, index[i], value);
    // R keeps an infinite value (its estimates become Inf or NaN); a number that means nothing is refused.
    if (!Number.isFinite(x)) throw new AnalysisError(fn, `${role} column "${name}" has an infinite value (row ${index[i] + 1}: ${value})`);
    out[i] = x;
  }
  return out;
}

/**
 * Levels nobody has are dropped, as lm and lm_robust do (model.frame(drop.unused.levels = TRUE)): the reference is
 * then the first level that occurs. Codes are renumbered in place.
 *
 * @example dropUnusedLevels(['a', 'b', 'c'], Int32Array.of(2, 0)) // { levels: ['a', 'c'], codes: [1, 0] }
 */
export function dropUnusedLevels(names: string[], codes: Int32Array): { levels: string[]; codes: Int32Array } {
  const counts = new Int32Array(names.length);
  for (let i = 0; i < codes.length; i++) counts[codes[i]]++;
  if (counts.every((c) => c > 0)) return { levels: names, codes };
  const renumber = new Int32Array(names.length);
  const present: string[] = [];
  names.forEach((level, k) => {
    renumber[k] = present.length;
    if (counts[k] > 0) present.push(level);
  });
  for (let i = 0; i < codes.length; i++) codes[i] = renumber[codes[i]];
  return { levels: present, codes };
}

/**
 * Codes mapped through `to` (new code of each old one); −1 (missing) stays −1. One array read a row.
 *
 * @example recode(Int32Array.of(1, -1, 0), Int32Array.of(5, 7)) // Int32Array [7, -1, 5]
 */
export function recode(codes: Int32Array, to: Int32Array): Int32Array {
  const out = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = codes[i] < 0 ? -1 : to[codes[i]];
  return out;
}

/**
 * The entries at `index`, in its order.
 *
 * @example subset(Float64Array.of(1, 2, 3), Int32Array.of(0, 2)) // Float64Array [1, 3]
 */
export function subset<T extends Float64Array | Int32Array>(values: T, index: Int32Array): T {
  const out = new (values.constructor as new (n: number) => T)(index.length);
  for (let k = 0; k < index.length; k++) out[k] = values[index[k]];
  return out;
}

/**
 * The clusters of survey::svydesign(ids = ~clusters, weights = ~weights) on the data: distinct values among the rows
 * with a cluster and a weight, before any row goes for a missing outcome or covariate (cregg's design, whose count
 * svyglm keeps when it drops those rows).
 *
 * @example designClusterCount(table, 'participant', undefined) // 30, though 2 participants answered nothing
 */
export function designClusterCount(table: DataTable, clusters: string, weights: string | undefined): number {
  const all = Int32Array.from({ length: table.length }, (_, i) => i);
  const present = (name: string) => {
    const column = table.column(name);
    return column ? (i: number) => !cellMissing(column, i) : (): boolean => true;
  };
  const hasCluster = present(clusters);
  const hasWeight = weights === undefined ? () => true : present(weights);
  return groupCodes(table, all.filter((i) => hasCluster(i) && hasWeight(i)), clusters).count;
}

/**
 * Integer group codes 0..G−1 for a grouping column (clusters, blocks), in order of first appearance among the
 * rows of `index`, and for each group the position in `index` of its first row.
 *
 * @example groupCodes([{ id: 'r2' }, { id: 'r1' }, { id: 'r2' }], Int32Array.of(0, 1, 2), 'id') // { codes: [0, 1, 0], count: 2, first: [0, 1] }
 */
export function groupCodes(rows: readonly Row[] | DataTable, index: Int32Array, name: string): { codes: Int32Array; count: number; first: Int32Array } {
  const lookup = new Map<string | number, number>();
  const codes = new Int32Array(index.length);
  const first: number[] = [];
  const column = isDataTable(rows) ? rows.column(name) : undefined;
  const keyOf = (i: number): string | number => {
    if (!column) return String((rows as readonly Row[])[i][name]);
    return column.type === 'character' ? column.codes[i] : column.values[i];
  };
  for (let i = 0; i < index.length; i++) {
    const key = keyOf(index[i]);
    let code = lookup.get(key);
    if (code === undefined) {
      code = lookup.size;
      lookup.set(key, code);
      first.push(i);
    }
    codes[i] = code;
  }
  return { codes, count: lookup.size, first: Int32Array.from(first) };
}

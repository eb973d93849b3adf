import { closeSync, constants, openSync, readFileSync } from 'node:fs';
import { isatty } from 'node:tty';
import { csvFromRecords, DEFAULT_ALPHA, tableFromCsv, textTable, type DataTable, type Levels, type Row, type TidyRow } from '../../../analysis/index.ts';
import { rowsFromTable } from '../../../analysis/helpers/data-table.ts';
import { closestName, validOptions } from '../../../analysis/helpers/did-you-mean.ts';
import { formatRNumber } from '../../../analysis/helpers/r-number.ts';
import { jsonSyntaxPlace, repeatedKeyProblem, withoutByteOrderMark } from '../../storage/json-location.ts';
import { notPlainFileAt } from '../../storage/special-file.ts';
import { UsageError } from '../cli-action.ts';
import { writeOutput } from './output-file.ts';

// What the analysis verbs (fit, dim, rake, p-adjust, power) share: one way to read data and level orders, to
// check numbers given as options, and to print a tidy table or records in table, csv or json.

export const FORMATS = ['table', 'csv', 'json'] as const;
export type Format = (typeof FORMATS)[number];
const TIDY_COLUMNS = ['term', 'estimate', 'std_error', 'statistic', 'p_value', 'conf_low', 'conf_high', 'df', 'outcome'];

export const FORMAT_OPTION = ['--format <format>', 'table, csv or json', 'table'] as const;
export const ALPHA_OPTION = ['--alpha <alpha>', 'confidence level is 1 − alpha', String(DEFAULT_ALPHA)] as const;
export const LEVELS_OPTION = ['--levels <levels.json>', 'factor levels in order, first = reference: {"regime": ["democracy", "autocracy"]}'] as const;
export const CODEBOOK_OPTION = ['--codebook <codebook.json>', "level orders from a wave's exported codebook (vlab export --format codebook)"] as const;
export const OUT_OPTION = ['--out <file>', 'write the result to this file instead of standard output'] as const;

function readText(path: string, what: string): string {
  return readBytes(path, what).toString('utf8');
}

/** Why a file the user named cannot be read, in words rather than Node's (`EISDIR: illegal operation on a directory, read`). */
const READ_PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ELOOP: 'a link that leads back to itself',
};

/** Whether the device at `path` is a terminal (`/dev/stdin` on one, `/dev/tty`); opening one neither reads nor waits. */
function isTerminal(path: string): boolean {
  try {
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
    try {
      return isatty(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

function readBytes(path: string, what: string): Buffer {
  // A link to /dev/zero was read without end (1.8 GB in 15 s; attacker pass 30). Pipes and sockets end, and are
  // still read: shells hand `--data <(…)` over as a pipe, and a parent process's stdin is often a socket.
  const special = notPlainFileAt(path);
  if (special === 'a device' && isTerminal(path)) {
    // `--data /dev/stdin` typed with the pipe forgotten (attacker pass 31): the device is the user's own terminal.
    const example = what === 'data file' ? 'csv' : 'json';
    throw new UsageError(`cannot read ${what} ${path}: it is this terminal, so nothing was piped in; name the file instead, or pipe one in (… ${path} < file.${example})`);
  }
  if (special === 'a device') throw new UsageError(`cannot read ${what} ${path}: ${special}, not a file`);
  try {
    return readFileSync(path);
  } catch (error) {
    const reason = READ_PROBLEMS[(error as NodeJS.ErrnoException).code ?? ''] ?? (error as Error).message;
    throw new UsageError(`cannot read ${what} ${path}: ${reason}`);
  }
}

/**
 * A file whose header has no comma but semicolons or tabs was saved by a spreadsheet in a European locale (or
 * as TSV): read as CSV it is one column, and the formula would then name "unknown columns". Say what it is.
 */
function refuseOtherSeparators(path: string, bytes: Buffer): void {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let end = start;
  while (end < bytes.length && bytes[end] !== 0x0a && bytes[end] !== 0x0d) end++;
  const header = bytes.toString('utf8', start, end);
  if (header.includes(',')) return;
  const separator = header.includes(';') ? 'semicolons' : header.includes('\t') ? 'tabs' : undefined;
  if (!separator) return;
  const shown = header.length > 60 ? `${header.slice(0, 60)}…` : header;
  throw new UsageError(
    `${path}: the columns are separated by ${separator}, not commas (header ${JSON.stringify(shown)}); ` +
      'save it as comma-separated CSV (Excel: "CSV UTF-8 (Comma delimited)"; R: write.csv)',
  );
}

/**
 * The rows of a CSV data file as records, for the verbs whose estimator reads records (dim, rake): read by
 * `readDataTable`, the reader of every analysis verb, so a file is typed and refused alike whichever verb reads it.
 */
export function readData(path: string): Row[] {
  return rowsFromTable(readDataTable(path));
}

/**
 * A CSV data file read by columns straight from its bytes, with R's read.csv column types (the fast path `fit`
 * needs at 10⁶ rows: see analysis/csv-table.ts).
 */
export function readDataTable(path: string, asText?: (name: string) => boolean): DataTable {
  const bytes = readBytes(path, 'data file');
  refuseOtherSeparators(path, bytes);
  try {
    return tableFromCsv(bytes, asText);
  } catch (error) {
    throw new UsageError(`${path} is not valid CSV: ${(error as Error).message}`);
  }
}

/**
 * A JSON object from a file (levels, margins, codebook): anything else is the user's to fix. A syntax error reads
 * as a definition file's does, `path:line:column: … (what is wrong)`, in the same words on every Node version; a
 * byte-order mark (Notepad's) is dropped as there.
 */
export function readJsonObject<T>(path: string, what: string): T {
  const text = withoutByteOrderMark(readText(path, what));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const { line, column, reason } = jsonSyntaxPlace(text, error, `a ${what}`);
    throw new UsageError(`${path}:${line}:${column}: ${what} is not valid JSON (${reason})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${what} ${path} must hold a JSON object`);
  const repeated = repeatedKeyProblem(text);
  if (repeated) throw new UsageError(`${path}:${repeated.line}:${repeated.column}: ${what}: ${repeated.problem}`);
  return value as T;
}

interface CodebookColumn {
  name?: unknown;
  role?: unknown;
  type?: unknown;
  levels?: { value?: unknown }[];
}

/**
 * Level orders from an exported codebook: every categorical column whose level values are all strings (the
 * design factors, text choices), in the codebook's order; numeric choices (a 1–5 scale) stay numbers. A conjoint
 * wave's features are columns of its profile rows only (`profiles.columns`, profiles-csv's columns): read too. The
 * long layout's `item` column gets the battery items in order.
 */
function codebookLevels(path: string): Record<string, string[]> {
  const book = readJsonObject<{ columns?: unknown; profiles?: { columns?: unknown }; long?: { batteries?: Record<string, unknown> } }>(path, 'codebook');
  if (!Array.isArray(book.columns)) throw new UsageError(`codebook ${path} has no "columns" list (export it with vlab export --format codebook)`);
  const profileColumns = Array.isArray(book.profiles?.columns) ? book.profiles.columns : [];
  const levels: Record<string, string[]> = {};
  for (const column of [...profileColumns, ...book.columns] as CodebookColumn[]) {
    if (typeof column.name !== 'string' || column.type !== 'categorical' || !Array.isArray(column.levels)) continue;
    const values = column.levels.map((level) => level.value);
    if (values.length > 0 && values.every((value) => typeof value === 'string')) levels[column.name] = values as string[];
  }
  const items = Object.values(book.long?.batteries ?? {}).flatMap((list) => (Array.isArray(list) ? list.filter((x) => typeof x === 'string') : []));
  if (items.length > 0) levels.item = [...new Set(items as string[])];
  return levels;
}

/**
 * Factor levels from `--codebook` and `--levels` (which wins for a column both name), or undefined. A `--levels`
 * name that is not one of the data's `columns` is refused: a typo (`"measur"`) would be ignored without a word, and
 * the factor would get another reference level. A codebook describes every column of a wave, so its names are not.
 */
export function readLevels(o: { levels?: string; codebook?: string }, columns: readonly string[]): Levels | undefined {
  if (o.levels === undefined && o.codebook === undefined) return undefined;
  const given = o.levels !== undefined ? readJsonObject<Record<string, string[]>>(o.levels, 'levels file') : {};
  for (const name of Object.keys(given)) {
    if (columns.includes(name)) continue;
    const closest = closestName(name, columns);
    throw new UsageError(`levels file ${o.levels}: "${name}" is not a column of the data${closest ? ` (did you mean "${closest}"?)` : ''}; its level order would be ignored`);
  }
  return { ...(o.codebook !== undefined ? codebookLevels(o.codebook) : {}), ...given };
}

/**
 * The data file and its level orders (`--levels`, `--codebook`). A column whose declared levels are not all numbers
 * as R prints them ("01", "+1", "1e3") is read as text: read by guess, "01" and "02" became the numbers 1 and 2,
 * which no declared level matched, so a conjoint coded so was refused and a fit dropped its rows (attacker pass 37).
 * The table types a column when first used, so the levels, read after the header, decide in time.
 */
export function readDataWithLevels(o: { data: string; levels?: string; codebook?: string }): { table: DataTable; levels: Levels | undefined } {
  let levels: Levels | undefined;
  const table = readDataTable(o.data, (name) => (levels?.[name] ?? []).some((level) => formatRNumber(Number(level)) !== String(level)));
  levels = readLevels(o, table.names);
  return { table, levels };
}

export function parseFormat(value: string): Format {
  if (!(FORMATS as readonly string[]).includes(value)) throw new UsageError(`unknown format "${value}" ${validOptions(value, FORMATS)}`);
  return value as Format;
}

/** A number given as an option, checked: `--n must be … (got "x")` otherwise. */
export function parseNumber(value: string | undefined, option: string, check: (x: number) => boolean, expected: string): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || !check(x)) throw new UsageError(`${option} must be ${expected} (got "${value}")`);
  return x;
}

/**
 * The first option of `vlab power` that belongs to another of its tests (`names`, or --arms and --contrast away from
 * their defaults), or undefined: --p1/--p2 and --h each refuse the others' options by it.
 */
export function otherTestOption(o: Record<string, unknown>, names: readonly string[]): string | undefined {
  return names.find((name) => o[name] !== undefined) ?? (o.arms !== '2' ? 'arms' : o.contrast !== 'difference' ? 'contrast' : undefined);
}

export const parseAlpha = (value: string | undefined): number | undefined =>
  parseNumber(value, '--alpha', (x) => x > 0 && x < 1, 'a number between 0 and 1');

/** The tidy table in the chosen format, to standard output or `out`; `table` adds the summary (sample size, se type…) below it. */
export async function writeTidy(verb: string, out: string | undefined, estimates: TidyRow[], format: Format, summary: Record<string, unknown>): Promise<void> {
  let body: string;
  if (format === 'json') {
    body = `${JSON.stringify({ ...summary, estimates }, null, 2)}\n`;
  } else if (format === 'csv') {
    body = csvFromRecords(estimates as unknown as Record<string, unknown>[], TIDY_COLUMNS);
  } else {
    const note = Object.entries(summary)
      .filter(([, value]) => value !== null && value !== undefined)
      .map(([key, value]) => `${key} ${value}`)
      .join(', ');
    body = `${textTable(estimates as unknown as Record<string, unknown>[], TIDY_COLUMNS)}${note}\n`;
  }
  await writeOutput(verb, out, body);
}

/** Plain records (weights, power, frequencies) in the chosen format, to standard output or `out`; `tableNote` a line under a table. */
export async function writeRecords(verb: string, out: string | undefined, records: Record<string, unknown>[], columns: string[], format: Format, tableNote?: string): Promise<void> {
  const table = () => textTable(records, columns) + (tableNote ? `${tableNote}\n` : '');
  const body = format === 'json' ? `${JSON.stringify(records, null, 2)}\n` : format === 'csv' ? csvFromRecords(records, columns) : table();
  await writeOutput(verb, out, body);
}

import { AnalysisError } from './errors.ts';
import { LOGICAL_VALUES, type Column, type DataTable } from './helpers/data-table.ts';
import { parseDecimal, readRNumber } from './helpers/parse-decimal.ts';

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const FN = 'tableFromCsv';

/**
 * Where each field's text lies in the file: [start, end) inside any quotes. The top bit of `end` marks a field
 * holding a doubled quote (files are below 2 GB, the most a Buffer read by readFileSync holds).
 */
const ESCAPED = 0x80000000;
const END = 0x7fffffff;

/**
 * A CSV file (RFC 4180: quoted fields with doubled quotes, embedded commas and newlines; LF, CRLF or CR line
 * ends; a UTF-8 byte order mark) read by columns straight from its bytes, as R's
 * `read.csv(file, na.strings = c("", "NA"))` reads it: the first line names the columns, empty lines are skipped,
 * quoted or not a value is typed by the column (see `Column`), and "" and "NA" are missing. A column is converted
 * when first used, so columns a model does not use cost only their field positions. A line with more or fewer
 * fields than the header is an error naming the line. A column for which `asText` (asked at its first use) is true
 * is character, as `read.csv(…, colClasses = c(g = "character"))` reads it: codes such as "01" or "+1".
 *
 * @example tableFromCsv('"g",y\n"a",1\n"b",NA\n').column('y') // { type: 'numeric', values: [1, NaN] }
 */
export function tableFromCsv(input: Uint8Array | string, asText: (name: string) => boolean = () => false): DataTable {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const fields = tokenize(bytes);
  const names = rowNamesColumn(fields.header);
  const seen = new Set<string>();
  for (const [k, name] of names.entries()) {
    // Excel's "CSV" keeps columns that once held something: empty names at the end of the header.
    if (name === '' && k === 0) throw new AnalysisError(FN, 'column 1 of the header has no name: R\'s row names (write.csv), which read.csv calls "X", but another column is "X": write the file with row.names = FALSE');
    if (name === '') throw new AnalysisError(FN, `column ${k + 1} of the header has no name (an empty column left by a spreadsheet?): name it or delete it`);
    if (seen.has(name)) throw new AnalysisError(FN, `the header names the column "${name}" twice`);
    seen.add(name);
  }
  const cache = new Map<string, Column>();
  return {
    length: fields.rows,
    names,
    column(name: string): Column | undefined {
      const k = names.indexOf(name);
      if (k < 0) return undefined;
      let column = cache.get(name);
      if (!column) {
        const [rows, starts, ends] = [fields.rows, fields.starts[k], fields.ends[k]];
        cache.set(name, (column = asText(name) ? characterColumn(bytes, rows, starts, ends) : convertColumn(bytes, rows, starts, ends)));
      }
      return column;
    },
  };
}

/**
 * The header with write.csv's row names column named as read.csv names it: R writes row names (the default,
 * `row.names = TRUE`) under an empty first name, and read.csv's check.names makes that "X" — a column a formula
 * may then use (`y ~ .` does). Other empty names stay empty (and are refused by `tableFromCsv`).
 *
 * @example rowNamesColumn(['', 'y', 'x']) // ['X', 'y', 'x']
 */
export function rowNamesColumn(header: string[]): string[] {
  if (header[0] !== '' || header.includes('X')) return header;
  return ['X', ...header.slice(1)];
}

interface Fields {
  header: string[];
  rows: number;
  /** Per column, per row. */
  starts: Uint32Array[];
  ends: Uint32Array[];
}

/** The line of byte `at`, counted when an error needs it (line ends inside quotes count, as an editor shows). */
function lineAt(bytes: Buffer, at: number): number {
  let line = 1;
  for (let i = 0; i < at && i < bytes.length; i++) if (bytes[i] === LF || (bytes[i] === CR && bytes[i + 1] !== LF)) line++;
  return line;
}

function tokenize(bytes: Buffer): Fields {
  const length = bytes.length;
  let at = length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const fail = (where: number, problem: string): AnalysisError => new AnalysisError(FN, `line ${lineAt(bytes, where)}: ${problem}`);

  // Room for every record: at most one per line end (LF, CRLF or a lone CR), plus one unterminated.
  let capacity = 1;
  for (let i = bytes.indexOf(LF, at); i >= 0; i = bytes.indexOf(LF, i + 1)) capacity++;
  for (let i = bytes.indexOf(CR, at); i >= 0; i = bytes.indexOf(CR, i + 1)) if (bytes[i + 1] !== LF) capacity++;

  let header: string[] | null = null;
  let width = 0;
  let starts: Uint32Array[] = [];
  let ends: Uint32Array[] = [];
  const headerFields: number[] = [];
  let rows = 0;

  // One record per pass: fields up to the line end that is not inside quotes. Empty lines are skipped.
  while (at < length) {
    if (bytes[at] === LF || bytes[at] === CR) {
      at++;
      continue;
    }
    const recordStart = at;
    let k = 0;
    for (let more = true; more; k++) {
      let start: number;
      let end: number;
      if (bytes[at] === QUOTE) {
        start = ++at;
        let escaped = 0;
        for (;;) {
          while (at < length && bytes[at] !== QUOTE) at++;
          if (at >= length) throw fail(recordStart, 'a quoted field is not closed');
          if (bytes[at + 1] !== QUOTE) break;
          escaped = ESCAPED;
          at += 2;
        }
        end = (at++ | escaped) >>> 0;
      } else {
        start = at;
        let b = bytes[at];
        while (at < length && b !== COMMA && b !== LF && b !== CR) {
          if (b === QUOTE) throw fail(at, 'a quote inside an unquoted field');
          b = bytes[++at];
        }
        end = at;
      }
      if (at >= length) {
        more = false;
      } else if (bytes[at] === COMMA) {
        at++;
      } else if (bytes[at] === LF || bytes[at] === CR) {
        at += bytes[at] === CR && bytes[at + 1] === LF ? 2 : 1;
        more = false;
      } else {
        throw fail(at, 'text after a closing quote');
      }
      if (!header) {
        headerFields.push(start, end);
      } else if (k < width) {
        starts[k][rows] = start;
        ends[k][rows] = end;
      }
    }
    if (!header) {
      header = [];
      for (let f = 0; f < headerFields.length; f += 2) header.push(fieldText(bytes, headerFields[f], headerFields[f + 1]));
      width = header.length;
      starts = header.map(() => new Uint32Array(capacity));
      ends = header.map(() => new Uint32Array(capacity));
    } else if (k !== width) {
      throw new AnalysisError(FN, `line ${lineAt(bytes, recordStart)} has ${k} field${k === 1 ? '' : 's'}, the header has ${width}`);
    } else {
      rows++;
    }
  }
  if (!header) throw new AnalysisError(FN, 'the file is empty');
  return { header, rows, starts, ends };
}

function fieldText(bytes: Buffer, start: number, end: number): string {
  const text = bytes.toString('utf8', start, end & END);
  return end & ESCAPED ? text.replaceAll('""', '"') : text;
}

/** "" or NA, quoted or not. */
function isMissingField(bytes: Buffer, start: number, end: number): boolean {
  return start === end || (end - start === 2 && bytes[start] === 0x4e && bytes[start + 1] === 0x41);
}

/**
 * Missing in a numeric or logical column: "" or NA, or a field of white space only (a spreadsheet's or a padded
 * export's), which R calls blank — NA there (?read.table), a label in a column of text.
 */
function isMissingInNumbers(bytes: Buffer, start: number, end: number): boolean {
  if (isMissingField(bytes, start, end)) return true;
  if (end & ESCAPED) return false;
  for (let b = start; b < end; b++) if (bytes[b] !== 0x20 && (bytes[b] < 0x09 || bytes[b] > 0x0d)) return false;
  return true;
}

/** Numbers if every present field is one, else logical if every one is T/F/TRUE/FALSE, else character. */
function convertColumn(bytes: Buffer, rows: number, starts: Uint32Array, ends: Uint32Array): Column {
  const values = new Float64Array(rows);
  let numeric = true;
  let present = 0;
  // Fields read as R's NaN (text "NaN"): missing to na.omit, a level "NaN" to factor() (model-functions.ts).
  let nanCells = 0;
  for (let i = 0; i < rows; i++) {
    const start = starts[i];
    const end = ends[i];
    if (isMissingInNumbers(bytes, start, end)) {
      values[i] = NaN;
      continue;
    }
    // A field with a doubled quote is no number. Plain decimals are read from the bytes; R's other spellings
    // (Inf, NaN, hexadecimal: readRNumber) from the field's text, which a column of labels reads once.
    const x = end & ESCAPED ? undefined : plainOrRNumber(bytes, start, end);
    if (x === undefined) {
      numeric = false;
      break;
    }
    values[i] = x;
    present++;
    if (Number.isNaN(x)) nanCells++;
  }
  // A column with nothing but missing values is logical, as in R.
  if (numeric && present > 0) return nanCells > 0 ? { type: 'numeric', values, nanCells } : { type: 'numeric', values };
  if (numeric) return { type: 'logical', values };

  let logical = true;
  for (let i = 0; i < rows && logical; i++) {
    if (isMissingInNumbers(bytes, starts[i], ends[i])) {
      values[i] = NaN;
      continue;
    }
    const truth = ends[i] - starts[i] <= 5 ? LOGICAL_VALUES.get(bytes.toString('latin1', starts[i], ends[i])) : undefined;
    if (truth === undefined) logical = false;
    else values[i] = truth;
  }
  if (logical) return { type: 'logical', values };
  return characterColumn(bytes, rows, starts, ends);
}

function plainOrRNumber(bytes: Buffer, start: number, end: number): number | undefined {
  const x = parseDecimal(bytes, start, end);
  return Number.isNaN(x) ? readRNumber(bytes.toString('latin1', start, end)) : x;
}

/**
 * Codes by distinct byte content, found in an open-addressing hash table over the file's bytes, so a label is
 * decoded once, not once a row. Fields with doubled quotes go through a map of their unescaped text (a label with
 * a quote is always written escaped, so the two never hold the same label).
 */
function characterColumn(bytes: Buffer, rows: number, starts: Uint32Array, ends: Uint32Array): Column {
  const codes = new Int32Array(rows);
  const labels: string[] = [];
  const escaped = new Map<string, number>();
  // The hash table holds codes of labels seen unescaped: where each first occurred, and its hash.
  const hashed: { code: number; start: number; end: number; hash: number }[] = [];
  let mask = 63;
  let table = new Int32Array(mask + 1).fill(-1);
  const place = (entry: number): void => {
    let s = hashed[entry].hash & mask;
    while (table[s] >= 0) s = (s + 1) & mask;
    table[s] = entry;
  };
  for (let i = 0; i < rows; i++) {
    const start = starts[i];
    const end = ends[i];
    if (isMissingField(bytes, start, end)) {
      codes[i] = -1;
      continue;
    }
    if (end & ESCAPED) {
      const text = fieldText(bytes, start, end);
      let code = escaped.get(text);
      if (code === undefined) escaped.set(text, (code = labels.push(text) - 1));
      codes[i] = code;
      continue;
    }
    let hash = 0x811c9dc5; // FNV-1a
    for (let b = start; b < end; b++) hash = Math.imul(hash ^ bytes[b], 0x01000193);
    let s = hash & mask;
    let found = -1;
    for (; table[s] >= 0; s = (s + 1) & mask) {
      const entry = hashed[table[s]];
      if (entry.hash !== hash || entry.end - entry.start !== end - start) continue;
      let b = 0;
      while (b < end - start && bytes[entry.start + b] === bytes[start + b]) b++;
      if (b === end - start) {
        found = entry.code;
        break;
      }
    }
    if (found < 0) {
      found = labels.push(bytes.toString('utf8', start, end)) - 1;
      hashed.push({ code: found, start, end, hash });
      if (2 * hashed.length > mask + 1) {
        mask = 4 * (mask + 1) - 1;
        table = new Int32Array(mask + 1).fill(-1);
        for (let entry = 0; entry < hashed.length; entry++) place(entry);
      } else {
        table[s] = hashed.length - 1;
      }
    }
    codes[i] = found;
  }
  return { type: 'character', codes, labels };
}

// tableFromCsv: the CSV reader `vlab fit` uses. Typing as R's read.csv (reading.json, written by
// tests/analysis/formula-cases/generate.R: read.csv("reading.csv", na.strings = c("", "NA"))); fields as an
// RFC 4180 parser reads them (csv-parse, on seeded random files); numbers as Number() reads them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { tableFromCsv, tableFromRows, type Column } from '../../analysis/index.ts';
import { parseDecimal } from '../../analysis/helpers/parse-decimal.ts';

const folder = join(dirname(fileURLToPath(import.meta.url)), 'formula-cases');

/** A column's values as R's: numbers, booleans, strings, null for NA. */
function values(column: Column): (number | boolean | string | null)[] {
  if (column.type === 'character') return Array.from(column.codes, (c) => (c < 0 ? null : column.labels[c]));
  return Array.from(column.values, (v) => (Number.isNaN(v) ? null : column.type === 'logical' ? v === 1 : v));
}

test('columns are typed and read as R read.csv(na.strings = c("", "NA")) reads them', () => {
  const expected = JSON.parse(readFileSync(join(folder, 'reading.json'), 'utf8')) as Record<string, { class: string[]; values: unknown[] }>;
  for (const source of [readFileSync(join(folder, 'reading.csv')), readFileSync(join(folder, 'reading.csv'), 'utf8')]) {
    const table = tableFromCsv(source);
    assert.deepEqual(table.names, Object.keys(expected));
    assert.equal(table.length, 3);
    for (const [name, r] of Object.entries(expected)) {
      const column = table.column(name) as Column;
      const type = { numeric: 'numeric', integer: 'numeric', logical: 'logical', character: 'character' }[r.class[0]];
      assert.equal(column.type, type, name);
      assert.deepEqual(values(column), r.values, name);
    }
  }
});

test('records are typed alike: numbers and numeric strings are numbers, T/F logical, anything else character', () => {
  const table = tableFromRows([
    { n: 1, s: ' 2 ', l: 'T', m: 'T', e: null },
    { n: 'NA', s: '3.5', l: 'FALSE', m: 1, e: '' },
  ]);
  assert.deepEqual(values(table.column('n') as Column), [1, null]);
  assert.deepEqual(values(table.column('s') as Column), [2, 3.5]);
  assert.deepEqual(values(table.column('l') as Column), [true, false]);
  assert.deepEqual(values(table.column('m') as Column), ['T', '1']);
  assert.equal((table.column('e') as Column).type, 'logical');
  assert.equal(table.column('nope'), undefined);
});

test('fields equal an RFC 4180 parser on random files: quotes, doubled quotes, commas, CR, LF, CRLF, a BOM', () => {
  const field = fc.oneof(
    fc.constantFrom('a', 'b', 'xyz', 'NA', ' 1 ', '2.5', 'T', 'é', ''),
    fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', '1', 'é') }),
  );
  const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
  const needsQuotes = (value: string) => /[",\r\n]/.test(value);
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 4 }).chain((width) =>
        fc.tuple(
          fc.array(fc.array(field, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 }),
          fc.constantFrom('\n', '\r\n', '\r'),
          fc.boolean(),
          fc.boolean(),
          fc.boolean(),
        ),
      ),
      ([records, eol, bom, quoteAll, finalEol]) => {
        const header = records[0].map((_, k) => `c${k}`);
        // A record of one empty field is an empty line, which both parsers skip.
        const body = records.filter((r) => !(r.length === 1 && r[0] === ''));
        const lines = [header, ...body].map((r) => r.map((v) => (quoteAll || needsQuotes(v) ? quote(v) : v)).join(','));
        const text = (bom ? '\ufeff' : '') + lines.join(eol) + (finalEol ? eol : '');
        const expected = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
        const table = tableFromCsv(text);
        assert.deepEqual(table.names, expected[0]);
        assert.equal(table.length, expected.length - 1);
        for (const [k, name] of table.names.entries()) {
          const column = table.column(name) as Column;
          const got = values(column);
          expected.slice(1).forEach((row, i) => {
            const field = row[k];
            const typed = { character: field, numeric: Number(field), logical: field === 'T' || field === 'TRUE' }[column.type];
            // A field of white space is blank: NA in a numeric or logical column, a label in one of text (R).
            const blank = /^[ \t\n\v\f\r]+$/.test(field) && column.type !== 'character';
            const want = field === '' || field === 'NA' || blank ? null : typed;
            assert.equal(got[i], want, `${JSON.stringify(text)}: ${name} row ${i + 1}`);
          });
        }
      },
    ),
    { seed: 20261202, numRuns: 400 },
  );
});

test('numbers are read from the bytes as Number() reads them, 17-digit doubles included', () => {
  const read = (text: string) => parseDecimal(Buffer.from(text), 0, Buffer.byteLength(text));
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 1, max: 17 }), (x, digits) => {
      for (const text of [String(x), x.toPrecision(digits), x.toExponential(digits - 1)]) assert.equal(Object.is(read(text), Number(text)) || read(text) === Number(text), true, text);
    }),
    { seed: 20261202, numRuns: 3000 },
  );
  for (const text of ['.5', '5.', '+1', ' 7 ', '007', '1E3', '-0.0']) assert.equal(read(text), Number(text), text);
  for (const text of ['', '.', '-', 'e5', '1e', '1x', '1 2', '0x1A', 'Inf', 'NaN', '1_0']) assert.ok(Number.isNaN(read(text)), text);
});

test('malformed files are refused with the line named', () => {
  const bad: [string, string][] = [
    ['a,b\n1,2\n3\n', 'tableFromCsv: line 3 has 1 field, the header has 2'],
    ['a,b\n1,2,3\n', 'tableFromCsv: line 2 has 3 fields, the header has 2'],
    ['a,b\n"1,2\n', 'tableFromCsv: line 2: a quoted field is not closed'],
    ['a,b\n1,x"y\n', 'tableFromCsv: line 2: a quote inside an unquoted field'],
    ['a,b\n"1"x,2\n', 'tableFromCsv: line 2: text after a closing quote'],
    ['a,a\n1,2\n', 'tableFromCsv: the header names the column "a" twice'],
    // Excel's trailing empty columns: "the header names the column "" twice" before.
    ['y,x,,\r\n1,2,,\r\n', 'tableFromCsv: column 3 of the header has no name (an empty column left by a spreadsheet?): name it or delete it'],
    ['\n\n', 'tableFromCsv: the file is empty'],
  ];
  for (const [text, message] of bad) assert.throws(() => tableFromCsv(text), { message }, JSON.stringify(text));
});

// `rake` on a cell that R reads as NaN (the text "NaN" in a numeric column) or NA: the same refusal whether the data
// came as records (a JSON body, rowsFromCsv) or as a CSV file (`vlab rake` reads it with tableFromCsv, then
// rowsFromTable). Until R trial 21 records said 'has value "NaN" with no population margin' (or, for a base
// weight, 'not numeric') and the CSV 'is missing for row 2'. R: Rscript tests/analysis/r/rake-nan-cell.R —
// rake(svydesign(ids = ~1, data = d, weights = ~rep(1, 5)), list(~g), list(data.frame(g = c(1, 2), Freq = c(0.5, 0.5))))
// stops with "missing values in object"; with weights = ~base and a base "NaN", "missing values in `weights'".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rake, rowsFromCsv, tableFromCsv, type Row } from '../../analysis/index.ts';
import { rowsFromTable } from '../../analysis/helpers/data-table.ts';

const margins = { g: { 1: 0.5, 2: 0.5 } };

function refusal(rows: readonly Row[], baseWeights?: string): string {
  try {
    rake({ rows, margins, ...(baseWeights ? { baseWeights } : {}) });
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

/** The same data three ways: records as rowsFromCsv gives them (text "NaN"), with a JS NaN, and the CLI's CSV path. */
function threeWays(csv: string, column: string): [string, Row[]][] {
  const records = rowsFromCsv(csv);
  const withJsNaN = records.map((row) => (row[column] === 'NaN' ? { ...row, [column]: NaN } : row));
  return [
    ['records', records],
    ['records with NaN', withJsNaN],
    ['CSV', rowsFromTable(tableFromCsv(Buffer.from(csv)))],
  ];
}

test('rake: a cell NaN in a rake variable is one refusal, records or CSV, saying what to do', () => {
  const csv = 'id,g,base\n1,1,1\n2,NaN,1\n3,2,2\n4,1,1\n5,2,1\n';
  for (const [how, rows] of threeWays(csv, 'g')) {
    assert.equal(
      refusal(rows),
      'rake: column "g" is missing for row 2 (empty, NA or NaN); raking needs every respondent\'s value: fill it in, or drop the row before raking',
      how,
    );
  }
  // A written NA says the same.
  assert.equal(refusal(rowsFromCsv(csv.replace('NaN', 'NA'))), refusal(rowsFromCsv(csv)));
});

test('rake: a base weight NaN is one refusal, records or CSV', () => {
  const csv = 'id,g,base\n1,1,1\n2,2,NaN\n3,2,2\n4,1,1\n';
  for (const [how, rows] of threeWays(csv, 'base')) {
    assert.equal(
      refusal(rows, 'base'),
      'rake: base weights column "base" is missing for row 2 (empty, NA or NaN); raking needs every respondent\'s weight: fill it in, or drop the row before raking',
      how,
    );
  }
});

test('rake: "NaN" in a column of text labels is a label, as read.csv reads it, in records and CSV alike', () => {
  // R: read.csv keeps "NaN" among text as the text "NaN" (survey::rake then gives that row an NA weight); vlab
  // names the value without a margin.
  const csv = 'id,g\n1,f\n2,NaN\n3,m\n4,f\n';
  const labels = { g: { f: 0.5, m: 0.5 } };
  const message = (rows: readonly Row[]) => assert.throws(() => rake({ rows, margins: labels }), (e: Error) => e.message.startsWith('rake: column "g" has value "NaN" with no population margin (margins: f, m)'));
  message(rowsFromCsv(csv));
  message(rowsFromTable(tableFromCsv(Buffer.from(csv))));
});

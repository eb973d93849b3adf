// ! & | in formulas, as R evaluates them: below the comparisons in precedence (!x > 1 is !(x > 1)), three-valued
// logic with NA (NA & FALSE is FALSE, NA | TRUE is TRUE), a number TRUE unless 0. Until 2026-12-03 each was refused
// as a malformed formula ('unexpected "!"'); the differential suite stores estimatr's fits (t7-formula-edges-and, …).
// R: a <- c(TRUE, TRUE, FALSE, NA, NA, TRUE, FALSE); b <- c(FALSE, TRUE, NA, FALSE, TRUE, NA, FALSE)
//    model.matrix(y ~ I(a & b), d)  # rows 1 2 3 4 7: 0 1 0 0 0;  model.matrix(y ~ I(a | b), d)  # rows 1 2 5 6 7: 1 1 1 1 0
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lmRobust, tableFromCsv } from '../../analysis/index.ts';
import { parseFormula } from '../../analysis/helpers/formula.ts';
import { modelFrame } from '../../analysis/helpers/model-frame.ts';
import { buildDesignMatrix } from '../../analysis/helpers/model-matrix.ts';
import { denseColumns } from '../../analysis/helpers/sparse-design.ts';

const csv = 'y,a,b,k,g\n1,TRUE,FALSE,0,u\n2,TRUE,TRUE,2,v\n3,FALSE,NA,NA,u\n4,NA,FALSE,1,v\n5,NA,TRUE,0,u\n6,TRUE,NA,3,v\n7,FALSE,FALSE,0,u\n';
const table = tableFromCsv(Buffer.from(csv));

function design(formula: string): { names: string[]; rows: number[]; column: number[] } {
  const parsed = parseFormula('test', formula);
  const frame = modelFrame('test', table, parsed, undefined, {});
  const built = buildDesignMatrix(parsed, frame);
  return { names: built.names, rows: Array.from(frame.index, (i) => i + 1), column: Array.from(denseColumns(built).subarray(built.n, 2 * built.n)) };
}

test('& and | follow R three-valued logic: a row is NA only where the other operand does not decide', () => {
  assert.deepEqual(design('y ~ I(a & b)'), { names: ['(Intercept)', 'I(a & b)TRUE'], rows: [1, 2, 3, 4, 7], column: [0, 1, 0, 0, 0] });
  assert.deepEqual(design('y ~ I(a | b)'), { names: ['(Intercept)', 'I(a | b)TRUE'], rows: [1, 2, 5, 6, 7], column: [1, 1, 1, 1, 0] });
});

test('! binds below comparisons and takes numbers as R does (0 is FALSE)', () => {
  assert.deepEqual(design('y ~ I(!k > 1)'), { names: ['(Intercept)', 'I(!k > 1)TRUE'], rows: [1, 2, 4, 5, 6, 7], column: [1, 0, 1, 1, 0, 1] });
  assert.deepEqual(design('y ~ I(!k)'), { names: ['(Intercept)', 'I(!k)TRUE'], rows: [1, 2, 4, 5, 6, 7], column: [1, 0, 0, 1, 0, 1] });
});

test('&& and || and a text operand are refused in words', () => {
  assert.throws(() => lmRobust({ formula: 'y ~ I(a && b)', rows: table }), /lmRobust: cannot compute a && b: && takes single values .* use & for rows/);
  assert.throws(() => lmRobust({ formula: 'y ~ I(a | g)', rows: table }), /lmRobust: cannot compute a \| g: g is not numeric/);
});

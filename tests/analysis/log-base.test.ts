// log(x, base) as R computes it: R's logbase (src/main/arithmetic.c) takes log10(x) for base 10 and log2(x) for base 2,
// not log(x) / log(base). The quotient is an ulp off for many x (log(1000) / log(10) is 2.9999999999999996; R's
// log(1000, 10) is 3), and an ulp decides which of two columns that are collinear in exact arithmetic is aliased:
// y ~ log(x, 2) + log10(x):g aliased log10(x):gv where estimatr aliases log10(x):gu (differential t7-formula-edges-log-base).
// R: x <- c(1000, 0.001, 8, 1024, 1e-300); log(x, 10); log(x, 2)  # 3 -3 3.0103 9.965784 -300; 9.965784 -9.965784 3 10 -996.5784
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tableFromCsv } from '../../analysis/index.ts';
import { parseFormula } from '../../analysis/helpers/formula.ts';
import { modelFrame } from '../../analysis/helpers/model-frame.ts';
import { buildDesignMatrix } from '../../analysis/helpers/model-matrix.ts';
import { denseColumns } from '../../analysis/helpers/sparse-design.ts';
import { log10R, log2R } from '../../analysis/helpers/correctly-rounded-log-bases.ts';

const xs = [1000, 0.001, 8, 1024, 1e-300];
const table = tableFromCsv(Buffer.from(`y,x\n${xs.map((x, i) => `${i},${x}`).join('\n')}\n`));

function column(formula: string): number[] {
  const parsed = parseFormula('test', formula);
  const design = buildDesignMatrix(parsed, modelFrame('test', table, parsed, undefined, {}));
  return Array.from(denseColumns(design).subarray(design.n, 2 * design.n));
}

test('log(x, 10) is log10(x) and log(x, 2) is log2(x), as R computes them (exact at powers of the base)', () => {
  const ten = column('y ~ log(x, 10)');
  const two = column('y ~ log(x, base = 2)');
  assert.deepEqual([ten[0], ten[1], ten[4]], [3, -3, -300]);
  assert.deepEqual([two[2], two[3]], [3, 10]);
  assert.deepEqual(ten, xs.map(log10R));
  assert.deepEqual(two, xs.map(log2R));
});

test('another base is log(x) / log(base), as R', () => {
  // R: sprintf("%.17g", log(x, 3)). R's log is glibc's; V8's Math.log quotient was an ulp off in three (6.2877098228681545).
  assert.deepEqual(column('y ~ log(x, 3)'), [6.2877098228681527, -6.2877098228681527, 1.8927892607143719, 6.309297535714574, -628.7709822868153]);
});

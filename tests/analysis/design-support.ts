// The model matrix of a formula on a table as R's model.matrix gives it, for tests that compare columns with R's, and
// the small table of the analyst-function tests (analyst-functions.test.ts, r-functions.test.ts), which their R
// scripts read as d <- read.csv(text = …, stringsAsFactors = FALSE).
import { parseFormula } from '../../analysis/helpers/formula.ts';
import { modelFrame } from '../../analysis/helpers/model-frame.ts';
import { buildDesignMatrix } from '../../analysis/helpers/model-matrix.ts';
import { denseColumns } from '../../analysis/helpers/sparse-design.ts';
import { tableFromCsv, type DataTable } from '../../analysis/index.ts';

/**
 * Column names, the rows kept (1-based) and the columns after the intercept (-0, which R's round(-0.5) gives too and
 * prints as 0, compared as 0).
 */
export function modelDesign(table: DataTable, formula: string): { names: string[]; rows: number[]; columns: number[][] } {
  const parsed = parseFormula('test', formula);
  const frame = modelFrame('test', table, parsed, undefined, {});
  const built = buildDesignMatrix(parsed, frame);
  const dense = denseColumns(built);
  const columns = built.names.slice(1).map((_, j) => Array.from(dense.subarray((j + 1) * built.n, (j + 2) * built.n), (v) => v + 0));
  return { names: built.names, rows: Array.from(frame.index, (i) => i + 1), columns };
}

export const analystTable: DataTable = tableFromCsv(
  Buffer.from(
    [
      'y,x,age,id,a,b,k,z',
      '1.5,0.25,23,1,u,p,1,-2.5',
      '2.1,1.5,37,2,v,p,2,0.5',
      '0.7,2.5,41,3,u,q,10,1.5',
      '3.2,-1.35,58,4,v,q,1,2.5',
      '2.2,4.75,62,5,u,r,2,-0.5',
      '1.1,5,19,6,v,r,10,3.5',
      '0.4,NA,30,7,u,p,1,-1.5',
      '2.9,3.14159,45,8,u,q,2,4.5',
    ].join('\n'),
  ),
);

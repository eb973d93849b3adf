// difference_in_means on a text column whose kept values look like numbers: estimatr's control arm is the first of
// sort(unique(t)), and read.csv typed the column over every row, so "10" and "9" of a column that also holds "n/a"
// (in rows without an outcome) are text and "10" comes first. vlab sorted the kept values by value ("9" first) and
// flipped the sign. Found by the eighth R trial (2026-12-03; tests/reference/differential: t8-dim-numbers-as-text-*,
// t8-dim-negatives-as-text-*). R 4.2.2, estimatr 1.0.0, Sys.setlocale("LC_COLLATE", "C"):
//   d <- data.frame(y = c(1.2, 2.3, 0.7, 3.1, 2.2, 1.9, 2.8, 0.4, NA, NA), z = c(rep(c("10", "9"), 4), "n/a", "n/a"))
//   tidy(difference_in_means(y ~ z, data = d))  # term "z9", estimate 0.2, SE 0.739087274954724, df 5.82385321100918
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { differenceInMeans, tableFromCsv } from '../../analysis/index.ts';
import { rowsFromTable } from '../../analysis/helpers/data-table.ts';
import { assertCloseToR } from './support.ts';

const csv = 'y,z\n1.2,10\n2.3,9\n0.7,10\n3.1,9\n2.2,10\n1.9,9\n2.8,10\n0.4,9\nNA,n/a\nNA,n/a\n';

test('a text column of numbers and "n/a": arms in text order, "10" is control', () => {
  const rows = rowsFromTable(tableFromCsv(Buffer.from(csv)));
  const [row] = differenceInMeans({ rows, outcome: 'y', treatment: 'z' }).estimates;
  assert.equal(row.term, 'z9');
  assertCloseToR(row.estimate, 0.2, 'estimate');
  assertCloseToR(row.std_error, 0.739087274954724, 'SE');
  assertCloseToR(row.df, 5.82385321100918, 'df');
});

test('the same numbers in a numeric column: by value, 9 is control', () => {
  const rows = rowsFromTable(tableFromCsv(Buffer.from(csv.replace(/n\/a/g, 'NA'))));
  const [row] = differenceInMeans({ rows, outcome: 'y', treatment: 'z' }).estimates;
  assert.equal(row.term, 'z10');
  assertCloseToR(row.estimate, -0.2, 'estimate');
});

// A numeric treatment's conditions are numbers in R (condition2 = 1e5 names 100000, 0.0 names 0, as %in% compares
// them); vlab compared their text and refused "1e5" as no value of the column. R 4.2.2, estimatr 1.0.0:
//   d <- data.frame(y = c(1.2, 2.3, 0.7, 3.1, 2.2, 1.9, 2.8, 0.4, 1.5), z = rep(c(0, 100000, 2), 3))
//   tidy(difference_in_means(y ~ z, data = d, condition1 = 0.0, condition2 = 1e5))
//   # term "z1e+05", estimate -0.733333333333333, SE 0.85374989832438
test('conditions of a numeric treatment are matched by value: 0.0 and 1e5', () => {
  const arms = 'y,z\n1.2,0\n2.3,100000\n0.7,2\n3.1,0\n2.2,100000\n1.9,2\n2.8,0\n0.4,100000\n1.5,2\n';
  const rows = rowsFromTable(tableFromCsv(Buffer.from(arms)));
  const [row] = differenceInMeans({ rows, outcome: 'y', treatment: 'z', condition1: '0.0', condition2: '1e5' }).estimates;
  assert.equal(row.term, 'z1e+05');
  assertCloseToR(row.estimate, -0.733333333333333, 'estimate');
  assertCloseToR(row.std_error, 0.85374989832438, 'SE');
  assert.throws(() => differenceInMeans({ rows, outcome: 'y', treatment: 'z', condition1: '0', condition2: '7' }), /condition "7" is not a value/);
});

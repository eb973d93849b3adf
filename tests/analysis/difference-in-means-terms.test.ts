// estimatr's term for each kind of treatment column (found by the third trial against R, 2026-12-03: a TRUE/FALSE
// treatment was "zTRUE" in vlab, "z" in estimatr, whose dim_like_return drops the label when condition2 == 1 and
// condition1 == 0 in R's comparison; a numeric label is pasted as R prints it, "big1e+05").
// Expected values: Rscript tests/analysis/r/difference-in-means-terms.R (the R calls are there).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { differenceInMeans, rowsFromCsv } from '../../analysis/index.ts';
import { assertCloseToR } from './support.ts';

const here = dirname(fileURLToPath(import.meta.url));
const rows = rowsFromCsv(readFileSync(join(here, 'fixtures/dim_terms.csv'), 'utf8'));
const expected: Record<string, [string, number, number, number]> = JSON.parse(readFileSync(join(here, 'fixtures/dim_terms.expected.json'), 'utf8'));

const cases: [string, string, { condition1?: string; condition2?: string }?][] = [
  ['logical', 'logical'],
  ['tf', 'tf'],
  ['logical_reversed', 'logical', { condition1: 'TRUE', condition2: 'FALSE' }],
  ['big', 'big'],
  ['two', 'two'],
  ['text', 'text'],
];

for (const [name, treatment, conditions] of cases) {
  test(`the term of a ${name} treatment is estimatr's`, () => {
    const [term, estimate, se, df] = expected[name];
    const row = differenceInMeans({ rows, outcome: 'y', treatment, ...conditions }).estimates[0];
    assert.equal(row.term, term);
    assertCloseToR(row.estimate, estimate, `${name} estimate`);
    assertCloseToR(row.std_error, se, `${name} SE`);
    assertCloseToR(row.df, df, `${name} df`);
  });
}

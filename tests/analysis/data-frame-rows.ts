// The ten rows of data-frame-dollar.test.ts and data-frame-brackets.test.ts (d$x, d[["x"]], d[, "x"] in formulas; R
// trials 41 and 42), written out as R's scripts write them (tests/analysis/r/data-frame-dollar.R, data-frame-brackets.R),
// and the comparison both use: each term, estimate and HC2 SE against R's tidy() at 15 significant digits.
import assert from 'node:assert/strict';
import { lmRobust, type Row } from '../../analysis/index.ts';

const Y = [3.1, 4.2, 2.9, 5.8, 6.1, 4.4, 7.3, 5.0, 6.6, 3.7];
const X = [1, 2, 2, 4, 5, 3, 7, 4, 6, 2];
const Z = [0, 1, 0, 1, 1, 0, 1, 0, 1, 0];
const G = ['b', 'a', 'b', 'c', 'a', 'c', 'b', 'a', 'c', 'a'];
export const rows: Row[] = Y.map((y, i) => ({ y, x: X[i], z: Z[i], g: G[i] }));

/** Each row's term, estimate and HC2 SE, as R's tidy() prints them (15 significant digits). */
export function agrees(formula: string, expected: [string, number, number][], subset?: string): void {
  const fit = lmRobust({ formula, rows, subset });
  assert.deepEqual(fit.estimates.map((row) => row.term), expected.map(([term]) => term), formula);
  fit.estimates.forEach((row, k) => {
    const [, estimate, se] = expected[k];
    assert.ok(Math.abs((row.estimate as number) - estimate) <= 1e-12 * Math.max(1, Math.abs(estimate)), `${formula} ${row.term}: ${row.estimate} against ${estimate}`);
    assert.ok(Math.abs((row.std_error as number) - se) <= 1e-11 * se, `${formula} ${row.term}: SE ${row.std_error} against ${se}`);
  });
}

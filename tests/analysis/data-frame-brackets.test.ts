// d[["x"]] and d[, "x"] in a formula, as analysts paste them from their R code (left from R trial 41; R trial 42): as
// with d$x, R's model.frame looks d up outside the data and takes its column, named as typed. vlab refused both until
// this trial (d[["x"]]: "only a whole column, [, k], is one value per row"; d[, "x"]: "the column is given by its
// number"); it has one data set, so they are its column x whatever d is called. d[[2]] and d[, 2] (R: d's second
// column) are refused with the column's name to type; a column the data lack is the unknown-column error. R's values by
// tests/analysis/r/data-frame-brackets.R (R 4.2.2, estimatr 1.0.0); the rows and the comparison in data-frame-rows.ts, no draw.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lmRobust } from '../../analysis/index.ts';
import { agrees, rows } from './data-frame-rows.ts';

test('d[["x"]] and d[, "x"] are the column x, named as R names them, in the outcome, terms, calls and a subset fit', () => {
  agrees('y ~ d[["x"]]', [
    ['(Intercept)', 2.23720930232558, 0.291992943994816],
    ['d[["x"]]', 0.742441860465116, 0.0544277099064803],
  ]);
  agrees('d[["y"]] ~ z * d[, "x"]', [
    ['(Intercept)', 2.13076923076923, 0.453354396314561],
    ['z', 1.01517671517671, 0.557133552541709],
    ['d[, "x"]', 0.703846153846154, 0.129414216413742],
    ['z:d[, "x"]', -0.109251559251559, 0.13994135172975],
  ]);
  agrees('y ~ d[["g"]] + log(d[, "x"])', [
    ['(Intercept)', 2.19307256642894, 0.543520046488482],
    ['d[["g"]]b', 0.187062206078446, 0.636740289085077],
    ['d[["g"]]c', 0.0796618140791977, 0.339380057292148],
    ['log(d[, "x"])', 2.33401359392819, 0.467204822274088],
  ]);
  agrees('y ~ I(d[["x"]]^2) + z', [
    ['(Intercept)', 3.42471867251574, 0.313803107456418],
    ['I(d[["x"]]^2)', 0.0697310699980927, 0.0125847285333348],
    ['z', 0.762273507533853, 0.406121549773418],
  ], 'x > 1');
});

test('d[["x"]] beside x is a second copy of the column: aliased, as R', () => {
  // R: (Intercept) 2.23721; d[["x"]] 0.742442; x NA
  const fit = lmRobust({ formula: 'y ~ d[["x"]] + x', rows });
  assert.deepEqual(fit.estimates.map((row) => [row.term, row.estimate === null ? null : Number((row.estimate as number).toPrecision(6))]), [['(Intercept)', 2.23721], ['d[["x"]]', 0.742442], ['x', null]]);
});

test('where R stops or counts columns, vlab says what to write', () => {
  const refused = (formula: string, words: RegExp): void => {
    assert.throws(() => lmRobust({ formula, rows }), (error: Error) => error.name === 'AnalysisError' && words.test(error.message), formula);
  };
  // R: invalid type (NULL) for variable 'd[["nope"]]'
  refused('y ~ d[["nope"]]', /formula references unknown column "nope"/);
  // R: subscript out of bounds
  refused('y ~ x[["z"]]', /x\[\["z"\]\]: x is a column of the data, not a data frame.*write z/);
  // R: d[[2]] and d[, 2] are d's second column, x here: vlab names it
  refused('y ~ d[[2]]', /d\[\[2\]\]: name the column, as d\[\["x"\]\] or x/);
  refused('y ~ d[, 2]', /d\[, 2\]: name the column, as d\[, "x"\] or x/);
});

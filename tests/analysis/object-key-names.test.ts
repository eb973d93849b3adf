// Column names that are also names of JavaScript's Object.prototype (constructor, toString, valueOf,
// hasOwnProperty, __proto__) are plain columns, as in R. Until 2026-12-04 the formula parser looked a name up
// among R's constants with a plain object, found Object.prototype's members, and `constructor ~ x` was a
// TypeError stack trace from `vlab fit`, `y ~ constructor` "undefined is not a term" (attack9 pass).
// Expected values: the same table's columns, as R's model.matrix keeps a numeric column as it is.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freqs, lmRobust, tableFromCsv } from '../../analysis/index.ts';
import { modelDesign } from './design-support.ts';

const table = tableFromCsv(Buffer.from('y,constructor,toString,valueOf,hasOwnProperty\n1,2,3,1,4\n2,5,1,0,2\n3,1,4,1,1\n4,7,2,0,5\n5,3,3,2,2\n'));

test('columns named as members of Object.prototype are columns, in a term and in I()', () => {
  assert.deepEqual(modelDesign(table, 'y ~ constructor + toString + I(valueOf^2)'), {
    names: ['(Intercept)', 'constructor', 'toString', 'I(valueOf^2)'],
    rows: [1, 2, 3, 4, 5],
    columns: [[2, 5, 1, 7, 3], [3, 1, 4, 2, 3], [1, 0, 1, 0, 4]],
  });
});

test('such a column is an outcome like any other: the same fit as under another name', () => {
  const renamed = tableFromCsv(Buffer.from('y,c\n1,2\n2,5\n3,1\n4,7\n5,3\n'));
  const fit = lmRobust({ formula: 'constructor ~ y', rows: table });
  const same = lmRobust({ formula: 'c ~ y', rows: renamed });
  assert.deepEqual(fit.estimates.map((row) => ({ ...row, outcome: 'c' })), same.estimates);
  assert.equal(fit.estimates[0]?.outcome, 'constructor');
});

test('such a name missing from the data is an unknown column, in words', () => {
  const plain = tableFromCsv(Buffer.from('y,x\n1,2\n2,5\n3,1\n4,7\n'));
  for (const formula of ['y ~ constructor', 'hasOwnProperty ~ x', 'y ~ poly(toString, 2)']) {
    assert.throws(() => lmRobust({ formula, rows: plain }), /unknown column "(constructor|hasOwnProperty|toString)"/, formula);
  }
});

// freqs looked a feature up in the levels and probabilities with a plain index: a feature named `constructor`
// found Object's constructor, and `vlab freqs` said 'probability of "constructor" = "a" must be a positive number
// (got undefined)' with no probabilities given, or was a TypeError with a levels file naming other features.
// Expected: uniform design probabilities, as for any feature (R: chisq.test(table(d$constructor))).
test('freqs counts a feature named constructor or toString as any other', () => {
  const rows = tableFromCsv(Buffer.from('constructor,toString\na,x\nb,y\na,x\na,y\nb,x\na,y\n'));
  const result = freqs({ formula: '~ constructor + toString', rows });
  assert.deepEqual(result.map((row) => [row.feature, row.level, row.count, row.probability]), [
    ['constructor', 'a', 4, 0.5], ['constructor', 'b', 2, 0.5], ['toString', 'x', 3, 0.5], ['toString', 'y', 3, 0.5],
  ]);
  const declared = freqs({ formula: '~ constructor', rows, levels: { other: ['p', 'q'] }, probabilities: { other: { p: 0.5, q: 0.5 } } });
  assert.deepEqual(declared.map((row) => row.count), [4, 2]);
});

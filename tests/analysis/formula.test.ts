import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFormula } from '../../analysis/index.ts';

const labels = (source: string): string[] => {
  const f = parseFormula('test', source);
  return [...(f.intercept ? ['1'] : []), ...f.terms.map((term) => term.map((v) => f.variables[v]).join(':'))];
};

test('terms come out in R order: by degree, then by first appearance', () => {
  // R: attr(terms(y ~ regime * capability + regime * treaty), "term.labels")
  assert.deepEqual(labels('y ~ regime * capability + regime * treaty'), ['1', 'regime', 'capability', 'treaty', 'regime:capability', 'regime:treaty']);
  assert.deepEqual(labels('y ~ a:b + c'), ['1', 'c', 'a:b']);
  assert.deepEqual(labels('y ~ (a + b) * c'), ['1', 'a', 'b', 'c', 'a:c', 'b:c']);
  assert.deepEqual(labels('y ~ a * b * c - a:b:c'), ['1', 'a', 'b', 'c', 'a:b', 'a:c', 'b:c']);
  assert.deepEqual(labels('y ~ b:a + a'), ['1', 'a', 'b:a']);
});

test('intercept: 0 + a, a - 1, -1 + a and 1 + a', () => {
  assert.deepEqual(labels('y ~ 0 + a'), ['a']);
  assert.deepEqual(labels('y ~ a - 1'), ['a']);
  assert.deepEqual(labels('y ~ -1 + a'), ['a']);
  assert.deepEqual(labels('y ~ 1 + a'), ['1', 'a']);
  assert.deepEqual(labels('y ~ 1'), ['1']);
});

test('names with dots, underscores and backticks', () => {
  const f = parseFormula('test', 'chose_plan ~ tax.rate1 + `odd name`');
  assert.equal(f.response, 'chose_plan');
  assert.deepEqual(f.variables, ['tax.rate1', 'odd name']);
});

test('malformed formulas are named in the error', () => {
  const bad: [string, RegExp][] = [
    ['y', /expected "outcome ~ terms"/],
    ['y ~', /expected "outcome ~ terms"/],
    ['y ~ a +', /ends where a term was expected/],
    ['y ~ (a + b', /"\(" is not closed/],
    ['y ~ a ^ 2', /unexpected "\^"/],
    ['y ~ a + 2', /the number 2 is not a term/],
    ['y ~ 0', /no terms/],
    ['y ~ y + a', /also appears on the right/],
  ];
  for (const [source, message] of bad) {
    assert.throws(() => parseFormula('lmRobust', source), (error: Error) => {
      assert.match(error.message, /^lmRobust: malformed formula/);
      assert.match(error.message, message);
      return true;
    }, source);
  }
});

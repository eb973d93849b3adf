// lmRobust's perfect-fit warning has an identity, not only words: mm, whose y ~ 0 + levels fits an outcome alike
// within levels exactly (and gives those means an SE of 0 by construction), left it out until 2026-12-04 by looking
// for "essentially perfect fit" in the text, which a rewording would have broken without a failing test.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPerfectFitWarning, lmRobust, mm, PERFECT_FIT_WARNING } from '../../analysis/index.ts';

const exact = Array.from({ length: 10 }, (_, i) => ({ x: i + 1, y: 2 + 3 * (i + 1) }));

test('lmRobust gives PERFECT_FIT_WARNING itself, and isPerfectFitWarning knows it from its other warnings', () => {
  // R: summary(lm(y ~ x, data.frame(x = 1:10, y = 2 + 3 * (1:10)))) warns "essentially perfect fit: summary may be unreliable"
  const { warnings } = lmRobust({ formula: 'y ~ x', rows: exact });
  assert.deepEqual(warnings, [PERFECT_FIT_WARNING]);
  assert.ok(isPerfectFitWarning(warnings[0]));
  // A leverage-1 row under HC2 (x = 11 is the only row of its level) is another kind.
  const lone = [...exact.map((r) => ({ ...r, g: r.x % 2 ? 'odd' : 'even', y: r.y + (r.x % 3) })), { x: 11, y: 5, g: 'lone' }];
  const other = lmRobust({ formula: 'y ~ x + g', rows: lone }).warnings;
  assert.ok(other.length > 0 && other.every((w) => !isPerfectFitWarning(w)), other.join(' | '));
});

test('mm on ratings alike within each level: no perfect-fit warning, means with SE 0', () => {
  const rows = Array.from({ length: 24 }, (_, i) => ({ id: `r${Math.floor(i / 2)}`, a: `a${1 + (i % 3)}`, y: 1 + (i % 3) }));
  const result = mm({ formula: 'y ~ a', rows, id: 'id' });
  assert.deepEqual(result.warnings, []);
  assert.deepEqual(result.estimates.map((row) => [row.level, row.estimate, row.std_error]), [['a1', 1, 0], ['a2', 2, 0], ['a3', 3, 0]]);
});

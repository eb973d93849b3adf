import assert from 'node:assert/strict';
import { test } from 'node:test';
import { powerAnalysis } from '../../analysis/index.ts';

// Task 42: `vlab power --arms 6 --contrast main` said only "a main contrast needs a 2^f factorial", with no word on how
// to get the power of one factor of a 2×3. One factor's comparison of two of its levels pools the cells at each level:
// two arms of (cells per level × n) respondents.
test('a main or interaction contrast in a design that is not 2^f says how to get one factor of it (a 2×3)', () => {
  assert.throws(() => powerAnalysis({ effect: 0.3, sd: 1, n: 50, arms: 6, contrast: 'main' }), (e: Error) => {
    assert.match(e.message, /^powerAnalysis: a main contrast needs a 2\^f factorial: arms must be 4, 8, 16, … \(got 6\)/);
    // The hint: two arms of the respondents at each level (a 2×3's two-level factor: 3 cells a level).
    assert.match(e.message, /for one factor of another design \(a 2×3\), compare two of its levels as two arms: contrast difference, arms 2, n the respondents at each level \(3n for the two-level factor of a 2×3 of n a cell, 2n for two levels of its three-level factor\)/);
    return true;
  });
  assert.throws(() => powerAnalysis({ effect: 0.3, sd: 1, n: 50, arms: 3, contrast: 'interaction' }), /got 3\); for one factor of another design/);
});

test('the hint is the pooled two-arm test: power.t.test of 3n a side for the two-level factor of a 2×3', () => {
  // R: power.t.test(n = 150, delta = 0.3, sd = 1)$power  # 0.7355647449 (n = 3 × 50 a cell; df 298, the 2×3 model's 294;
  // Rscript tests/analysis/r/power-factor-of-other-design.R)
  const pooled = powerAnalysis({ effect: 0.3, sd: 1, n: 150, arms: 2 });
  assert.ok(Math.abs(pooled.power - 0.7355647449) < 1e-9, String(pooled.power));
});

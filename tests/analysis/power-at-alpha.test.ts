// A target power at or below alpha (alpha/2 two-sided) is refused by powerPropTest and powerAnalysis (R trial 34). R answers
// there with the trivial root, no difference at all (R 4.2.2):
//   power.prop.test(n = 10, p1 = 0.5, power = 0.9, sig.level = 0.9, alternative = "one.sided")$p2   0.5 (= p1)
// The refusal said "power must be between alpha and 1 (got 0.9)" without alpha's value, which at alpha 0.9 reads as a
// contradiction; it now names the bound's value.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { powerAnalysis, powerPropTest } from '../../analysis/index.ts';

test('a target power at alpha is refused naming alpha\'s value', () => {
  assert.throws(() => powerPropTest({ n: 10, p1: 0.5, power: 0.9, alpha: 0.9, alternative: 'one.sided' }),
    /powerPropTest: power must be above alpha \(0\.9\) and below 1 \(got 0\.9\)/);
  assert.throws(() => powerPropTest({ n: 10, p1: 0.5, power: 0.02 }), /power must be above alpha\/2 \(0\.025\) and below 1 \(got 0\.02\)/);
  assert.throws(() => powerAnalysis({ n: 10, sd: 1, power: 0.9, alpha: 0.9, alternative: 'one.sided' }), /power must be above alpha \(0\.9\) and below 1 \(got 0\.9\)/);
});

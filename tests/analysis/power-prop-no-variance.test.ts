// power.prop.test where a proportion is 0 or 1 (R trial 31). R 4.2.2 (Rscript tests/analysis/r/power-prop-no-variance.R):
//   power.prop.test(n = 100, p1 = 0, p2 = 0)$power                   NaN (0/0; also p1 = p2 = 1, and with strict)
//   power.prop.test(n = 100, p1 = 0, power = 0.8, tol = 1e-12)$p2    Error: f.lower = f(lower) is NA
//   uniroot(function(p2) power.prop.test(n = 100, p1 = 0, p2 = p2)$power - 0.8, c(1e-300, 1), tol = 1e-12)$root
//                                                                    0.074671917903695803
//   power.prop.test(n = 100, p2 = 1, power = 0.8, tol = 1e-12)$p1    Error: f.upper = f(upper) is NA
//   uniroot(function(p1) power.prop.test(n = 100, p1 = p1, p2 = 1)$power - 0.8, c(0, 1 - 1e-16), tol = 1e-12)$root
//                                                                    0.92532808209630457
// Both 0 (or both 1) is a question without an answer: vlab returned R's NaN as the power (printed as NA); it now refuses
// in words. A p2 for p1 = 0 has one: R's uniroot stops only because it starts at p2 = p1, where the power is 0/0 (it tends
// to alpha/2); vlab answers with the root R finds on the open interval (deliberate difference).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { powerPropTest } from '../../analysis/index.ts';
import { assertCloseToR } from './support.ts';

test('p1 = p2 = 0 or 1: no power to speak of, refused in words (R: NaN)', () => {
  for (const options of [{ n: 100, p1: 0, p2: 0 }, { n: 100, p1: 1, p2: 1 }, { n: 30, p1: 0, p2: 0, strict: true }, { n: 30, p1: 1, p2: 1, alternative: 'one.sided' as const }]) {
    assert.throws(() => powerPropTest(options), /^AnalysisError: powerPropTest: p1 and p2 are both [01]: the two groups never differ \(every respondent in both answers (no|yes)\), so the test has no variance and no power \(R's power.prop.test returns NaN\)/);
  }
});

test('p2 for p1 = 0 and p1 for p2 = 1: the root R finds on the open interval (its own search stops at 0/0)', () => {
  assertCloseToR(powerPropTest({ n: 100, p1: 0, power: 0.8 }).p2, 0.074671917903695803, 'p2');
  assertCloseToR(powerPropTest({ n: 100, p2: 1, power: 0.8 }).p1, 0.92532808209630457, 'p1');
});

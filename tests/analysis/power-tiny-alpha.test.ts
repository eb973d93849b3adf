// Power and minimum detectable effects at alpha 1e-15 and 1e-12 (R trial 32): R takes the critical value as
// qt(sig.level / tside, nu, lower = FALSE); vlab took the quantile of 1 − alpha/2, which rounds near 1 (1 − 5e-16 is
// 0.99999999999999944, a tail of 5.6e-16), and was 5 % off R's power at alpha 1e-15 (3e-3 off its n).
// Expected values: Rscript tests/analysis/r/power-tiny-alpha.R (R 4.2.2, pwr 1.3-0).
import { test } from 'node:test';
import { minimumDetectableEffect, powerAnalysis } from '../../analysis/index.ts';
import { assertCloseToR } from './support.ts';

test('power.t.test and pwr.t2n.test at alpha 1e-15 and 1e-12 equal R', () => {
  assertCloseToR(powerAnalysis({ n: 60, effect: 1, sd: 1, alpha: 1e-15, strict: false }).power, 0.0005660370685189875, 'two-sample, alpha 1e-15');
  assertCloseToR(powerAnalysis({ n: 200, effect: 0.7, sd: 1, alpha: 1e-12, strict: true }).power, 0.36213785705112489, 'two-sample strict, alpha 1e-12');
  assertCloseToR(powerAnalysis({ n: 40, effect: 1, sd: 1, alpha: 1e-15, type: 'one.sample', alternative: 'one.sided' }).power, 9.039788598919074e-5, 'one-sample one-sided, alpha 1e-15');
  assertCloseToR(powerAnalysis({ n: 80, n2: 40, effect: 1, sd: 1, alpha: 1e-12 }).power, 0.0062048381593891033, 'pwr.t2n.test, alpha 1e-12');
});

test('the minimum detectable effect at alpha 1e-15 equals power.t.test(...)$delta', () => {
  // Two arms of 100, sd 1: the SE of the difference is sqrt(2 / 100), df 198.
  assertCloseToR(minimumDetectableEffect({ se: Math.sqrt(2 / 100), df: 198, alpha: 1e-15, power: 0.8 }), 1.3642690537255009, 'mde, alpha 1e-15');
});

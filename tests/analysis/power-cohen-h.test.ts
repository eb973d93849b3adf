// Cohen's h power for two proportions, pwr::pwr.2p.test and pwr.2p2n.test, offered as powerCohenH since R trial 31 (pwr
// 1.3.0 was installed beside R; not offered before). R 4.2.2, pwr 1.3.0 (Rscript tests/analysis/r/power-cohen-h.R; a solved
// quantity refined by uniroot(tol = 1e-13) on pwr's own power, as pwr's uniroot stops at ~1e-4):
//   ES.h(0.65, 0.45)                                                                  0.40486007517695755
//   pwr.2p.test(h = 0.3, n = 80)$power                                                0.47510087057263811
//   pwr.2p.test(h = -0.3, n = 80, alternative = "less")$power                         0.59967770454643765
//   pwr.2p.test(h = 0.2, n = 150, sig.level = 0.01, alternative = "greater")$power    0.27615672017856019
//   pwr.2p2n.test(h = 0.3, n1 = 80, n2 = 245)$power                                   0.64423455887695313
//   pwr.2p2n.test(h = 0.25, n1 = 300, n2 = 40, alternative = "greater")$power         0.43658536184380869
//   n for h = ES.h(0.65, 0.45), power 0.8                                             95.769386131734521
//   n for h = 0.1, power 0.9, greater                                                 1712.7694701335954
//   h for n = 200, power 0.8                                                          0.28015817870135784
//   h for n = 50, power 0.7, less                                                     -0.43385082793189839
//   n2 for h = 0.3, n1 = 120, power 0.8                                               319.15240336677516
//   n1 for h = 0.4, n2 = 60, power 0.75, greater                                      76.471990119761017
//   pwr.2p.test(h = 0.3, n = 0.5)                      Error: number of observations in each group must be at least 1
//   pwr.2p2n.test(h = 0.3, n1 = 50, power = 0.9999)    Error: f() values at end points not of opposite sign
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cohenH, powerCohenH } from '../../analysis/index.ts';
import { assertCloseToR } from './support.ts';

test('cohenH is pwr::ES.h, and powerCohenH the power of pwr.2p.test and pwr.2p2n.test', () => {
  assertCloseToR(cohenH(0.65, 0.45), 0.40486007517695755, 'ES.h');
  assertCloseToR(powerCohenH({ h: 0.3, n: 80 }).power, 0.47510087057263811, 'two-sided');
  assertCloseToR(powerCohenH({ h: -0.3, n: 80, alternative: 'less' }).power, 0.59967770454643765, 'less');
  assertCloseToR(powerCohenH({ h: 0.2, n: 150, alpha: 0.01, alternative: 'greater' }).power, 0.27615672017856019, 'greater at 0.01');
  assertCloseToR(powerCohenH({ h: 0.3, n: 80, n2: 245 }).power, 0.64423455887695313, 'two sizes');
  assertCloseToR(powerCohenH({ h: 0.25, n: 300, n2: 40, alternative: 'greater' }).power, 0.43658536184380869, 'two sizes, greater');
});

test('powerCohenH solves n, n2 and h as pwr (its roots refined to 1e-13)', () => {
  assertCloseToR(powerCohenH({ h: cohenH(0.65, 0.45), power: 0.8 }).n, 95.769386131734521, 'n');
  assertCloseToR(powerCohenH({ h: 0.1, power: 0.9, alternative: 'greater' }).n, 1712.7694701335954, 'n, greater');
  assertCloseToR(powerCohenH({ n: 200, power: 0.8 }).h, 0.28015817870135784, 'h');
  assertCloseToR(powerCohenH({ n: 50, power: 0.7, alternative: 'less' }).h, -0.43385082793189839, 'h, less');
  const second = powerCohenH({ h: 0.3, n: 120, n2: 'solve', power: 0.8 });
  assertCloseToR(second.n2, 319.15240336677516, 'n2');
  assertCloseToR(powerCohenH({ h: 0.4, n2: 60, power: 0.75, alternative: 'greater' }).n, 76.471990119761017, 'n1 for n2, greater');
});

test('where pwr stops, powerCohenH refuses in words', () => {
  assert.throws(() => powerCohenH({ h: 0.3, n: 0.5 }), /powerCohenH: n must be at least 1 \(got 0.5; pwr stops there too\)/);
  assert.throws(() => powerCohenH({ h: 0.3, n: 50, n2: 'solve', power: 0.9999 }), /powerCohenH: the target power needs n2 above 1000000000/);
  assert.throws(() => powerCohenH({ h: 0.3, n: 50 , power: 0.8 }), /give exactly two of h, n/);
  assert.throws(() => powerCohenH({ h: 0.3, n: 50, alternative: 'sideways' as never }), /alternative must be one of two.sided, less, greater/);
});

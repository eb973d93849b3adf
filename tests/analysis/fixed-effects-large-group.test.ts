// fixed_effects with a group of 300,000 rows (R trial 31). demeanWithin stopped a column's sweeps at estimatr's 1e-8 or
// at 1e-13 of the column's norm (R trial 30), but a group mean of m rows summed in row order carries rounding of ~√m
// ulps of the values (up to m when the rows are sorted along a trend): on a covariate near 1e7 with a trend along
// 300,000 rows every sweep still changed it by 1.6e-12 of its norm (2.3e-7), so lmRobust swept 6,662 times for 39 s and
// then refused, blaming "long chains". The stop is now 1e-13·√m of the norm, m the largest group's rows: it settles in
// a few sweeps and equals estimatr, whose own sums settled here. The data are a formula of the row number (no random
// draw; only operations exact or correctly rounded in R and JavaScript alike). R 4.2.2, estimatr 1.0.0
// (Rscript tests/analysis/r/fixed-effects-large-group.R):
//   lm_robust(y ~ x, data = d, fixed_effects = ~ g, se_type = "HC1")  x: 2.0000992018703086e-03, SE 3.6556362148295608e-06, df 300188
//   lm_robust(y ~ x, data = d, fixed_effects = ~ g, se_type = "HC2")  x: 2.0000992018703086e-03, SE 3.6555802168696343e-06, df 300188
import { test } from 'node:test';
import { lmRobust } from '../../analysis/index.ts';
import { assertEstimateSeDfAsR } from './support.ts';

const N = 300_200;
const rows = Array.from({ length: N }, (_, i) => {
  const x = 1e7 + (1e3 * i) / N + ((i * 7919) % 1000) / 100;
  return { y: 3 + 0.002 * (x - 1e7) + ((i * 104729) % 2001) / 1000 - 1, x, g: i < 300_000 ? 'big' : `s${Math.floor((i - 300_000) / 20)}` };
});

test('a fixed effect with a group of 300,000 rows settles (it swept 6,662 times, then refused) and equals estimatr', () => {
  const hc1 = lmRobust({ formula: 'y ~ x', rows, fixedEffects: '~ g', seType: 'HC1' }).estimates;
  assertEstimateSeDfAsR(hc1, [['x', 2.0000992018703086e-3, 3.6556362148295608e-6, 300188]], 'HC1');
  const hc2 = lmRobust({ formula: 'y ~ x', rows, fixedEffects: '~ g', seType: 'HC2' }).estimates;
  assertEstimateSeDfAsR(hc2, [['x', 2.0000992018703086e-3, 3.6555802168696343e-6, 300188]], 'HC2');
});

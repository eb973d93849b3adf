// HC2/HC3 with a row of leverage 1 (level d of f has one row): its residual is 0 in exact arithmetic and its
// weight e²/(1 − h) or e²/(1 − h)² is 0/0. estimatr prints what rounding leaves — on these data NaN for every
// HC2 SE and an HC3 SE of 2.02 for fd where 0.283 is the fit without the 0/0 — and vlab printed its own noise (the
// 2026-12-03 trial against R found HC3 SEs 5 % off estimatr's and NaN where estimatr had numbers). The row now gets
// weight 0, as under HC0; every coefficient the row does not move then has the SE of lm_robust without the row. fd,
// which it moves (y_d less the others' prediction), keeps the others' part of its variance only: since task 43 the
// warning names it.
// Expected values: Rscript tests/analysis/r/leverage-one.R (the sandwich by hand on lm's fit; R calls there).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { lmRobust, rowsFromCsv } from '../../analysis/index.ts';
import { assertCloseToR } from './support.ts';

const here = dirname(fileURLToPath(import.meta.url));
const rows = rowsFromCsv(readFileSync(join(here, 'fixtures/leverage_one.csv'), 'utf8'));

const expected = {
  HC2: [
    ['(Intercept)', 0.974231502499252, 0.286851457241254],
    ['fb', 0.729807703285347, 0.491408723852826],
    ['fc', -0.374398401941411, 0.374965626511518],
    ['fd', 1.8782659616507, 0.269459879640481],
    ['x', 0.711944322012617, 0.165712443894619],
  ],
  HC3: [
    ['(Intercept)', 0.974231502499252, 0.301864993391758],
    ['fb', 0.729807703285347, 0.529130592726302],
    ['fc', -0.374398401941411, 0.39254259605828],
    ['fd', 1.8782659616507, 0.283417305806254],
    ['x', 0.711944322012617, 0.181199623158163],
  ],
} as const;

for (const seType of ['HC2', 'HC3'] as const) {
  test(`${seType} gives a row of leverage 1 weight 0 and says so`, () => {
    for (const solver of ['auto', 'qr'] as const) {
      const fit = lmRobust({ formula: 'y ~ f + x', rows, seType, solver });
      expected[seType].forEach(([term, estimate, se], k) => {
        assert.equal(fit.estimates[k].term, term);
        assertCloseToR(fit.estimates[k].estimate, estimate, `${seType} ${term} estimate`);
        assertCloseToR(fit.estimates[k].std_error, se, `${seType} ${term} SE`);
      });
      assert.equal(fit.warnings.length, 1);
      assert.match(fit.warnings[0], new RegExp(`^lmRobust: 1 row has leverage 1 .*taken as 0.*; the ${seType} SE of "fd", which a row of leverage 1 moves, counts only the other rows' part`));
    }
  });
}

test('HC2 SEs of the other coefficients equal lm_robust without the row', () => {
  // R: tidy(lm_robust(y ~ f + x, d[-1, ], se_type = "HC2"))$std.error
  const fit = lmRobust({ formula: 'y ~ f + x', rows: rows.slice(1), seType: 'HC2' });
  assert.deepEqual(fit.warnings, []);
  [0.286851457241253, 0.491408723852826, 0.374965626511518, 0.165712443894619].forEach((se, k) =>
    assertCloseToR(fit.estimates[k].std_error, se, `${fit.estimates[k].term} SE without the row`));
});

// lm_robust of an outcome near 1e9 varying in the fourth decimal (a timestamp in seconds, an amount in cents), the
// thirteenth R trial's known gap: one unit in the last place of 1e9 is 1.2e-7, and a QR of y itself lost up to 2e-4
// of a slope and 1e-4 of an SE (estimatr loses as much: compare its fit on y below). With an intercept vlab fits y less
// its first value (exact there, Sterbenz; only the intercept moves, by that value, added back), so it gives estimatr's
// numbers on I(y - 1e9), which keep every digit. Without an intercept y is fitted as it is.
// R: tests/analysis/r/lm-robust-huge-outcome.R (the data below, drawn with Draw(13000001), and each call's output).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lmRobust, type LmRobustOptions } from '../../analysis/index.ts';

const y = [999999999.9991738, 1000000000.0003202, 999999999.999937700, 1000000000.0011615, 1000000000.0008795, 1000000000.0002611,
  999999999.998786, 1000000000.0000299, 1000000000.0009385, 1000000000.0003735, 1000000000.0003345, 999999999.9999943,
  999999999.9990875, 1000000000.0026342, 1000000000.0010726, 1000000000.0000379, 999999999.9997665, 999999999.9989321,
  999999999.9977514, 1000000000.0004144, 1000000000.000589, 1000000000.001056, 1000000000.0004879, 1000000000.0007188];
const x = [0.414, -0.78, -0.953, 2.013, 0.872, 0.284, 0.549, -0.079, 1.088, -1.007, -0.252, 0.226, -0.601, 1.643, -0.348,
  -0.728, -2.076, 1.775, -0.384, 1.864, 0.412, 2.558, -0.548, 0.289];
const w = [0.95, 0.89, 1.68, 0.65, 0.43, 1.27, 0.46, 1.66, 1.87, 0.88, 1.55, 0.85, 1.97, 1.2, 0.81, 1.97, 0.53, 1.84, 0.74,
  0.72, 1.09, 1.22, 0.86, 1.48];
const rows = y.map((value, i) => ({ y: value, x: x[i], w: w[i], t: i % 2, cl: 1 + Math.floor(i / 4), f: 'abc'[i % 3] }));

/** [term, estimate, SE] of estimatr on I(y - 1e9). */
type Want = [string, number, number][];

function check(options: Omit<LmRobustOptions, 'rows'>, want: Want, shifted = true): void {
  const got = lmRobust({ ...options, rows }).estimates;
  assert.deepEqual(got.map((row) => row.term), want.map(([term]) => term));
  want.forEach(([term, estimate, se], k) => {
    const row = got[k];
    if (term === '(Intercept)' && shifted) {
      // vlab's intercept is near 1e9, whose last place is 1.2e-7: compared less 1e9, to two of those units.
      assert.ok(Math.abs((row.estimate as number) - 1e9 - estimate) <= 2.5e-7, `${term}: ${row.estimate}, R ${estimate} + 1e9`);
    } else assert.ok(Math.abs((row.estimate as number) - estimate) <= 1e-8 * Math.abs(estimate), `${term}: ${row.estimate}, R ${estimate}`);
    assert.ok(Math.abs((row.std_error as number) - se) <= 1e-8 * se, `${term} SE: ${row.std_error}, R ${se}`);
  });
}

const MAIN: Want = [['(Intercept)', -6.390502236574415e-05, 0.00029336384245668844], ['t', 0.00040095495066234309, 0.00034908098803970657],
  ['x', 0.00023444557670892271, 0.00014487783306249989]];

test('HC2, by the QR and by the normal equations: estimatr on I(y - 1e9) (estimatr on y: t 0.000400988, SE of x 0.000144862)', () => {
  // R: lm_robust(I(y - 1e9) ~ t + x, data = d, se_type = "HC2")
  check({ formula: 'y ~ t + x', seType: 'HC2', solver: 'qr' }, MAIN);
  check({ formula: 'y ~ t + x', seType: 'HC2' }, MAIN);
});

test('clustered CR2, and CR0 and HC1 with weights', () => {
  // R: lm_robust(I(y - 1e9) ~ t + x, data = d, clusters = cl, se_type = "CR2")
  check({ formula: 'y ~ t + x', clusters: 'cl', seType: 'CR2' }, [['(Intercept)', -6.390502236574415e-05, 0.00025247405354669446],
    ['t', 0.00040095495066234309, 0.00021700212309873142], ['x', 0.00023444557670892271, 0.00015407458029666272]]);
  // R: lm_robust(I(y - 1e9) ~ t + x, data = d, clusters = cl, weights = w, se_type = "CR0")
  check({ formula: 'y ~ t + x', clusters: 'cl', weights: 'w', seType: 'CR0' }, [['(Intercept)', -9.2387409054833227e-07, 0.00022583209334596353],
    ['t', 0.00024136430117904694, 0.00023296793428560525], ['x', 0.0002429492908454951, 0.00018625605432745607]]);
  // R: lm_robust(I(y - 1e9) ~ t + x, data = d, weights = w, se_type = "HC1")
  check({ formula: 'y ~ t + x', weights: 'w', seType: 'HC1', solver: 'qr' }, [['(Intercept)', -9.2387409054833227e-07, 0.00025852852633973726],
    ['t', 0.00024136430117904694, 0.00032389952398667067], ['x', 0.0002429492908454951, 0.00019487473766531541]]);
});

test('a factor and an interaction, weighted and clustered (CR2)', () => {
  // R: lm_robust(I(y - 1e9) ~ t * f + x, data = d, clusters = cl, weights = w, se_type = "CR2")
  check({ formula: 'y ~ t * f + x', clusters: 'cl', weights: 'w', seType: 'CR2' }, [['(Intercept)', -0.0011160290517233341, 0.00035398811778016665],
    ['t', 0.0015218619740701568, 0.00058391775556889867], ['fb', 0.0015884856122012859, 0.00027344787203392143],
    ['fc', 0.0016683082053546273, 0.0003912128090322038], ['x', 0.00025180350322894353, 0.00019478860028909929],
    ['t:fb', -0.0012857233965187769, 0.0010133942125070624], ['t:fc', -0.0023762757739965341, 0.00093895163543199862]]);
});

test('without an intercept y is fitted as it is (a shift would move the slopes): estimatr on y', () => {
  // R: lm_robust(y ~ 0 + t + x, data = d, se_type = "HC2") — another model than the one on I(y - 1e9), whose slopes are 3e-4
  check({ formula: 'y ~ 0 + t + x', seType: 'HC2', solver: 'qr' }, [['t', 1047771343.8720199, 81537647.538716272], ['x', -71141241.80420813, 115254726.83058178]], false);
});

test('where the pivoted QR aliases the intercept (a constant column k = 5 before it in pivot order), y is refitted unshifted', () => {
  // R: d$k <- 5; lm_robust(y ~ k + x, data = d, se_type = "HC2"): (Intercept) NA; k 200000000.00002378 (the level / 5).
  // Shifted, k would carry only the centred intercept (1e-5); vlab sees the intercept aliased and fits y as it is.
  const got = lmRobust({ formula: 'y ~ k + x', rows: rows.map((row) => ({ ...row, k: 5 })), seType: 'HC2' }).estimates;
  assert.equal(got[0].estimate, null);
  assert.ok(Math.abs((got[1].estimate as number) - 200000000.00002378) <= 1e-12 * 2e8, `k: ${got[1].estimate}`);
});

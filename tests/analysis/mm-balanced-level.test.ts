// A level every respondent answers alike on average: each respondent's mean of level a is the level's mean (0.5),
// though the answers differ (1 and 0). Its variance is then exactly 0 under every clustered se type (each cluster's
// residuals for the level sum to 0; CR2's adjustment leaves such residuals as they are), as for a constant level.
// survey's svymean (cregg::mm) gives 0.5 and SE 0 exactly, and so z NaN against h0 = 0.5; the QR gave
// 0.5000000000000002 and an SE of 2.3e-16, z 0.95, and replicate.R reported a mismatch on a wave of 2 completes
// (researcher pass 10). estimatr prints rounding noise here (CR0 5.6e-17), so the SE is asserted equal to 0.
// R (4.2, survey 4.1, estimatr 1.0), the data below:
//   d <- data.frame(id = rep(1:4, each = 4), f = rep(c("a", "a", "b", "b"), 4),
//                   y = c(1, 0, 1, 1,  0, 1, 0, 1,  1, 0, 0, 0,  0, 1, 1, 0))
//   svyby(~y, ~f, svydesign(ids = ~id, weights = ~1, data = d), svymean)
//   # a 0.5 (SE 0), b 0.5 (SE 0.20412414523193151)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mm, type Row } from '../../analysis/index.ts';
import { assertCloseToR } from './support.ts';

const Y = [1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0];
const rows: Row[] = Y.map((y, i) => ({ id: Math.floor(i / 4) + 1, f: i % 4 < 2 ? 'a' : 'b', y }));

for (const seType of ['cregg', 'CR0', 'stata', 'CR2'] as const) {
  test(`mm --se-type ${seType}: a level whose every respondent's mean is the level's mean has SE exactly 0`, () => {
    const [a, b] = mm({ formula: 'y ~ f', rows, id: 'id', seType, h0: 0.5 }).estimates;
    assert.deepEqual([a!.level, a!.estimate, a!.std_error, a!.z, a!.p], ['a', 0.5, 0, NaN, NaN]);
    assert.deepEqual([a!.lower, a!.upper], [0.5, 0.5]);
    // The other level is an ordinary one, fitted as before.
    assertCloseToR(b!.estimate, 0.5, 'b');
    if (seType === 'cregg' || seType === 'CR2') assertCloseToR(b!.std_error, 0.20412414523193151, `b ${seType} SE`);
  });
}

test('mm: weighted, or answers that are not whole numbers, keep the fit (no exact test of balance there)', () => {
  const weighted = rows.map((row, i) => ({ ...row, w: 1 + (i % 3) }));
  const a = mm({ formula: 'y ~ f', rows: weighted, id: 'id', weights: 'w' }).estimates[0]!;
  assert.ok(a.std_error! > 0.01, 'unequal weights unbalance the respondents');
});

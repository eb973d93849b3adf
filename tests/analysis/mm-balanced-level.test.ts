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

// Weighted (the fourteenth R trial's conjoint designs 14_200_000 and 14_200_001): respondent weights, each
// respondent's weighted mean of level a still 0.5. survey's weighted svymean leaves rounding here (R, the data above):
//   d$w <- rep(c(0.3, 2.7, 1.1, 0.45), each = 4)
//   svyby(~y, ~f, svydesign(ids = ~id, weights = ~w, data = d), svymean)
//   # a 0.50000000000000011 (SE 2.0816681711721682e-17: z 5.3 against h0 = 0.5), b 0.41208791208791212 (SE 0.13771918147047446)
//   tidy(lm_robust(y ~ 0 + f, data = d, clusters = id, weights = w, se_type = "CR2"))
//   # a 0.49999999999999989 (SE 1.1485913163110959e-16), b 0.41208791208791207 (SE 0.15234535792016185)
// Its variance is 0 in exact arithmetic all the same (each respondent's weighted residuals of level a sum to 0), and
// vlab printed z 3.7 and p 0.0002 for such a level of design 14_200_000: the weighted route now gives the exact 0 too.
const W = [0.3, 2.7, 1.1, 0.45];
const weighted = rows.map((row, i) => ({ ...row, w: W[Math.floor(i / 4)] }));
const WEIGHTED_B: Record<string, number> = { cregg: 0.13771918147047446, CR2: 0.15234535792016185 };

for (const seType of ['cregg', 'CR0', 'stata', 'CR2'] as const) {
  test(`mm --se-type ${seType} --weights: a level balanced within every respondent has SE exactly 0`, () => {
    const [a, b] = mm({ formula: 'y ~ f', rows: weighted, id: 'id', weights: 'w', seType, h0: 0.5 }).estimates;
    assert.deepEqual([a!.level, a!.estimate, a!.std_error, a!.z, a!.p], ['a', 0.5, 0, NaN, NaN]);
    assertCloseToR(b!.estimate, 0.41208791208791212, 'b');
    if (WEIGHTED_B[seType]) assertCloseToR(b!.std_error, WEIGHTED_B[seType], `b ${seType} SE`);
  });
}

test('mm --weights: weights that vary within a respondent and unbalance it keep the fit', () => {
  const uneven = rows.map((row, i) => ({ ...row, w: 1 + (i % 3) }));
  const a = mm({ formula: 'y ~ f', rows: uneven, id: 'id', weights: 'w' }).estimates[0]!;
  assert.ok(a.std_error! > 0.01, 'unequal weights unbalance the respondents');
});

test('mm --weights: weights that vary within a respondent but balance its answers give the exact 0', () => {
  // Respondent 1 answers a with 1 (weights 0.25 and 0.75) and 0 (weight 1): its weighted mean is 0.5, as everyone's.
  const varying: Row[] = [...rows.map((row, i) => ({ ...row, w: i === 0 ? 0.25 : 1 })), { id: 1, f: 'a', y: 1, w: 0.75 }];
  const a = mm({ formula: 'y ~ f', rows: varying, id: 'id', weights: 'w', h0: 0.5 }).estimates[0]!;
  assert.deepEqual([a.estimate, a.std_error], [0.5, 0]);
});

// Weighted (or clustered) `freqs`: survey::svygofchisq's design-based test, whose p does not depend on the weights'
// scale (Pearson's test on weighted counts read them as sample sizes: weights of 1000 made p ≈ 0). R's values
// for the random cases are in tests/reference/conjoint-differential (conjoint.R, `freqs-weighted*` cases); here the
// properties and the pchisq of a fractional df.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freqs } from '../../analysis/index.ts';
import { chiSquareUpperTailAnyDf } from '../../analysis/helpers/chi-square.ts';
import { Draw } from '../reference/differential/random-data.ts';

/** 40 respondents × 3 profiles, seed 6100001; weights 0.3–3 per respondent. */
function profiles(scale: number): Record<string, string | number>[] {
  const draw = new Draw(6_100_001);
  return Array.from({ length: 40 }, (_, r) => {
    const w = draw.uniform(0.3, 3) * scale;
    return Array.from({ length: 3 }, () => ({ respondent: `R${r}`, regime: draw.pick(['democracy', 'autocracy', 'hybrid']), w }));
  }).flat();
}
const probabilities = { regime: { democracy: 0.5, autocracy: 0.25, hybrid: 0.25 } };

test('weighted freqs: counts and X² grow with the weights, df, scale/X² and p do not (svygofchisq)', () => {
  const one = freqs({ formula: '~ regime', rows: profiles(1), weights: 'w', id: 'respondent', probabilities });
  const big = freqs({ formula: '~ regime', rows: profiles(1000), weights: 'w', id: 'respondent', probabilities });
  assert.ok(Math.abs(big[0].count / one[0].count - 1000) < 1e-9);
  assert.ok(Math.abs(big[0].chisq / one[0].chisq - 1000) < 1e-9);
  assert.ok(Math.abs(big[0].p - one[0].p) < 1e-12 * Math.max(1, one[0].p), `${big[0].p} vs ${one[0].p}`);
  assert.ok(Math.abs(big[0].df - one[0].df) < 1e-9);
  assert.ok(one[0].df > 0 && one[0].df <= 2 + 1e-9, `df ${one[0].df} at most levels − 1`);
  // Unweighted without an id stays Pearson's test: scale 1, df levels − 1.
  const pearson = freqs({ formula: '~ regime', rows: profiles(1), probabilities });
  assert.deepEqual([pearson[0].df, pearson[0].scale], [2, 1]);
});

test('the design-based test refuses one cluster in words', () => {
  const rows = profiles(1).map((row) => ({ ...row, respondent: 'R1' }));
  assert.throws(() => freqs({ formula: '~ regime', rows, id: 'respondent', probabilities }), /freqs: "regime": the design-based test needs two or more values of "respondent"; there is 1/);
  assert.throws(() => freqs({ formula: '~ regime', rows: profiles(1), id: 'respndent', probabilities }), /freqs: id references unknown column "respndent"/);
});

test('chiSquareUpperTailAnyDf equals R\'s pchisq(x, df, lower.tail = FALSE) at fractional df', () => {
  // R: sprintf("%.17g", pchisq(c(3.2, 0.01, 40, 1e-4, 200, 7.5), c(1.7, 0.3, 3.29, 5.5, 2.01, 7.5), lower.tail = FALSE))
  const cases: [number, number, number][] = [
    [3.2, 1.7, 0.15880914298663623],
    [0.01, 0.3, 0.51620446569814682],
    [40, 3.29, 1.6326573861707112e-8],
    [1e-4, 5.5, 0.99999999999966382],
    [200, 2.01, 3.8178407730339465e-44],
    [7.5, 7.5, 0.43128944046089512],
  ];
  for (const [x, df, p] of cases) assert.ok(Math.abs(chiSquareUpperTailAnyDf(x, df) - p) <= 1e-12 * p, `pchisq(${x}, ${df}): ${chiSquareUpperTailAnyDf(x, df)}`);
});

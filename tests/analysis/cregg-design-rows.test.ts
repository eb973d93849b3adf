// Under se type cregg (survey::svyglm on svydesign(ids = ~cl, weights = ~w)) a row with a missing cluster or weight is
// not in the design at all: svydesign stops on one ("missing values in `id'"), so the analyst keeps the other rows first,
// and svyglm evaluates scale(), mean(), poly() on those. R trial 33 (t33-random-48, scale(x) with NA clusters) found vlab
// computing them on every row, as lm_robust does: the intercept 2e-3 off. R (survey 4.1-1), run to get these numbers:
//   d <- data.frame(y = c(1.2, 0.4, 2.2, 1.9, 0.7, 1.1, 2.8, 1.6, 0.3, 2.4, 1.0, 1.7, 2.1, 0.9, 1.5, 2.6),
//     x = c(0.5, 1.5, 3.0, 2.5, 0.2, 1.0, 4.0, 2.0, 0.1, 3.5, 9.0, 8.0, 1.2, 0.8, 2.2, 3.1),
//     z = c(0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 0, 1), cl = c(1, 1, 2, 2, 3, 3, 4, 4, 5, 5, NA, NA, 6, 6, 7, 7),
//     w = c(1, 2, 1, 1.5, 0.5, 1, 2, 1, 1, 1, 1, 1, NA, 1, 2, 1))
//   k <- !is.na(d$cl) & !is.na(d$w)
//   m <- svyglm(y ~ z + scale(x), design = svydesign(ids = ~cl, weights = ~w, data = d[k, ]))
//   print(cbind(coef(m), sqrt(diag(vcov(m)))), digits = 17)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lmRobust } from '../../analysis/index.ts';
import { assertCloseToR } from './support.ts';

const y = [1.2, 0.4, 2.2, 1.9, 0.7, 1.1, 2.8, 1.6, 0.3, 2.4, 1.0, 1.7, 2.1, 0.9, 1.5, 2.6];
const x = [0.5, 1.5, 3.0, 2.5, 0.2, 1.0, 4.0, 2.0, 0.1, 3.5, 9.0, 8.0, 1.2, 0.8, 2.2, 3.1];
const z = [0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 0, 1];
const cl = [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, null, null, 6, 6, 7, 7];
const w = [1, 2, 1, 1.5, 0.5, 1, 2, 1, 1, 1, 1, 1, null, 1, 2, 1];
const rows = y.map((_, i) => ({ y: y[i], x: x[i], z: z[i], cl: cl[i], w: w[i] }));

test('cregg evaluates scale() on the rows with a cluster and a weight, as svyglm on the design R can build', () => {
  const fit = lmRobust({ formula: 'y ~ z + scale(x)', rows, clusters: 'cl', weights: 'w', seType: 'cregg' });
  const want: [string, number, number][] = [
    ['(Intercept)', 1.56025488285793656, 0.13276968049224097],
    ['z', -0.28087643651826444, 0.37640027153073746],
    ['scale(x)', 0.88288892036732569, 0.10986918730501928],
  ];
  assert.deepEqual(fit.estimates.map((row) => row.term), want.map(([term]) => term));
  want.forEach(([term, estimate, se], k) => {
    assertCloseToR(fit.estimates[k].estimate, estimate, `${term} estimate`);
    assertCloseToR(fit.estimates[k].std_error, se, `${term} SE`);
  });
  assert.equal(fit.nobs, 13);
  assert.equal(fit.nDropped, 3);
});

test('estimatr\'s types keep evaluating scale() on every row, as lm_robust\'s model frame does', () => {
  const all = lmRobust({ formula: 'y ~ z + scale(x)', rows, clusters: 'cl', weights: 'w', seType: 'CR0' });
  const kept = lmRobust({ formula: 'y ~ z + scale(x)', rows: rows.filter((row) => row.cl !== null && row.w !== null), clusters: 'cl', weights: 'w', seType: 'CR0' });
  assert.notEqual(all.estimates[2].estimate, kept.estimates[2].estimate);
});

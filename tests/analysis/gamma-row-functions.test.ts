// gamma(), lgamma(), factorial() and rowSums()/rowMeans() of cbind() in a formula, which R computes and vlab refused until
// 2026-12-05 ('unknown function "lgamma"', R trial 24), and from:to inside a call, still refused in words. Expected
// values: R 4.2.2, printed by tests/analysis/r/gamma-row-functions.R (lgamma, gamma, factorial to 17 digits; the model
// matrices of analystTable, design-support.ts, x NA in row 7).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lmRobust } from '../../analysis/index.ts';
import { gammaR, lgammaR } from '../../analysis/helpers/gamma-function.ts';
import { analystTable, modelDesign } from './design-support.ts';
import { assertCloseToR } from './support.ts';

/** Relative difference, exact equality where R gives 0. */
const relative = (got: number, want: number): number => (want === 0 ? Math.abs(got) : Math.abs(got - want) / Math.abs(want));

const LGAMMA_X = [1e-8, 0.1, 0.5, 0.9, 0.999, 1.001, 1.1, 1.3, 1.5, 1.7, 1.9, 1.999, 2.001, 2.1, 2.4, 2.6, 3.7, 9.99, 10.5, 55.5, 10000.3, -0.5, -2.3, -11.5, 1, 2, 3];
const LGAMMA_R = [
  18.420680738180209, 2.252712651734206, 0.57236494292470008, 0.066376239734742881, 0.00057803853289135085, -0.00057639359828326171,
  -0.049872441259839737, -0.10817480950786047, -0.12078223763524518, -0.095807697407065878, -0.038984275923083345, -0.00042246180069208962,
  0.00042310673480008506, 0.045437738544485129, 0.21685932244884162, 0.3574118635489798, 1.4280723266653881, 12.779315214350193,
  13.940625219403763, 166.32150615984037, 82102.480588053892, 1.2655121234846454, 0.36956666345500783, -17.589617626087044, 0, 0, 0.69314718055994529,
];
// Within 0.001 of 1 and 2 R's lgamma is log(gammafn(x)) with gammafn ≈ 1 good to ~1e-16, so R is good only to ~1e-13
// relative there. There vlab is held to the exact values instead, 40 digits from mpmath 1.3.0:
// python3 -c "import mpmath; mpmath.mp.dps=40; [print(mpmath.loggamma(mpmath.mpf(x))) for x in (0.999, 1.001, 1.999, 2.001)]"
const NEAR_ONE_TWO: [number, number][] = [
  [0.999, 0.00057803853289138023817], [1.001, -0.00057639359828330615152], [1.999, -0.00042246180069210728418], [2.001, 0.00042310673480011699119],
];

test('lgamma(x) equals R to 1e-14 relative, near 1 and 2 too (the Lanczos logGamma was off by up to 4e-12 there)', () => {
  LGAMMA_X.forEach((x, i) => {
    const tolerance = NEAR_ONE_TWO.some(([near]) => near === x) ? 2e-13 : 1e-14;
    assert.ok(relative(lgammaR(x), LGAMMA_R[i]) <= tolerance, `lgamma(${x}) = ${lgammaR(x)}, R ${LGAMMA_R[i]}`);
  });
  for (const [x, exact] of NEAR_ONE_TWO) assert.ok(relative(lgammaR(x), exact) <= 2e-16, `lgamma(${x}) = ${lgammaR(x)}, exact ${exact}`);
  assert.deepEqual([lgammaR(0), lgammaR(-3), lgammaR(1), lgammaR(2)], [Infinity, Infinity, 0, 0]);
});

test('gamma(x) and factorial(x) equal R to 1e-14 relative; NaN at 0 and the negative integers, Inf past 171.6', () => {
  const x = [1e-8, 0.1, 0.5, 1.1, 1.9, 2.1, 5, 4.5, 9.7, 10, 10.5, 20, 25.3, 50, 100.5, -0.5, -2.3, -11.5, 170.5];
  const r = [
    99999999.422784343, 9.5135076986687306, 1.7724538509055161, 0.95135076986687317, 0.9617658319073874, 1.0464858468535605, 24, 11.63172839656745,
    185550.9359723065, 362880, 1133278.3889487833, 1.21645100408832e17, 1.6227771176708832e24, 6.0828186403426752e62, 9.3209631040822452e156,
    -3.5449077018110322, -1.4471073942559178, 2.2957581048240986e-8, 5.5620924145600654e305,
  ];
  x.forEach((v, i) => assert.ok(relative(gammaR(v), r[i]) <= 1e-14, `gamma(${v}) = ${gammaR(v)}, R ${r[i]}`));
  // factorial(x) is gamma(x + 1) in R; 20! and 25! as R's products.
  const f = [1, 1, 6, 11.63172839656745, 2.43290200817664e18, 1.5511210043330986e25, 0.88622692545275805, 6.0828186403426752e62];
  [0, 1, 3, 3.5, 20, 25, 0.5, 49].forEach((v, i) => assert.ok(relative(gammaR(v + 1), f[i]) <= 1e-14, `factorial(${v})`));
  assert.deepEqual([gammaR(0), gammaR(-2), gammaR(172), gammaR(-1 + 1)], [NaN, NaN, Infinity, NaN]);
});

/** The design's rows and columns (intercept left out) equal R's to its printed digits. */
const matchesR = (formula: string, rows: number[], columns: number[][]): void => {
  const design = modelDesign(analystTable, formula);
  assert.deepEqual(design.rows, rows, formula);
  assert.equal(design.columns.length, columns.length, formula);
  columns.forEach((want, j) => want.forEach((v, i) => assertCloseToR(design.columns[j][i], v, `${formula}: column ${j + 1}, row ${rows[i]}`)));
};
const all = [1, 2, 3, 4, 5, 6, 7, 8];

test('gamma(), lgamma() and factorial() in a formula as R', () => {
  matchesR('y ~ lgamma(age) + gamma(z)', all, [
    [48.4711813518352, 95.7196945421432, 110.3206397147574, 176.3958484069973, 192.7390472878449, 36.3954452080331, 71.257038967168, 125.3172711493569],
    [-0.945308720482942, 1.772453850905516, 0.886226925452758, 1.329340388179137, -3.544907701811032, 3.323350970447843, 2.363271801207355, 11.63172839656745],
  ]);
  matchesR('y ~ factorial(k) + I(lgamma(x + 1))', [1, 2, 3, 4, 5, 6, 8], [
    [1, 2, 3628800, 1, 2, 3628800, 2],
    [-0.0982718364218132, 0.2846828704729192, 1.2009736023470743, 1.3753743124185804, 4.3667160366222868, 4.7874917427820458, 1.9724210403866731],
  ]);
});

test('rowSums() and rowMeans() of cbind(), with na.rm, as R; of one vector or of text R stops and so does vlab', () => {
  matchesR('y ~ rowMeans(cbind(x, z))', [1, 2, 3, 4, 5, 6, 8], [[-1.125, 1, 2, 0.575, 2.125, 4.25, 3.820795]]);
  matchesR('y ~ rowMeans(cbind(x, z, 1), na.rm = TRUE)', all, [
    [-0.416666666666667, 1, 1.666666666666667, 0.716666666666667, 1.75, 3.166666666666667, -0.25, 2.88053],
  ]);
  matchesR('y ~ rowSums(cbind(x, z, a == "u"), na.rm = TRUE)', all, [[-1.25, 2, 5, 1.15, 5.25, 8.5, -0.5, 8.64159]]);
  matchesR('y ~ rowSums(cbind(x, age)) * a', [1, 2, 3, 4, 5, 6, 8], [
    [23.25, 38.5, 43.5, 56.65, 66.75, 24, 48.14159], [0, 1, 0, 1, 0, 1, 0], [0, 38.5, 0, 56.65, 0, 24, 0],
  ]);
  // R: 'x' must be numeric / 'x' must be an array of at least two dimensions
  assert.throws(() => lmRobust({ formula: 'y ~ rowSums(cbind(b, k))', rows: analystTable }), /'x' must be numeric \(as R says\)/);
  assert.throws(() => lmRobust({ formula: 'y ~ rowMeans(x)', rows: analystTable }), /'x' must be an array of at least two dimensions \(as R says\): write rowMeans\(cbind\(x, …\)\)/);
});

test('rowSums()/rowMeans() of cbind() with a factor use its level codes, as R\'s cbind', () => {
  // factor(a): u = 1, v = 2; relevel(factor(b), ref = "r"): r = 1, p = 2, q = 3 (R's codes, not the labels' order).
  matchesR('y ~ rowSums(cbind(factor(a), x))', [1, 2, 3, 4, 5, 6, 8], [[1.25, 3.5, 3.5, 0.65, 5.75, 7, 4.14159]]);
  matchesR('y ~ rowMeans(cbind(relevel(factor(b), ref = "r"), k))', all, [[1.5, 2, 6.5, 2, 1.5, 5.5, 1.5, 2.5]]);
});

test('cbind() as a predictor, a matrix term in R, is refused for what it is, not as several outcomes', () => {
  // R: lm and lm_robust(y ~ cbind(x, z) + a) name its columns "cbind(x, z)x", "cbind(x, z)z"; vlab said "several
  // outcomes in one formula are not supported" until 2026-12-05 (R trial 25).
  assert.throws(() => lmRobust({ formula: 'y ~ cbind(x, z) + a', rows: analystTable }), {
    message: 'lmRobust: cbind(x, z) as a predictor is a matrix term in R (coefficients "cbind(x, z)x", "cbind(x, z)z"), which vlab does not fit: write its columns as terms of their own, x + z, or rowSums(cbind(x, z)) for their sum',
  });
  assert.throws(() => lmRobust({ formula: 'y ~ cbind(k, w = z^2)', rows: analystTable }), /coefficients "cbind\(k, w = z\^2\)k", "cbind\(k, w = z\^2\)w"\), which vlab does not fit: write its columns as terms of their own, k \+ z\^2,/);
  assert.throws(() => lmRobust({ formula: 'y ~ a + I(cbind(x, 2 * z))', rows: analystTable }), /lmRobust: cbind\(x, 2 \* z\) inside a predictor is a matrix in R, which vlab does not fit/);
  // On the left it stays estimatr's several outcomes.
  assert.throws(() => lmRobust({ formula: 'cbind(y, x) ~ z', rows: analystTable }), /several outcomes in one formula are not supported/);
});

test('from:to inside a call stays refused in words: a fixed-length sequence, not one value per row', () => {
  // R fits I(1:8) here only because the data have 8 rows; with 7 it stops ("variable lengths differ").
  assert.throws(() => lmRobust({ formula: 'y ~ I(1:8)', rows: analystTable }), /from:to inside a call is a sequence of fixed length, not one value per row.*seq_along\(x\)/);
});

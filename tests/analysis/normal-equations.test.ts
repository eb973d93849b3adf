// The normal-equations path of lmRobust (Cholesky of the equilibrated X'X, helpers/normal-equations.ts) against the
// pivoted QR on the same data, and the designs that must not take it (ill-conditioned, rank-deficient) against R.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lmRobust, type LmRobustOptions, type LmRobustResult, type Row, type SeType } from '../../analysis/index.ts';
import { seededRandom } from '../../support/seeded-random.ts';
import { assertMatchesR, referenceRows, referenceText } from './support.ts';

/** A factorial design (3 × 4 × 2 levels) with an income covariate around 50,000, a tiny-scale one and weights. */
function factorialRows(n: number): Row[] {
  const random = seededRandom(7);
  return Array.from({ length: n }, () => {
    const f1 = Math.floor(random() * 3);
    const f2 = Math.floor(random() * 4);
    const f3 = Math.floor(random() * 2);
    const income = 50_000 + 15_000 * (random() - 0.5) * 2;
    const tiny = 1e-4 * random();
    const y = 1 + 0.3 * f1 - 0.2 * (f2 === 3 ? 1 : 0) + 0.1 * f3 + 2e-5 * income + 500 * tiny + (random() - 0.5) * (1 + f1);
    return { f1: `a${f1}`, f2: `b${f2}`, f3: `c${f3}`, income, tiny, w: 0.2 + 2 * random(), y };
  });
}

/** Fits with the default solver and with the QR; the default must have taken the normal equations. */
function bothSolvers(options: LmRobustOptions): { fast: LmRobustResult; qr: LmRobustResult } {
  const fast = lmRobust(options);
  const qr = lmRobust({ ...options, solver: 'qr' });
  assert.equal(fast.solver, 'cholesky', `${options.formula}: normal equations expected`);
  assert.equal(qr.solver, 'qr');
  return { fast, qr };
}

/** Estimates within 1e-10 standard errors, standard errors, CIs and vcov within 1e-10 relative, df equal. */
function assertSameFit(fast: LmRobustResult, qr: LmRobustResult, what: string): void {
  assert.deepEqual(fast.estimates.map((row) => row.term), qr.estimates.map((row) => row.term), what);
  assert.equal(fast.rank, qr.rank, what);
  fast.estimates.forEach((row, k) => {
    const other = qr.estimates[k];
    const se = other.std_error as number;
    const near = (a: number | null, b: number | null, scale: number, column: string) =>
      assert.ok(Math.abs((a as number) - (b as number)) <= 1e-10 * scale, `${what}: ${row.term} ${column} ${a} vs ${b}`);
    near(row.estimate, other.estimate, se, 'estimate');
    near(row.std_error, se, se, 'std_error');
    near(row.conf_low, other.conf_low, se, 'conf_low');
    near(row.conf_high, other.conf_high, se, 'conf_high');
    near(row.statistic, other.statistic, Math.max(1, Math.abs(other.statistic as number)), 'statistic');
    assert.equal(row.df, other.df, `${what}: ${row.term} df`);
  });
  const v = qr.vcov.matrix;
  fast.vcov.matrix.forEach((line, i) =>
    line.forEach((value, j) =>
      assert.ok(Math.abs(value - v[i][j]) <= 1e-10 * Math.sqrt(v[i][i] * v[j][j]), `${what}: vcov[${i}][${j}] ${value} vs ${v[i][j]}`),
    ),
  );
}

const rows = factorialRows(5_000);

for (const seType of ['classical', 'HC0', 'HC1', 'HC2', 'HC3'] as const satisfies readonly SeType[]) {
  test(`normal equations equal the QR (${seType}): factorial design with a covariate around 50,000 and one of scale 1e-4`, () => {
    const { fast, qr } = bothSolvers({ formula: 'y ~ f1 + f2 + f3 + income + tiny', rows, seType });
    assertSameFit(fast, qr, seType);
  });
}

test('normal equations equal the QR: interactions, factor by numeric, and weights', () => {
  for (const seType of ['HC2', 'HC3'] as const) {
    const { fast, qr } = bothSolvers({ formula: 'y ~ f1 * f2 + f3:income', rows, seType });
    assertSameFit(fast, qr, `interactions ${seType}`);
  }
  const weighted = bothSolvers({ formula: 'y ~ f1 + f2 * f3 + income', rows, weights: 'w', seType: 'HC2' });
  assertSameFit(weighted.fast, weighted.qr, 'weighted');
});

test('normal equations equal the QR without an intercept (the first factor fully coded)', () => {
  const { fast, qr } = bothSolvers({ formula: 'y ~ 0 + f2 + f1 + income', rows, seType: 'HC2' });
  assert.equal(fast.estimates[0].term, 'f2b0');
  assertSameFit(fast, qr, 'no intercept');
});

test('a small data set takes the normal equations too (the QR without its blocked reduction)', () => {
  const { fast, qr } = bothSolvers({ formula: 'y ~ f1 + f3 + income', rows: rows.slice(0, 60), seType: 'HC2' });
  assertSameFit(fast, qr, 'n = 60');
});

test('every reference case without clusters runs on the normal equations', () => {
  // So tests/reference checks the normal-equations path against estimatr, not only the QR.
  const manifest = JSON.parse(referenceText('manifest.json')) as
    | { cases: Record<string, unknown>[] }
    | Record<string, unknown>[];
  const cases = (Array.isArray(manifest) ? manifest : manifest.cases).filter((c) => c.kind === 'lm_robust' && !c.clusters);
  assert.ok(cases.length >= 8, `only ${cases.length} unclustered cases`);
  for (const c of cases) {
    const fit = lmRobust({
      formula: c.formula as string,
      rows: referenceRows(c.data as string),
      levels: c.levels as Record<string, string[]> | undefined,
      weights: c.weights as string | undefined,
      seType: c.se_type as SeType | undefined,
    });
    assert.equal(fit.solver, 'cholesky', c.id as string);
  }
});

/**
 * Exact dyadic data, the same bits in R: i <- 0:399; a <- c('a1','a2','a3')[i %% 3 + 1];
 * b <- c('b1','b2')[(i %/% 3) %% 2 + 1]; u <- ((i * 37) %% 101) / 8;
 * y <- 2 + 0.5 * (a == 'a2') - 0.25 * (b == 'b2') + 0.125 * u + (((i * 61) %% 29) - 14) / 16.
 */
function dyadicRows(offset: number): Row[] {
  return Array.from({ length: 400 }, (_, i) => {
    const a = ['a1', 'a2', 'a3'][i % 3];
    const b = ['b1', 'b2'][Math.floor(i / 3) % 2];
    const u = ((i * 37) % 101) / 8;
    const y = 2 + (a === 'a2' ? 0.5 : 0) - (b === 'b2' ? 0.25 : 0) + 0.125 * u + (((i * 61) % 29) - 14) / 16;
    return { a, b, u, x: offset + u, w: a === 'a2' ? 2 : 0, y };
  });
}

test('a covariate far from zero next to the intercept (x = 10⁴ + u) goes to the QR and matches estimatr', () => {
  // κ(X D) ≈ 3·10³: over the normal equations' bound. (At x = 10⁶ + u, κ ≈ 3·10⁵ and κ²ε ≈ 2e-5: there even
  // estimatr's SE of x differs from the centred fit's by 1.6e-5, and no QR matches it to 1e-6.)
  const rowsFar = dyadicRows(1e4);
  const hc2 = lmRobust({ formula: 'y ~ a + b + x', rows: rowsFar });
  assert.equal(hc2.solver, 'qr');
  // R: d$x <- 1e4 + u; tidy(lm_robust(y ~ a + b + x, data = d))
  assertMatchesR(hc2.estimates, [
    ['(Intercept)', -1217.1621691088258, 72.277129905134515, -16.840211706059449, 2.3791504717047253e-48, -1359.2581294964903, -1075.0662087211613, 395],
    ['aa2', 0.49950444697237029, 0.064601019851145511, 7.7321449123146158, 8.8722596225787414e-14, 0.3724996258094454, 0.62650926813529517, 395],
    ['aa3', -0.0038661289904765388, 0.064585327946444587, -0.059860793672556846, 0.9522967794807502, -0.13084010005916394, 0.12310784207821086, 395],
    ['bb2', -0.25503794992073436, 0.052738135263414136, -4.8359303689233979, 1.9020861770715507e-06, -0.35872048392762257, -0.15135541591384613, 395],
    ['x', 0.12191811341181347, 0.0072230216520064432, 16.879101196927259, 1.6227675995789116e-48, 0.1077177404876274, 0.13611848633599952, 395],
  ], 'x = 1e4 + u, HC2');
  const hc1 = lmRobust({ formula: 'y ~ a + b + x', rows: rowsFar, seType: 'HC1' });
  assert.equal(hc1.solver, 'qr');
  // R: tidy(lm_robust(y ~ a + b + x, data = d, se_type = 'HC1'))
  assertMatchesR(hc1.estimates, [
    ['(Intercept)', -1217.1621691088258, 72.205836921974949, -16.856839017378629, 2.0201549205839471e-48, -1359.1179683566629, -1075.2063698609886, 395],
    ['aa2', 0.49950444697237029, 0.064601161977445115, 7.732127901147777, 8.8732896139566408e-14, 0.3724993463908649, 0.62650954755387567, 395],
    ['aa3', -0.0038661289904765388, 0.064584811126864677, -0.059861272689677107, 0.95229639820766576, -0.1308390839981409, 0.12310682601718782, 395],
    ['bb2', -0.25503794992073436, 0.052738165054681353, -4.8359276371542181, 1.9021108384096919e-06, -0.35872054249689245, -0.15135535734457628, 395],
    ['x', 0.12191811341181347, 0.0072158973851116507, 16.895765960220491, 1.3773157460151342e-48, 0.1077317467098972, 0.13610448011372975, 395],
  ], 'x = 1e4 + u, HC1');
  // The same design centred is well conditioned and takes the normal equations; slope and SEs are unchanged.
  const centred = lmRobust({ formula: 'y ~ a + b + u', rows: rowsFar });
  assert.equal(centred.solver, 'cholesky');
  assert.ok(Math.abs((centred.estimates[4].std_error as number) / (hc2.estimates[4].std_error as number) - 1) < 1e-6);
});

test('a rank-deficient design goes to the QR and reports the aliased term as estimatr does', () => {
  const fit = lmRobust({ formula: 'y ~ a + b + w + u', rows: dyadicRows(0) });
  assert.equal(fit.solver, 'qr');
  assert.equal(fit.rank, 5);
  // R: d$w <- 2 * (d$a == 'a2'); tidy(lm_robust(y ~ a + b + w + u, data = d))  # aa2 aliased
  assertMatchesR(fit.estimates, [
    ['(Intercept)', 2.0189650093086113, 0.070704521472055651, 28.554963208492417, 4.355939005929678e-98, 1.8799607780184551, 2.1579692405987676, 395],
    ['aa2', null, null, null, null, null, null, null],
    ['aa3', -0.0038661289904459162, 0.064585327946336202, -0.059860793672183159, 0.95229677948104774, -0.13084010005892024, 0.12310784207802841, 395],
    ['bb2', -0.25503794992071721, 0.052738135263372538, -4.8359303689268867, 1.9020861770400627e-06, -0.35872048392752365, -0.15135541591391077, 395],
    ['w', 0.2497522234862003, 0.032300509925541294, 7.7321449123226165, 8.8722596220943392e-14, 0.18624981290479969, 0.3132546340676009, 395],
    ['u', 0.12191811341181247, 0.007223021672133398, 16.879101149893494, 1.6227683506286106e-48, 0.10771774044805706, 0.13611848637556787, 395],
  ], 'rank-deficient');
});

test('an all-zero column goes to the QR and is aliased; the rest equals the fit without it', () => {
  const withZero = dyadicRows(0).map((row) => ({ ...row, zero: 0 }));
  const fit = lmRobust({ formula: 'y ~ a + zero + u', rows: withZero });
  assert.equal(fit.solver, 'qr');
  assert.equal(fit.estimates[3].estimate, null);
  const reduced = lmRobust({ formula: 'y ~ a + u', rows: withZero });
  assert.equal(reduced.solver, 'cholesky');
  fit.estimates.filter((row) => row.estimate !== null).forEach((row, k) => {
    const other = reduced.estimates[k];
    assert.equal(row.term, other.term);
    assert.ok(Math.abs((row.estimate as number) - (other.estimate as number)) <= 1e-10 * (other.std_error as number), row.term);
    assert.ok(Math.abs((row.std_error as number) / (other.std_error as number) - 1) <= 1e-10, row.term);
  });
});

test('HC2 with a one-row factor level (leverage 1) goes to the QR and matches estimatr', () => {
  // carb 6 and 8 have one car each: h = 1 and 1 − h is rounding noise, where the normal equations gave NaN.
  const rows = referenceRows('mtcars.csv');
  const levels = { carb: ['1', '2', '3', '4', '6', '8'] };
  const fit = lmRobust({ formula: 'mpg ~ carb + wt', rows, levels });
  assert.equal(fit.solver, 'qr');
  // R: m <- mtcars; m$carb <- factor(m$carb); tidy(lm_robust(mpg ~ carb + wt, data = m))
  assertMatchesR(fit.estimates, [
    ['(Intercept)', 36.83362820796448, 2.549745006630749, 14.446004644455288, 1.2235090554615793e-13, 31.582330067118242, 42.084926348810718, 25],
    ['carb2', -1.22247182033826096, 1.71412462309136271, -0.71317557887569261, 0.48234181817954369, -4.75277756581863819, 2.30783392514211583, 25],
    ['carb3', -2.72062567330009442, 1.80756579402752382, -1.50513230682360843, 0.14482090375844051, -6.44337711273790603, 1.0021257661377172, 25],
    ['carb4', -3.058033368948680053, 1.66268541068032194, -1.839213449101849474, 0.077790514641776609, -6.482398073345253309, 0.366331335447892759, 25],
    ['carb6', -4.3507222439695692, 1.5151911171606771, -2.8714016302592942, 0.0082058378455464077, -7.4713167645513225, -1.2301277233878158, 25],
    ['carb8', -5.3589082471479381, 1.572942223231832, -3.4069326692351765, 0.0022280016050945425, -8.5984433971473795, -2.1193730971484963, 25],
    ['wt', -4.6147674960270431, 0.69836187039938735, -6.6079889118057027, 6.3554662665469277e-7, -6.0530706918874833, -3.1764643001666029, 25],
  ], 'one-row levels');
  // HC0 does not weigh by the leverage, but since R trial 40 it looks at it: a row of leverage 1 may alone decide a
  // coefficient (none here), which the QR path tells (leverage-one-coefficient.test.ts). Its numbers are the same.
  const hc0 = lmRobust({ formula: 'mpg ~ carb + wt', rows, levels, seType: 'HC0' });
  assert.equal(hc0.solver, 'qr');
  const cholesky = lmRobust({ formula: 'mpg ~ carb + wt', rows: rows.filter((row) => row.carb !== 6 && row.carb !== 8), seType: 'HC0' });
  assert.equal(cholesky.solver, 'cholesky');
  assert.ok(hc0.estimates.every((row) => row.std_error !== null && Number.isFinite(row.std_error)), 'every HC0 SE a number');
});

test('an unknown solver is an error that lists the valid ones', () => {
  assert.throws(() => lmRobust({ formula: 'y ~ a', rows: dyadicRows(0), solver: 'lu' as 'qr' }), {
    message: 'lmRobust: unknown solver "lu" (valid: auto, qr)',
  });
});

// lmRobust's fixedEffects (estimatr's fixed_effects = ~ g), `vlab fit --fixed-effects` (the sixteenth R trial): refused
// before ("unknown option"). estimatr absorbs the factors; the other terms get the estimates, SEs and df of
// `+ factor(g)` in the formula (checked on 2026-12-04 for classical, HC0–HC3, CR0, stata and CR2, with weights, two
// fixed effects, fixed effects nested in or equal to the clusters, a level of one row: to 7e-12, df identical). The
// differential suite's fixed-effects-16 class holds more against R; here the mtcars cases (R 4.2.2, estimatr 1.0.0):
//   d <- read.csv("tests/reference/cases/mtcars.csv")
//   tidy(lm_robust(mpg ~ hp + wt, d, fixed_effects = ~ cyl))
//     hp -0.023119809154454669 SE 0.010625922467137254 df 27; wt -3.1814040466796154 SE 0.71678035152714792
//   tidy(lm_robust(mpg ~ hp + wt, d, fixed_effects = ~ cyl + am, clusters = gear, se_type = "CR2"))
//     hp -0.032109429990817784 SE 0.0096497458834467476 df 1.5728730347175135; wt -2.4968294203540049 SE 1.6386628790719429 df 1.1811482550014525
//   tidy(lm_robust(mpg ~ hp + wt + vs, d, fixed_effects = ~ carb, weights = qsec, se_type = "HC3"))
//     hp -0.031964209890310402 SE 0.011758599221593027 df 23; wt -3.5827510867705614 SE 0.81909771123530084; vs 0.7055690737532806 SE 1.4870725716294491
//   lm_robust(mpg ~ hp, d, fixed_effects = ~ cyl, clusters = gear, weights = qsec)
//     Error: Cannot use `fixed_effects` with weighted CR2 estimation at the moment. Try setting `se_type` = "stata"
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { lmRobust } from '../../analysis/index.ts';
import { readDataTable } from '../../server/cli/commands/analysis-io.ts';
import { join } from 'node:path';
import { assertEstimateSeDfAsR, referenceFolder } from './support.ts';

const referencePath = (file: string): string => join(referenceFolder, file);

const mtcars = readDataTable(referencePath('mtcars.csv'));

test('fixedEffects equals estimatr fixed_effects: HC2, two fixed effects under CR2, weighted HC3', () => {
  assertEstimateSeDfAsR(lmRobust({ formula: 'mpg ~ hp + wt', rows: mtcars, fixedEffects: '~ cyl' }).estimates, [
    ['hp', -0.023119809154454669, 0.010625922467137254, 27],
    ['wt', -3.1814040466796154, 0.71678035152714792, 27],
  ]);
  assertEstimateSeDfAsR(lmRobust({ formula: 'mpg ~ hp + wt', rows: mtcars, fixedEffects: '~ cyl + am', clusters: 'gear', seType: 'CR2' }).estimates, [
    ['hp', -0.032109429990817784, 0.0096497458834467476, 1.5728730347175135],
    ['wt', -2.4968294203540049, 1.6386628790719429, 1.1811482550014525],
  ]);
  const weighted = lmRobust({ formula: 'mpg ~ hp + wt + vs', rows: mtcars, fixedEffects: '~ carb', weights: 'qsec', seType: 'HC3' });
  assertEstimateSeDfAsR(weighted.estimates, [
    ['hp', -0.031964209890310402, 0.011758599221593027, 23],
    ['wt', -3.5827510867705614, 0.81909771123530084, 23],
    ['vs', 0.7055690737532806, 1.4870725716294491, 23],
  ]);
  assert.deepEqual(weighted.vcov.terms, ['hp', 'wt', 'vs'], 'the variance of the printed terms only');
});

test('fixedEffects: what estimatr refuses is refused, a column it does not know is named', () => {
  assert.throws(() => lmRobust({ formula: 'mpg ~ hp', rows: mtcars, fixedEffects: '~ cyl', clusters: 'gear', weights: 'qsec' }),
    /lmRobust: cannot use fixedEffects with weighted CR2 estimation \(estimatr: "Cannot use `fixed_effects` with weighted CR2 estimation at the moment"\)/);
  assert.throws(() => lmRobust({ formula: 'mpg ~ hp', rows: mtcars, fixedEffects: '~ cyll' }), /fixedEffects references unknown column "cyll" \(did you mean "cyl"\?\)/);
  assert.throws(() => lmRobust({ formula: 'mpg ~ hp', rows: mtcars, fixedEffects: 'cyl' }), /fixedEffects "cyl" must be a one-sided formula such as "~ g"/);
  // A term of several columns: estimatr stops ("variable lengths differ (found for '(fixed_effects)')").
  assert.throws(() => lmRobust({ formula: 'mpg ~ hp', rows: mtcars, fixedEffects: '~ poly(wt, 2)' }), /fixedEffects "~ poly\(wt, 2\)": poly\(wt, 2\) gives 2 columns/);
  assert.throws(() => lmRobust({ formula: 'mpg ~ hp', rows: mtcars, fixedEffects: '~ log(2)' }), /log\(2\) is a constant, not a grouping of the rows/);
  assert.throws(() => lmRobust({ formula: 'mpg ~ hp', rows: mtcars, fixedEffects: '~ cyl +' }), /is not a formula R reads/);
  // estimatr 1.0.0 stops on y ~ 1 with fixed effects ("length of 'dimnames' [2] not equal to array extent").
  assert.throws(() => lmRobust({ formula: 'mpg ~ 1', rows: mtcars, fixedEffects: '~ cyl' }), /no term is left besides the fixed effects/);
});

// estimatr absorbs a transformed term's values as a factor's levels (R trial 18; refused as "not a column name" before):
//   tidy(lm_robust(mpg ~ hp, mtcars, fixed_effects = ~ log(cyl)))   # hp -0.024038833651159001 SE 0.015038176516637816, as ~ cyl
//   tidy(lm_robust(mpg ~ hp, mtcars, fixed_effects = ~ round(wt)))  # hp -0.030362874553575767 SE 0.010113840490255002 df 27
test('fixedEffects "~ log(cyl)" absorbs the groups of cyl and "~ round(wt)" those of the rounded weights, as estimatr', () => {
  const fitted = (fixedEffects: string) => lmRobust({ formula: 'mpg ~ hp', rows: mtcars, fixedEffects }).estimates;
  assert.deepEqual(fitted('~ log(cyl)'), fitted('~ cyl'));
  assertEstimateSeDfAsR(fitted('~ log(cyl)'), [['hp', -0.024038833651159001, 0.015038176516637816, 28]]);
  assertEstimateSeDfAsR(fitted('~ round(wt)'), [['hp', -0.030362874553575767, 0.010113840490255002, 27]]);
});

// estimatr takes the fixed-effects formula's variables, each once (R trial 17; refused before as "not a column name"):
//   tidy(lm_robust(mpg ~ hp, d, fixed_effects = ~ cyl:am))   # and ~ cyl * am, ~ cyl + am: the same
//     hp -0.044243942664473873 SE 0.012264519898727835 df 27
test('fixedEffects "~ cyl:am", "~ cyl * am" and "~ factor(cyl) + am" absorb cyl and am each, as estimatr; a join warns', () => {
  for (const fixedEffects of ['~ cyl:am', '~ cyl * am', '~ factor(cyl) + am', '~ cyl + am + cyl']) {
    const fit = lmRobust({ formula: 'mpg ~ hp', rows: mtcars, fixedEffects });
    assertEstimateSeDfAsR(fit.estimates, [['hp', -0.044243942664473873, 0.012264519898727835, 27]]);
    const joined = /[:*]/.test(fixedEffects);
    assert.equal(fit.warnings.some((w) => w.includes('absorbs cyl and am each')), joined, `${fixedEffects}: a warning only where : or * joins them`);
  }
});

// Without an intercept a factor term is coded by one indicator per level, and estimatr leaves out the level its
// pivoted QR picks (R 4.2.2, estimatr 1.0.0, d as above):
//   tidy(lm_robust(mpg ~ 0 + factor(cyl), d, fixed_effects = ~ gear))
//     factor(cyl)4 10.5422101449275374 SE 1.9194120217473514; factor(cyl)6 3.8862318840579704 SE 1.4460239708123430; factor(cyl)8 NA
//   tidy(lm_robust(mpg ~ 0 + wt, d, fixed_effects = ~ gear))
//     wt -4.9090441235452387 SE 0.79973765758714066 df 28
// lmRobust gave cyl6 -6.656 and cyl8 -10.54 (the contrasts against cyl4): the same model, not estimatr's numbers.
// Refused in words; a term of numbers only is the same fit with or without the intercept, and equals R.
test('fixedEffects without an intercept: a factor term refused (estimatr leaves out the level its QR picks), a numeric one equals R', () => {
  assert.throws(
    () => lmRobust({ formula: 'mpg ~ 0 + factor(cyl)', rows: mtcars, fixedEffects: '~ gear' }),
    /without an intercept \("mpg ~ 0 \+ factor\(cyl\)"\) and a term coded by its levels \(factor\(cyl\)6\).*write the formula with its intercept/,
  );
  assert.throws(() => lmRobust({ formula: 'mpg ~ hp + factor(cyl) - 1', rows: mtcars, fixedEffects: '~ gear' }), /term coded by its levels/);
  for (const formula of ['mpg ~ 0 + wt', 'mpg ~ wt - 1']) {
    assertEstimateSeDfAsR(lmRobust({ formula, rows: mtcars, fixedEffects: '~ gear' }).estimates, [['wt', -4.9090441235452387, 0.79973765758714066, 28]]);
  }
});

test('a fixed effect of one group is the intercept alone, and refused beside others, as estimatr', () => {
  // R: d$one <- "k"; tidy(lm_robust(mpg ~ hp + wt, d, fixed_effects = ~ one)) is lm_robust(mpg ~ hp + wt, d) without
  // its intercept row (hp -0.03177295, SE 0.007825029, df 29); fixed_effects = ~ one + cyl stops: "Can't have a fixed
  // effect with only one group AND multiple fixed effect variables". Refused by vlab as a one-level factor before.
  const rows = readDataTable(referencePath('mtcars.csv'));
  const one = { length: rows.length, names: [...rows.names, 'one'], column: (name: string) => (name === 'one' ? { type: 'character' as const, codes: new Int32Array(rows.length), labels: ['k'] } : rows.column(name)) };
  const plain = lmRobust({ formula: 'mpg ~ hp + wt', rows }).estimates;
  assert.deepEqual(lmRobust({ formula: 'mpg ~ hp + wt', rows: one, fixedEffects: '~ one' }).estimates, plain.slice(1));
  assert.throws(() => lmRobust({ formula: 'mpg ~ hp + wt', rows: one, fixedEffects: '~ one + cyl' }), /fixedEffects column "one" has one value on every row: estimatr refuses/);
});

test('vlab fit --fixed-effects', () => {
  const run = spawnSync(process.execPath, ['bin/vlab.js', 'fit', '--data', referencePath('mtcars.csv'), '--formula', 'mpg ~ hp + wt', '--fixed-effects', '~ cyl', '--format', 'csv'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.trim().split('\n');
  assert.equal(lines.length, 3, run.stdout);
  assert.match(lines[1], /^hp,-0\.0231198091544/);
});

// A rank-deficient design (path trial seed 18, task research13): estimatr demeans the columns within the fixed
// effects (demean_fes, in the data's row order, weighted) and its pivoted QR of those picks the columns it leaves
// out; lmRobust left out the last of each dependent set after the dummies (lm's rule), another column, and so other
// numbers. Data and R output: tests/reference/r/fixed-effects-rare-cell.R (set.seed(2); R 4.2.2, estimatr 1.0.0):
//   tidy(lm_robust(y ~ a * z + b * z, data = d, fixed_effects = ~ g, se_type = "HC2"))  aa2:zrare and zrare:bb2 NA; also
//   se_type = "classical", weights = w with "HC1", clusters = cl with "stata" (the same two NA)
//   (lm(y ~ factor(g) + a * z + b * z) has aa3:zrare and zrare:bb2 NA)
const RARE_CELL = 'a1 b2 common g4 0.084 1.01 1, a3 b1 common g2 -0.895 0.52 2, a2 b1 common g1 0.079 1.04 3, a2 b1 common g4 1.33 0.81 4, a1 b2 common g1 -0.142 0.73 5, a1 b1 common g1 0.435 1.9 6, a1 b1 common g1 -0.054 1.1 7, a1 b1 common g2 -0.907 1.23 8, a1 b1 common g1 1.304 1.52 1, a2 b2 common g2 1.772 1.78 2, a3 b2 common g1 1.053 1.87 3, a1 b2 common g1 -1.41 1.21 4, a3 b1 common g4 0.996 1.57 5, a2 b2 common g3 -0.696 1.74 6, a2 b2 common g4 0.467 1.51 7, a3 b1 common g1 -1.372 1.01 8, a3 b2 common g2 -2.208 1.84 1, a3 b2 common g1 1.822 1.29 2, a3 b1 common g4 -0.653 1.81 3, a1 b2 common g3 -0.285 0.89 4, a2 b1 common g1 0.613 1.31 5, a1 b1 common g3 0.387 0.82 6, a3 b2 common g1 1.6 0.83 7, a2 b2 rare g3 3.181 1.21 8, a1 b1 common g2 -1.184 1.84 1, a2 b2 common g2 -0.358 0.95 2, a1 b2 common g1 -1.513 1.33 3, a2 b2 common g3 -0.253 1.63 4, a2 b2 rare g1 3.459 1.93 5, a3 b1 common g4 0.008 1.93 6, a1 b2 common g1 -0.843 1 7, a3 b1 common g4 -0.601 1.28 8, a1 b2 common g2 1.074 0.72 1, a1 b2 common g1 0.261 1.04 2, a2 b2 common g3 0.686 1.56 3, a2 b2 common g4 0.25 0.62 4, a2 b1 common g4 0.138 0.88 5, a3 b1 rare g1 2.548 0.58 6, a2 b1 common g4 1.94 1.61 7, a3 b1 common g2 2.009 0.52 8'
  .split(', ')
  .map((row) => row.split(' '))
  .map(([a, b, z, g, y, w, cl]) => ({ a: a!, b: b!, z: z!, g: g!, y: Number(y), w: Number(w), cl: Number(cl) }));

test('fixedEffects in a rank-deficient design: the columns estimatr leaves out are left out (its QR of the demeaned columns)', () => {
  const fit = (seType: 'HC2' | 'classical' | 'HC1' | 'stata', more: { weights?: string; clusters?: string } = {}) => lmRobust({ formula: 'y ~ a * z + b * z', rows: RARE_CELL, fixedEffects: '~ g', seType, ...more }).estimates;
  const aliased = (rows: ReturnType<typeof fit>) => rows.filter((row) => row.estimate === null).map((row) => row.term);
  const kept = (rows: ReturnType<typeof fit>) => rows.filter((row) => row.estimate !== null);
  assert.deepEqual(aliased(fit('HC2')), ['aa2:zrare', 'zrare:bb2']);
  assertEstimateSeDfAsR(kept(fit('HC2')), [
    ['aa2', 0.743201209005023178, 0.37579940490820557, 31],
    ['aa3', 0.322572697518258733, 0.56411995289453154, 31],
    ['zrare', 2.876668688960496656, 0.32930891362921028, 31],
    ['bb2', -0.096217649466530747, 0.38747024157135113, 31],
    ['aa3:zrare', -0.635334435755433802, 0.57028199666389401, 31],
  ], 'HC2');
  assertEstimateSeDfAsR(kept(fit('classical')), [
    ['aa2', 0.743201209005023178, 0.46838863594462449, 31],
    ['aa3', 0.322572697518258733, 0.46307084893863115, 31],
    ['zrare', 2.876668688960496656, 0.86682671893032159, 31],
    ['bb2', -0.096217649466530747, 0.38038829781059952, 31],
    ['aa3:zrare', -0.635334435755433802, 1.44160909937023929, 31],
  ], 'classical');
  // Weighted (the demeaning by weighted means), and clustered (the rows sorted by cluster before the QR).
  const weighted = fit('HC1', { weights: 'w' });
  assert.deepEqual(aliased(weighted), ['aa2:zrare', 'zrare:bb2']);
  assertEstimateSeDfAsR(kept(weighted), [
    ['aa2', 0.96528667292850912, 0.44763735139964439, 31],
    ['aa3', 0.23677135414737582, 0.56166161590150743, 31],
    ['zrare', 2.72759991215633679, 0.39764935496066078, 31],
    ['bb2', -0.13641118079117487, 0.39772869404334665, 31],
    ['aa3:zrare', -0.47554164824783951, 0.58546618723040189, 31],
  ], 'weighted HC1');
  const clustered = fit('stata', { clusters: 'cl' });
  assert.deepEqual(aliased(clustered), ['aa2:zrare', 'zrare:bb2']);
  assertEstimateSeDfAsR(kept(clustered), [
    ['aa2', 0.7432012090050234, 0.38234858725795573, 7],
    ['aa3', 0.322572697518259011, 0.56292055688085918, 7],
    ['zrare', 2.876668688960496212, 0.323994908295826, 7],
    ['bb2', -0.096217649466530636, 0.34793304206150805, 7],
    ['aa3:zrare', -0.635334435755433469, 0.33498918764139984, 7],
  ], 'clustered stata');
});

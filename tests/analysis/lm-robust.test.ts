// Cases the shared reference set does not cover, each checked against R 4.2.2 / estimatr 1.0.0 (the R call is
// beside each expectation).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AnalysisError, lmRobust, type Cell, type Row } from '../../analysis/index.ts';
import { assertMatchesR, referenceRows } from './support.ts';

const ALLIANCE_LEVELS = {
  regime: ['democracy', 'autocracy'],
  capability: ['strong', 'weak'],
  treaty: ['treaty', 'no_treaty'],
};

test('restricted randomization: the empty interaction cell is aliased and reported as NA in formula order', () => {
  const rows = referenceRows('alliance_violators.csv').filter((r) => !(r.regime === 'autocracy' && r.capability === 'weak'));
  const fit = lmRobust({ formula: 'economic_sanctions ~ regime * capability + treaty', rows, levels: ALLIANCE_LEVELS });
  // R: tidy(lm_robust(economic_sanctions ~ regime * capability + treaty, data = vio[!(autocracy & weak), ]))
  assertMatchesR(fit.estimates, [
    ['(Intercept)', 2.719733450130485952, 0.071535165440172285, 38.01953114101773679, 6.2976812584346592e-193, 2.57934805716411475, 2.860118843096857155, 949],
    ['regimeautocracy', 0.342797499404618844, 0.087775875636240952, 3.90537259719553775, 1.0074393884017176e-4, 0.17054025056290395, 0.515054748246333682, 949],
    ['capabilityweak', -0.010494753376358384, 0.088188762342230984, -0.11900329585794354, 9.0529792991792402e-1, -0.18356227870397138, 0.162572771951254608, 949],
    ['treatyno_treaty', -0.124220232134352709, 0.071759011276895615, -1.73107502352597398, 8.3763407278672514e-2, -0.26504491514162781, 0.016604450872922394, 949],
    ['regimeautocracy:capabilityweak', null, null, null, null, null, null, null],
  ], 'restricted');
  assert.equal(fit.rank, 4);
  assert.deepEqual(fit.vcov.terms, ['(Intercept)', 'regimeautocracy', 'capabilityweak', 'treatyno_treaty']);
});

test('collinear columns: the pivot keeps the larger-norm column, as estimatr (Eigen ColPivHouseholderQR) does', () => {
  const rows = referenceRows('mtcars.csv').map((r) => ({ ...r, hp2: 2 * (r.hp as number) }));
  const fit = lmRobust({ formula: 'mpg ~ hp + hp2 + wt', rows });
  // R: mt$hp2 <- 2 * mt$hp; tidy(lm_robust(mpg ~ hp + hp2 + wt, data = mt))
  assertMatchesR(fit.estimates, [
    ['(Intercept)', 37.227270116447222392, 2.0776099435146182515, 17.9183153376091298, 3.1558419823861087e-17, 32.978080675181473680, 41.4764595577129711046, 29],
    ['hp', null, null, null, null, null, null, null],
    ['hp2', -0.015886473491080501, 0.0039125146987575134, -4.0604252544087629, 3.3944206396286633e-4, -0.023888464528259271, -0.0078844824539017304, 29],
    ['wt', -3.877830742404683839, 0.6877654817358377359, -5.6383038192284722, 4.3144032176383213e-6, -5.284469092486498099, -2.4711923923228700239, 29],
  ], 'scaled duplicate');
});

test('dummies that sum to the intercept: one is aliased and the rest equal the fit without it', () => {
  // estimatr misses this collinearity (Eigen's rank threshold) and prints coefficients of ±8.8e12 (estimatr 1.0.0:
  // coef(lm_robust(economic_sanctions ~ regime + public_criticism + ... + threaten_exit, data = d))); we report NA.
  const behaviors = ['public_criticism', 'skip_exercises', 'delay_cooperation', 'evict_troops', 'threaten_exit'];
  const rows = referenceRows('alliance_violators.csv').map((r) => {
    const out: Record<string, Cell> = { ...r };
    for (const b of behaviors) out[b] = r.behavior === b ? 1 : 0;
    return out;
  });
  const full = lmRobust({ formula: `economic_sanctions ~ regime + ${behaviors.join(' + ')}`, rows, levels: ALLIANCE_LEVELS });
  const aliased = full.estimates.filter((row) => row.estimate === null).map((row) => row.term);
  assert.equal(aliased.length, 1);
  assert.equal(full.rank, 6);
  const reduced = lmRobust({
    formula: `economic_sanctions ~ regime + ${behaviors.filter((b) => b !== aliased[0]).join(' + ')}`,
    rows,
    levels: ALLIANCE_LEVELS,
  });
  const kept = full.estimates.filter((row) => row.estimate !== null);
  kept.forEach((row, k) => {
    const other = reduced.estimates[k];
    assert.equal(row.term, other.term);
    assert.ok(Math.abs((row.estimate as number) - (other.estimate as number)) < 1e-9, row.term);
    assert.ok(Math.abs((row.std_error as number) / (other.std_error as number) - 1) < 1e-9, row.term);
  });
});

test('rows with a missing value in a used column are dropped and counted', () => {
  const rows: Row[] = referenceRows('mtcars.csv').map((r, i) => ({
    ...r,
    hp: i === 2 || i === 6 ? 'NA' : r.hp,
    mpg: i === 9 ? null : r.mpg,
    qsec: i === 0 ? '' : r.qsec, // not used by the model: must not drop the row
  }));
  const fit = lmRobust({ formula: 'mpg ~ hp + wt', rows });
  assert.equal(fit.nobs, 29);
  assert.equal(fit.nDropped, 3);
  // R: mna$hp[c(3, 7)] <- NA; mna$mpg[10] <- NA; tidy(lm_robust(mpg ~ hp + wt, data = mna)); nobs = 29
  assertMatchesR(fit.estimates, [
    ['(Intercept)', 37.568438046600590496, 2.0978964572281388890, 17.9076702842799804, 3.8147047859864666e-16, 33.256150119543562482, 41.880725973657618511, 26],
    ['hp', -0.031053689473762053, 0.0081737432002508756, -3.7992005269762972, 7.8754366015757566e-4, -0.047855059245784731, -0.014252319701739374, 26],
    ['wt', -3.967384117076997008, 0.6874871523611560953, -5.7708483765131078, 4.4550237606105053e-6, -5.380534197444111655, -2.554234036709882805, 26],
  ], 'missing values');
});

test('an extreme t statistic still gets an accurate p-value', () => {
  const rows = Array.from({ length: 30 }, (_, i) => ({ x: i + 1, y: 2 * (i + 1) + Math.sin(i + 1) * 0.01 }));
  // R: x <- 1:30; y <- 2 * x + sin(1:30) * 0.01; tidy(lm_robust(y ~ x))
  assertMatchesR(lmRobust({ formula: 'y ~ x', rows }).estimates, [
    ['(Intercept)', 0.0017810217963599572, 0.00278513695158889374, 6.3947368740481558e-1, 5.2771252365935095e-1, -0.0039240726261525688, 0.0074861162188724828, 28],
    ['x', 1.9998911179562832707, 0.00015846754422221674, 1.2620193792817694e4, 4.0257516192013976e-96, 1.9995665119069556681, 2.0002157240056108733, 28],
  ], 'extreme t');
});

test('CR2 with singleton clusters (carb 6 and 8 hold one car each)', () => {
  // R: tidy(lm_robust(mpg ~ hp + wt, data = mtcars, clusters = carb))
  assertMatchesR(lmRobust({ formula: 'mpg ~ hp + wt', rows: referenceRows('mtcars.csv'), clusters: 'carb' }).estimates, [
    ['(Intercept)', 37.227270116447201076, 2.8071929956552530427, 13.2613860799968393, 0.0037574915547347932, 26.195935076290442822, 48.2586051566039628824, 2.2126703958460228],
    ['hp', -0.031772946982160995, 0.0078325703639059736, -4.0565159974274847, 0.0438795544917732830, -0.061601864169042481, -0.0019440297952795053, 2.2991260093822774],
    ['wt', -3.877830742404681175, 1.0252293555715845663, -3.7824031484571741, 0.0526059617834107596, -7.854589452230259283, 0.0989279674208969340, 2.2475878002726128],
  ], 'singletons');
});

test('a single cluster is an error, not a standard error of 1e-16', () => {
  const rows = referenceRows('mtcars.csv').map((r) => ({ ...r, one: 'all' }));
  assert.throws(() => lmRobust({ formula: 'mpg ~ hp', rows, clusters: 'one' }), {
    message: 'lmRobust: clustered standard errors need at least two clusters; "one" has 1',
  });
});

test('clusters whose every coefficient is their own are an error, not standard errors of 1e-16; an outcome that makes them 0 is not', () => {
  const rows = referenceRows('mtcars.csv');
  // R: lm_robust(mpg ~ factor(cyl) * wt, clusters = cyl, se_type = "CR0", data = mtcars): SEs 3e-15 to 5e-14, t up to 1e16.
  for (const seType of ['CR0', 'CR2', 'stata', 'cregg'] as const) {
    assert.throws(() => lmRobust({ formula: 'mpg ~ factor(cyl) * wt', rows, clusters: 'cyl', seType }), /^AnalysisError: lmRobust: clustered standard errors are 0 by construction here: every cluster of "cyl" has coefficients of its own/);
  }
  assert.throws(() => lmRobust({ formula: 'mpg ~ wt:factor(cyl)', rows, clusters: 'cyl', fixedEffects: '~ cyl', seType: 'CR0' }), /0 by construction/);
  // A term of their own beside a common one (wt) leaves a variance, as R's: no refusal.
  assert.equal(lmRobust({ formula: 'mpg ~ factor(cyl) + wt', rows, clusters: 'cyl', seType: 'CR0' }).estimates.length, 4);
  // Every cluster's outcome mean the same (the forced choice's 0.5 a respondent): its SE is 0 by the data, and R's
  // rounding noise stands (cregg's marginal mean of a one-level feature), not refused.
  const balanced = [0, 1, 0, 1, 1, 0].map((y, i) => ({ y, g: `r${Math.floor(i / 2)}` }));
  assert.ok(Math.abs(lmRobust({ formula: 'y ~ 1', rows: balanced, clusters: 'g', seType: 'CR0' }).estimates[0].std_error!) < 1e-12);
});

test('weights with classical, HC3 and CR0 variances', () => {
  const rows = referenceRows('mtcars.csv');
  // R: tidy(lm_robust(mpg ~ hp + wt, data = mtcars, weights = drat, se_type = 'classical'))
  assertMatchesR(lmRobust({ formula: 'mpg ~ hp + wt', rows, weights: 'drat', seType: 'classical' }).estimates, [
    ['(Intercept)', 37.673303554343185340, 1.5754358668204995197, 23.9129401251822387, 1.2300383170437863e-20, 34.45117542024286905, 40.895431688443501628, 29],
    ['hp', -0.032528273375565887, 0.0090211380720545114, -3.6057837842357472, 1.1530408438629072e-3, -0.05097857236630364, -0.014077974384828131, 29],
    ['wt', -3.966842194368672025, 0.6485578678989886159, -6.1164043961401733, 1.1579166895180966e-6, -5.29329197043406996, -2.640392418303274091, 29],
  ], 'weighted classical');
  // R: tidy(lm_robust(mpg ~ hp + wt, data = mtcars, weights = drat, se_type = 'HC3'))
  assertMatchesR(lmRobust({ formula: 'mpg ~ hp + wt', rows, weights: 'drat', seType: 'HC3' }).estimates, [
    ['(Intercept)', 37.673303554343185340, 2.2113670398887101953, 17.0362056025937427, 1.2064542794429436e-16, 33.150550134727545526, 42.196056973958825154, 29],
    ['hp', -0.032528273375565887, 0.0093433255461244924, -3.4814449325334977, 1.6005768861717027e-3, -0.051637519738595428, -0.013419027012536347, 29],
    ['wt', -3.966842194368672025, 0.7771777919098076248, -5.1041630829680589, 1.8989108176981848e-5, -5.556349251589852045, -2.377335137147491562, 29],
  ], 'weighted HC3');
  // R: tidy(lm_robust(mpg ~ hp + wt, data = mtcars, weights = drat, clusters = cyl, se_type = 'CR0'))
  assertMatchesR(lmRobust({ formula: 'mpg ~ hp + wt', rows, weights: 'drat', clusters: 'cyl', seType: 'CR0' }).estimates, [
    ['(Intercept)', 37.673303554343178234, 2.2546530359276739652, 16.7091357091414068, 0.003562594305703405, 27.972314514671062113, 47.374292594015294355, 2],
    ['hp', -0.032528273375565735, 0.0038673024312323233, -8.4111015246357486, 0.013842143929578988, -0.049167932738074224, -0.015888614013057249, 2],
    ['wt', -3.966842194368673802, 0.5550992749162212414, -7.1461851485346877, 0.019024731274983872, -6.355241604868900218, -1.578442783868447385, 2],
  ], 'weighted CR0');
});

test('se type "stata" without clusters is HC1, as in estimatr', () => {
  const fit = lmRobust({ formula: 'mpg ~ hp + wt', rows: referenceRows('mtcars.csv'), seType: 'stata' });
  assert.equal(fit.seType, 'HC1');
  // R: tidy(lm_robust(mpg ~ hp + wt, data = mtcars, se_type = 'stata'))
  assertMatchesR(fit.estimates, [
    ['(Intercept)', 37.227270116447222392, 2.0367350019129615291, 18.2779154290971952, 1.8559428899860998e-17, 33.06167931736562338, 41.392860915528821408, 29],
    ['hp', -0.031772946982161002, 0.0069813612520213788, -4.5511105692978546, 8.8153615005030417e-5, -0.04605143395723181, -0.017494460007090193, 29],
    ['wt', -3.877830742404683839, 0.6512037548099424145, -5.9548654530354348, 1.8028813744925629e-6, -5.20969196481009522, -2.545969519999272457, 29],
  ], 'stata');
});

test('numeric-by-factor terms and term names, and a no-intercept model with two factors', () => {
  const rows = referenceRows('mtcars.csv');
  const levels = { am: ['0', '1'], vs: ['0', '1'], cyl: ['4', '6', '8'] };
  // R: tidy(lm_robust(mpg ~ wt * factor(am) + hp:factor(vs), data = mtcars)); R names factor(am)1 → am1 here
  assertMatchesR(lmRobust({ formula: 'mpg ~ wt * am + hp:vs', rows, levels }).estimates, [
    ['(Intercept)', 29.642225576968577627, 3.417553655879843166, 8.67352163614743255, 3.7597284974123918e-9, 22.617343429165984503, 36.6671077247711707514, 26],
    ['wt', -2.371337762963200646, 0.870817801787577062, -2.72311585511391829, 1.1397354122486544e-2, -4.161329390231839120, -0.5813461356945619496, 26],
    ['am1', 12.140424634014209460, 4.041073933587346012, 3.00425699542618885, 5.8249264647465609e-3, 3.833878199793067765, 20.4469710682353493780, 26],
    ['wt:am1', -3.717506374543220637, 1.351771498793679971, -2.75009968612352074, 1.0697699090678541e-2, -6.496112484632028838, -0.9389002644544128806, 26],
    ['hp:vs0', -0.024021394218341215, 0.010949104824599902, -2.19391398686504013, 3.7376576168177168e-2, -0.046527601512093023, -0.0015151869245894102, 26],
    ['hp:vs1', -0.016256379812078444, 0.017329216249597323, -0.93809088523874762, 3.5683103871193378e-1, -0.051877093961734178, 0.0193643343375772860, 26],
  ], 'interactions');
  // R: tidy(lm_robust(mpg ~ 0 + factor(cyl) + factor(am), data = mtcars))
  assertMatchesR(lmRobust({ formula: 'mpg ~ 0 + cyl + am', rows, levels }).estimates, [
    ['cyl4', 24.8018518518518469, 1.1534996884561717, 21.5013944954300840, 6.0256321204065005e-19, 22.43901485195963375, 27.1646888517440601, 28],
    ['cyl6', 18.6457341269841237, 0.7353008853980979, 25.3579650144024669, 7.3955319148698787e-21, 17.13953854196629223, 20.1519297120019552, 28],
    ['cyl8', 14.7342923280423239, 0.7498597728627020, 19.6493969423002319, 6.4476254023329834e-18, 13.19827421396540501, 16.2703104421192428, 28],
    ['am1', 2.5599537037037088, 1.0324296295367623, 2.4795430414490589, 1.9441226377897480e-2, 0.44511747715958627, 4.6747899302478313, 28],
  ], 'no intercept');
});

test('bad input fails with one clear message naming the problem', () => {
  const rows = referenceRows('alliance_violators.csv');
  const fit = (extra: Record<string, unknown>) => () => lmRobust({ formula: 'economic_sanctions ~ regime', rows, ...extra });
  assert.throws(fit({ formula: 'economic_sanctions ~ regim' }), { message: 'lmRobust: formula references unknown column "regim" (did you mean "regime"?)' });
  assert.throws(fit({ formula: 'economic_sanctions ~ regime +' }), /^AnalysisError: lmRobust: malformed formula/);
  assert.throws(fit({ formula: 'regime ~ capability' }), { message: /lmRobust: outcome column "regime" is not numeric/ });
  assert.throws(fit({ seType: 'HC4' }), {
    message: 'lmRobust: unknown se type "HC4" (valid: classical, HC0, HC1, HC2, HC3, CR0, stata, CR2, cregg)',
  });
  assert.throws(fit({ seType: 'hc2' }), {
    message: 'lmRobust: unknown se type "hc2" (did you mean "HC2"? valid: classical, HC0, HC1, HC2, HC3, CR0, stata, CR2, cregg)',
  });
  assert.throws(fit({ seType: 'CR2' }), /needs clusters/);
  assert.throws(fit({ clusters: 'respondent_id', seType: 'HC2' }), /cannot be used with clusters/);
  assert.throws(fit({ clusters: 'respondentid' }), { message: 'lmRobust: clusters references unknown column "respondentid" (did you mean "respondent_id"?)' });
  // autocracy is outside the declared levels, so NA: regime is left with one level (formula-cases.test.ts).
  assert.throws(fit({ levels: { regime: ['democracy'] } }), /factor "regime" has only one level \("democracy"\)/);
  assert.throws(fit({ alpha: 1.5 }), AnalysisError);
});

test('aliasing is found on the tall (blocked QR) path too: 6,255 rows with two redundant columns', () => {
  // estimatr finds regimeautocracy aliased but misses aut vs aut3 (it prints ±6e11 for both); we report both.
  const rows = referenceRows('alliance_long.csv').map((r) => ({ ...r, aut: r.regime === 'autocracy' ? 1 : 0, aut3: r.regime === 'autocracy' ? 3 : 0 }));
  const levels = { regime: ['democracy', 'autocracy'] };
  const full = lmRobust({ formula: 'support ~ measure + aut + aut3 + regime', rows, levels, clusters: 'respondent_id' });
  assert.deepEqual(full.estimates.filter((row) => row.estimate === null).map((row) => row.term), ['aut', 'regimeautocracy']);
  const reduced = lmRobust({ formula: 'support ~ measure + aut3', rows, levels, clusters: 'respondent_id' });
  const kept = full.estimates.filter((row) => row.estimate !== null);
  assert.deepEqual(kept.map((row) => row.term), reduced.estimates.map((row) => row.term));
  kept.forEach((row, k) => {
    assert.ok(Math.abs((row.estimate as number) - (reduced.estimates[k].estimate as number)) < 1e-10, row.term);
    assert.ok(Math.abs((row.df as number) / (reduced.estimates[k].df as number) - 1) < 1e-9, row.term);
  });
});

test('cregg with weights equals survey::svyglm with a weighted cluster design', () => {
  const levels = { taxrev: ['<75%', '75-95%', '95-105%', '105-125%', '>125%'] };
  const fit = lmRobust({ formula: 'chose_plan ~ taxrev', rows: referenceRows('taxes.csv'), clusters: 'ID', weights: 'weight', seType: 'cregg', levels });
  // R: summary(svyglm(chose_plan ~ taxrev, design = svydesign(ids = ~ID, weights = ~weight, data = taxes)))$coefficients
  assertMatchesR(fit.estimates, [
    ['(Intercept)', 0.569631405994902140, 0.0089481959649551843],
    ['taxrev75-95%', -0.040367569081129123, 0.0126118740332320060],
    ['taxrev95-105%', -0.056004545361083131, 0.0151379583018205009],
    ['taxrev105-125%', -0.088307099073518774, 0.0146212291727088935],
    ['taxrev>125%', -0.161335174739071496, 0.0149118768452700806],
  ], 'weighted cregg');
  assert.ok(fit.estimates.every((row) => row.df === null));
});

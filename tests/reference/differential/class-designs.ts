// Designs for each class of issue 11 where vlab once diverged from estimatr or refused what analysts type: CR2
// degrees of freedom, weighted CR2 far from zero, model-matrix coding, aliasing as estimatr's, a factor left
// with one level, level order, the formula syntax estimatr accepts, values outside declared levels, and a
// TRUE/FALSE outcome. Each data set is seeded; the R call each case stands for is in differential.R.
import { rowsFromCsv } from '../../../analysis/index.ts';
import { referenceText } from '../../analysis/support.ts';
import type { DataSet, FitCase } from './case-types.ts';
import { fit, numbers, strings } from './case-builders.ts';
import { clusterIds, Draw, withMissing } from './random-data.ts';

interface Built {
  data: DataSet[];
  cases: FitCase[];
}



/** Labels drawn uniformly, or with some combinations of two factors never shown (restricted randomization). */
function labels(draw: Draw, n: number, levels: readonly string[]): string[] {
  return Array.from({ length: n }, () => draw.pick(levels));
}

/**
 * Class 1: the Bell–McCaffrey df of CR2 for factor × numeric interactions with 3–5 clusters (weighted), on data
 * with full precision (12 decimals): rounded to 4 decimals the cancellation does not show. The seeds were found
 * by search: the shortened df formula gave vlab df ≤ 0.5 or NaN p-values, while estimatr's numbers are sound
 * (every SE finite and not rounding noise, df ≥ 1). Seeds where estimatr's own SEs were noise (≈ 1e-9, or NaN)
 * are left out: no implementation could match those to 1e-6.
 */
function cr2Df(): Built {
  const data: DataSet[] = [];
  const cases: FitCase[] = [];
  for (const seed of [268, 501, 872, 1207, 1507]) {
    const draw = new Draw(900000 + seed);
    const n = draw.pick([12, 18, 24, 40, 60]);
    const groups = draw.pick([3, 4, 5]);
    const weighted = draw.chance(0.5);
    const f = labels(draw, n, ['a', 'b', 'c']);
    const x = f.map(() => draw.pick([0, 1, 10]) + draw.normal());
    const cl = clusterIds(draw, n, groups, true) as string[];
    const w = f.map(() => draw.uniform(0.5, 2));
    const y = x.map((v) => v + draw.normal());
    const id = `cr2-df-${seed}`;
    data.push({ id, columns: [numbers('y', y, 12), strings('f', f), numbers('x', x, 12), strings('cl', cl), numbers('w', w, 12)] });
    const note = `N ${n}, ${groups} clusters${weighted ? ', weighted' : ''}`;
    cases.push(fit('cr2-df', `${id}-CR2`, id, 'y ~ f * x', 'CR2', { clusters: 'cl', ...(weighted ? { weights: 'w' } : {}), note }));
  }
  return { data, cases };
}

/**
 * Class 2: weighted CR2 with a covariate far from zero (x ≈ 1e3, weights 0.2–4), 3 to 15 clusters. The seeds
 * were picked, among 40 drawn, as ones where vlab's standard errors were off by 1e-6 to 1e-4 relative.
 */
function weightedFarFromZero(): Built {
  const data: DataSet[] = [];
  const cases: FitCase[] = [];
  for (const seed of [1, 4, 11, 14, 20, 28]) {
    const draw = new Draw(910000 + seed);
    const n = draw.pick([30, 60, 120, 300]);
    const groups = draw.pick([3, 4, 6, 10, 30]);
    const spread = draw.pick([1, 5]);
    const x = Array.from({ length: n }, () => 1000 + spread * draw.normal());
    const f = labels(draw, n, ['lo', 'hi']);
    const y = x.map((v, i) => 2 + 0.1 * (v - 1000) + (f[i] === 'hi' ? 0.4 : 0) + draw.normal());
    const w = x.map(() => draw.uniform(0.2, 4));
    const cl = clusterIds(draw, n, Math.min(groups, n / 2), true) as string[];
    const id = `weighted-far-${seed}`;
    data.push({ id, columns: [numbers('y', y, 6), numbers('x', x, 6), strings('f', f), numbers('w', w, 4), strings('cl', cl)] });
    cases.push(fit('weighted-cr2-far-from-zero', `${id}-CR2`, id, 'y ~ x + f', 'CR2', { clusters: 'cl', weights: 'w', note: `N ${n}, ${Math.min(groups, n / 2)} clusters` }));
  }
  return { data, cases };
}

/** Class 3: when a factor in an interaction gets contrasts or full indicator coding (R's margin rule). */
function modelMatrixCoding(): Built {
  const draw = new Draw(4300);
  const n = 300;
  const a = labels(draw, n, ['a1', 'a2', 'a3']);
  const b = labels(draw, n, ['b1', 'b2']);
  const c = labels(draw, n, ['c1', 'c2', 'c3']);
  const x = a.map(() => draw.normal());
  const y = a.map((_, i) => (a[i] === 'a2' ? 1 : 0) + (b[i] === 'b2' ? 0.5 : 0) + (c[i] === 'c3' ? -0.5 : 0) + 0.3 * x[i] + draw.normal());
  const id = 'model-matrix';
  const formulas = ['y ~ a:b + b:c', 'y ~ a:b + a:c', 'y ~ a + a:b', 'y ~ a:x', 'y ~ 0 + a:b', 'y ~ b + a:b:c', 'y ~ x + a:b + c'];
  return {
    data: [{ id, columns: [numbers('y', y, 4), strings('a', a), strings('b', b), strings('c', c), numbers('x', x, 4)] }],
    cases: formulas.map((formula, k) => fit('model-matrix-coding', `${id}-${k + 1}`, id, formula, 'HC2')),
  };
}

/** The immigration conjoint's feature levels in cregg's order (the first is the reference), from its expected file. */
function immigrationLevels(): Record<string, string[]> {
  const levels: Record<string, string[]> = {};
  for (const row of rowsFromCsv(referenceText('conjoint/immigration_amce_constrained.expected.csv'))) {
    (levels[row.feature as string] ??= []).push(row.level as string);
  }
  return levels;
}

/**
 * Class 4: aliasing as estimatr's (Eigen's column-pivoting QR): cregg's immigration conjoint with its
 * restricted randomization, a seeded restricted design, exactly collinear covariates, and a relabelled factor.
 */
function aliasing(): Built {
  const immigration = 'immigration';
  const formula =
    'ChosenImmigrant ~ Gender + Education * Job + LanguageSkills + CountryOfOrigin * ReasonForApplication + JobExperience + JobPlans + PriorEntry';
  const levels = immigrationLevels();
  const cases = (['CR2', 'stata'] as const).map((seType) =>
    fit('aliasing', `immigration-${seType}`, immigration, formula, seType, { clusters: 'CaseID', levels }),
  );

  const draw = new Draw(4400);
  const n = 400;
  const forbidden = new Set(['a4|b3', 'a3|b2', 'a1|b3']);
  const a: string[] = [];
  const b: string[] = [];
  while (a.length < n) {
    const pair = [draw.pick(['a1', 'a2', 'a3', 'a4']), draw.pick(['b1', 'b2', 'b3'])];
    if (forbidden.has(pair.join('|'))) continue;
    a.push(pair[0]);
    b.push(pair[1]);
  }
  const x1 = a.map(() => Math.round(1000 * draw.normal()) / 1000);
  const x2 = a.map(() => Math.round(1000 * draw.uniform()) / 1000);
  const g = a.map((level) => ({ a1: 'one', a2: 'two', a3: 'three', a4: 'four' })[level] as string);
  const cl = clusterIds(draw, n, 80, true) as string[];
  const y = a.map((_, i) => (a[i] === 'a2' ? 0.5 : 0) - (b[i] === 'b3' ? 0.4 : 0) + x1[i] + draw.normal());
  const id = 'restricted';
  const columns = [
    numbers('y', y, 4), strings('a', a), strings('b', b), numbers('x1', x1, 3), numbers('x2', x2, 3),
    // x3 = x1 + 2·x2 exactly in decimal; x4 = 2·x1 − 1.
    numbers('x3', x1.map((v, i) => v + 2 * x2[i]), 3), numbers('x4', x1.map((v) => 2 * v - 1), 3), strings('g', g), strings('cl', cl),
  ];
  cases.push(
    fit('aliasing', `${id}-interaction-HC2`, id, 'y ~ a * b + x1', 'HC2'),
    fit('aliasing', `${id}-interaction-CR2`, id, 'y ~ a * b + x1', 'CR2', { clusters: 'cl' }),
    fit('aliasing', `${id}-collinear-HC1`, id, 'y ~ x1 + x2 + x3 + b', 'HC1'),
    fit('aliasing', `${id}-collinear-intercept-HC2`, id, 'y ~ x4 + x1 + a', 'HC2'),
    fit('aliasing', `${id}-relabelled-factor-HC2`, id, 'y ~ a + g + x1', 'HC2'),
    fit('aliasing', `${id}-relabelled-factor-CR0`, id, 'y ~ g + a * b', 'CR0', { clusters: 'cl' }),
  );
  return { data: [{ id: immigration, file: 'conjoint/immigration_conjoint.csv.gz' }, { id, columns }], cases };
}

/** Class 5: a factor with one level, in the data or once rows with missing values are dropped: an error. */
function oneLevel(): Built {
  const draw = new Draw(4500);
  const n = 60;
  const x = Array.from({ length: n }, () => draw.normal());
  const f = x.map((_, i) => (i % 3 === 0 ? 'rare' : 'common'));
  // Every row of level "rare" has a missing outcome: after na.omit, f has one level.
  const y = x.map((v, i) => (f[i] === 'rare' ? null : v + draw.normal()));
  const id = 'one-level';
  const note = 'R: contrasts can be applied only to factors with 2 or more levels';
  return {
    data: [{ id, columns: [numbers('y', y, 4), numbers('x', x, 4), strings('f', f), strings('same', f.map(() => 'only'))] }],
    cases: [
      fit('one-level-factor', `${id}-in-data`, id, 'y ~ x + same', 'HC2', { note }),
      fit('one-level-factor', `${id}-after-missing`, id, 'y ~ x + f', 'HC2', { note }),
    ],
  };
}

/** Class 7: labels whose code-point order differs from an English locale's; R run with LC_COLLATE=C. */
function levelOrder(): Built {
  const draw = new Draw(4700);
  const n = 240;
  const fruit = labels(draw, n, ['apple', 'Banana', 'cherry']);
  const income = labels(draw, n, ['< 10k', '10-35k', '100k+']);
  const y = fruit.map((v, i) => (v === 'Banana' ? 1 : 0) + (income[i] === '100k+' ? 0.5 : 0) + draw.normal());
  const id = 'level-order';
  const note = 'R sorts undeclared levels by the locale (apple < Banana in en_US); the expected values use LC_COLLATE=C';
  return {
    data: [{ id, columns: [numbers('y', y, 4), strings('fruit', fruit), strings('income', income)] }],
    cases: [
      fit('level-order', `${id}-sorted`, id, 'y ~ fruit + income', 'HC2', { note }),
      fit('level-order', `${id}-declared`, id, 'y ~ fruit + income', 'HC2', { levels: { fruit: ['apple', 'Banana', 'cherry'], income: ['< 10k', '10-35k', '100k+'] } }),
    ],
  };
}

/** The formula syntax estimatr accepts, each term named as R prints it. */
function formulaSyntax(): Built {
  const draw = new Draw(4800);
  const n = 200;
  const x = Array.from({ length: n }, () => 1 + draw.uniform(0, 2));
  const z = x.map(() => 0.5 + draw.uniform(0, 3));
  const a = labels(draw, n, ['p', 'q', 'r']);
  const b = labels(draw, n, ['u', 'v']);
  const c = labels(draw, n, ['s', 't']);
  const k = x.map(() => 1 + draw.int(3));
  const y = x.map((v, i) => 3 + 0.5 * v - 0.2 * v * v + 0.3 * z[i] + (a[i] === 'q' ? 0.4 : 0) + (b[i] === 'v' ? 0.3 : 0) + 0.3 * draw.normal());
  const id = 'syntax';
  const formulas: [string, string, Partial<FitCase>?][] = [
    ['I-power', 'y ~ I(x^2) + x'],
    ['I-product', 'y ~ I(x*z) + a'],
    ['log', 'y ~ log(z) + x'],
    ['sqrt', 'y ~ sqrt(z) + b'],
    ['exp', 'y ~ exp(x) + a'],
    ['scale', 'y ~ scale(x) + z'],
    ['poly-2', 'y ~ poly(x, 2) + a'],
    ['poly-3', 'y ~ poly(z, 3)'],
    ['factor', 'y ~ factor(k) + x'],
    ['relevel', 'y ~ relevel(a, ref = "q") + x', { levels: { a: ['p', 'q', 'r'] } }],
    ['cross-square', 'y ~ (a + b + c)^2'],
    ['nesting', 'y ~ a/b'],
    ['in', 'y ~ x %in% a'],
    ['dot', 'y ~ .'],
    ['leading-plus', 'y ~ + a + x'],
    ['log-outcome', 'log(y) ~ a + x'],
    ['offset', 'y ~ x + offset(z)', { note: 'estimatr 1.0.0 ignores offset() in lm_robust formulas (lm does not): the expected values are without it' }],
  ];
  const columns = [numbers('y', y, 4), numbers('x', x, 4), numbers('z', z, 4), strings('a', a), strings('b', b), strings('c', c), numbers('k', k, 0)];
  return {
    data: [{ id, columns }],
    cases: formulas.map(([name, formula, extra]) => fit('formula-syntax', `${id}-${name}`, id, formula, 'HC2', extra ?? {})),
  };
}

/** A value outside the declared levels is NA and its row is dropped (R's factor()); a TRUE/FALSE outcome is 1/0. */
function levelsAndLogical(): Built {
  const draw = new Draw(4900);
  const n = 150;
  const arm = labels(draw, n, ['control', 'treat', 'placebo']);
  const x = arm.map(() => draw.normal());
  const y = arm.map((v, i) => (v === 'treat' ? 0.5 : 0) + 0.3 * x[i] + draw.normal());
  const chose = withMissing(draw, y.map((v) => v > 0.2), 0.05);
  const id = 'levels-logical';
  return {
    data: [{ id, columns: [numbers('y', y, 4), strings('arm', arm), numbers('x', x, 4), { name: 'chose', kind: 'logical', values: chose }] }],
    cases: [
      fit('na-outside-levels', `${id}-outside-HC2`, id, 'y ~ arm + x', 'HC2', { levels: { arm: ['control', 'treat'] } }),
      fit('na-outside-levels', `${id}-outside-classical`, id, 'y ~ arm * x', 'classical', { levels: { arm: ['treat', 'control'] } }),
      fit('logical-outcome', `${id}-logical-HC2`, id, 'chose ~ arm + x', 'HC2'),
      fit('logical-outcome', `${id}-logical-HC1`, id, 'chose ~ x', 'HC1'),
    ],
  };
}

/** Every class design of issue 11 with its cases. */
export function classDesigns(): Built {
  const parts = [cr2Df(), weightedFarFromZero(), modelMatrixCoding(), aliasing(), oneLevel(), levelOrder(), formulaSyntax(), levelsAndLogical()];
  return { data: parts.flatMap((p) => p.data), cases: parts.flatMap((p) => p.cases) };
}

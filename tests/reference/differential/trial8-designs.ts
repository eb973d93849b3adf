// The eighth R trial's classes (2026-12-03): what an analyst types into R that the earlier trials did not store,
// each drawn from a stated seed (Draw(seed), seeds 8_100_000 + k). What each class stresses:
// - text-level-order: factors read from text columns whose C-locale order is not the obvious one — numbers written
//   as text ("10" < "9" < "x"; a column of such numbers made text by one "n/a" in a row without an outcome), mixed
//   case, accents, and characters beyond U+FFFF (emoji, mathematical letters) beside fullwidth forms and the private
//   use area (U+E000–U+FFFF), where code-point order and UTF-16 order disagree; as main effects, interactions with a
//   numeric covariate under CR2, full dummy sets (0 + f) and relevel(factor(f)).
// - dim-text-treatment: difference_in_means on a treatment of two such labels: which is control is R's
//   sort(unique(t)) in the C locale ("10" before "9" in a text column, "（" before "😀"), a numeric column by value.
// - numeric-factor-order: factor(k), as.factor(k), relevel(factor(k), ref =) and factor(k, levels =) of a numeric
//   column with negatives, zero and decimals (levels by value, labels as R prints them).
// - cluster-label-types: clusters as numbers written "01"/"1"/"001" (one cluster in R: read as the number 1), as
//   text where one label has a letter (three clusters), as TRUE/FALSE, as decimals, negatives and 10-digit ids.
// - equal-weights: weights that are all equal (1, 0.37, 1000) under every se type, and in difference_in_means
//   (estimatr's weighted route: HC2 regression, not Welch).
// - huge-few-clusters: 50,000 rows in 3 or 4 clusters (CR0, stata), 3,000 rows in 2–4 clusters (CR2; estimatr builds
//   each cluster's n_s × n_s matrices), and clustered difference_in_means with two clusters an arm.
// - se-type-clusters: an HC type or classical with clusters, CR types without: R stops, so must vlab.
// - factor-empty-cells: two and three factors with combinations nobody has (a * b, a:b, 0 + a:b, a * b - 1,
//   a + a:b, b %in% a, (a + b + c)^2) under HC1, classical and CR2 (HC2 would meet
//   estimatr's NaN at the one-row cells of a * b * c: see leverage 1 in docs/analysis.md).
// - dot-formulas: `.` with text, logical, numeric, cluster and weight columns (y ~ ., y ~ . - cl - w, y ~ .^2,
//   y ~ 0 + ., y ~ . + I(x^2), log(y) ~ . - k).
// - intercept-only: y ~ 1 with weights, clusters and both, under HC2, HC1, CR0, stata and CR2.
// - r-spellings: what R reads as another spelling — T and F for TRUE and FALSE (raw = T, center = F), ** for ^,
//   from:to in factor levels — and scale() next to the columns it is collinear with (its last bit picks the alias).
// - ordered-factors: ordered(k), as.ordered(k), factor(likert, levels = …, ordered = TRUE) with polynomial contrasts
//   (.L, .Q, .C, ^4, ^5), full indicators (0 + o, o:x), interactions, two levels, reversed levels, beside the
//   unordered factor of the same column, nested; relevel on one (R stops).
// - cluster-fixed-effects: the clusters' own dummies in the formula (y ~ t + x + cl, clusters = cl) under CR2, CR0,
//   stata, weighted CR2 with t * x, and 0 + cl + t.
// - random-formulas: 60 formulas of one to three terms an analyst types (factors, logicals, poly, log, scale, I(),
//   nesting, %in%, one product at most, 0 +) under every se type, clustered or not, weighted or not.
import type { DataSet, DimCase, FitCase } from './case-types.ts';
import { dim, fit, numbers, strings } from './case-builders.ts';
import { clusterIds, Draw, type Column } from './random-data.ts';

interface Built {
  data: DataSet[];
  cases: (FitCase | DimCase)[];
}

const SEED = 8_100_000;

const LABEL_POOLS: [string, string[]][] = [
  ['numbers-as-text', ['10', '9', '2', '-1', '1.5', 'x']],
  ['mixed-case', ['apple', 'Banana', 'banana', 'APPLE', '_under', 'Zed']],
  ['accents', ['é', 'e', 'É', 'z', 'ü', 'Ø']],
  ['astral', ['😀 yes', '（中）', 'Ａ team', 'z', '\uE000 pua', '𝑥 math']],
  ['astral-first-letter', ['𝑥', 'ｘ', 'x', '\uFFFD', '🌱 green', 'ﬁ']],
];

/** n rows of y, x, a factor f drawn from `labels` (with effects), clusters and weights. */
function labelledRows(draw: Draw, n: number, labels: string[]) {
  const f = Array.from({ length: n }, (_, i) => (i < labels.length ? labels[i] : draw.pick(labels)));
  const effect = new Map(labels.map((label, k) => [label, 0.3 * k]));
  const x = f.map(() => Number(draw.normal().toFixed(4)));
  const y: (number | null)[] = f.map((v, i) => Number((0.5 * x[i] + (effect.get(v) as number) + draw.normal()).toFixed(5)));
  const cl = clusterIds(draw, n, draw.pick([8, 12, 20]), true) as string[];
  return { f, x, y, cl };
}

function textLevelOrder(): Built {
  const data: DataSet[] = [];
  const cases: FitCase[] = [];
  LABEL_POOLS.forEach(([name, labels], k) => {
    const draw = new Draw(SEED + k);
    const { f, x, y, cl } = labelledRows(draw, draw.pick([60, 90, 150]), labels);
    const id = `t8-labels-${name}`;
    data.push({ id, columns: [numbers('y', y, 5), strings('f', f), numbers('x', x, 4), strings('cl', cl)] });
    const third = [...labels].sort()[2];
    cases.push(fit('text-level-order', `${id}-main`, id, 'y ~ f + x', 'HC2'));
    cases.push(fit('text-level-order', `${id}-by-x`, id, 'y ~ f * x', 'CR2', { clusters: 'cl' }));
    cases.push(fit('text-level-order', `${id}-full-dummies`, id, 'y ~ 0 + f', 'classical'));
    cases.push(fit('text-level-order', `${id}-relevel`, id, `y ~ relevel(factor(f), ref = "${third}") + x`, 'HC1'));
  });
  // Numbers as text only where the outcome is present: one "n/a" (a row without outcome) makes the column text in R.
  const draw = new Draw(SEED + 10);
  const { f, x, y, cl } = labelledRows(draw, 80, ['10', '9', '100', '-5']);
  f[17] = 'n/a';
  y[17] = null;
  const id = 't8-labels-numbers-made-text';
  data.push({ id, columns: [numbers('y', y, 5), strings('f', f), numbers('x', x, 4), strings('cl', cl)] });
  cases.push(fit('text-level-order', `${id}-main`, id, 'y ~ f + x', 'HC2'));
  cases.push(fit('text-level-order', `${id}-factor`, id, 'y ~ factor(f) * x', 'CR2', { clusters: 'cl' }));
  cases.push(fit('text-level-order', `${id}-full-dummies`, id, 'y ~ f - 1', 'HC0'));
  return { data, cases };
}

const TREATMENT_PAIRS: [string, string[], boolean][] = [
  ['numbers-as-text', ['10', '9'], true],
  ['negatives-as-text', ['-1', '-10'], true],
  ['astral', ['😀', '（'], false],
  ['case', ['b', 'B'], false],
  ['accent', ['é', 'f'], false],
  ['numbers', ['10', '2'], false],
  ['math-letter', ['𝑥', '\uE000'], false],
];

/** difference_in_means on two labels; `madeText`: a third label in rows without outcome makes the column text. */
function dimTextTreatment(): Built {
  const data: DataSet[] = [];
  const cases: DimCase[] = [];
  TREATMENT_PAIRS.forEach(([name, arms, madeText], k) => {
    const draw = new Draw(SEED + 100 + k);
    const n = 60;
    const b = Array.from({ length: n }, (_, i) => `block ${1 + (i % 3)}`);
    const cl = b.map((block, i) => `${block}-${Math.floor(i / 3) % 4}`);
    const z = cl.map((c) => arms[Number(c.slice(-1)) % 2]);
    const y: (number | null)[] = z.map((arm) => Number(((arm === arms[1] ? 0.7 : 0) + draw.normal()).toFixed(4)));
    if (madeText) {
      z.push('none', 'none');
      y.push(null, null);
      b.push('block 1', 'block 2');
      cl.push('block 1-x', 'block 2-x');
    }
    const id = `t8-dim-${name}`;
    const numeric = name === 'numbers';
    data.push({ id, columns: [numbers('y', y, 4), numeric ? numbers('z', z.map(Number), 0) : strings('z', z), strings('b', b), strings('cl', cl)] });
    cases.push(dim('dim-text-treatment', `${id}-standard`, id));
    cases.push(dim('dim-text-treatment', `${id}-blocked`, id, { blocks: 'b' }));
    cases.push(dim('dim-text-treatment', `${id}-clustered`, id, { clusters: 'cl' }));
  });
  return { data, cases };
}

function numericFactorOrder(): Built {
  const data: DataSet[] = [];
  const cases: FitCase[] = [];
  const pools = [[-10, -1, 0, 2, 10], [1.5, 10, 2, 100, 0.25], [-2.5, 3, 30, -0.5]];
  pools.forEach((pool, k) => {
    const draw = new Draw(SEED + 200 + k);
    const n = draw.pick([50, 100]);
    const kk = Array.from({ length: n }, (_, i) => (i < pool.length ? pool[i] : draw.pick(pool)));
    const x = kk.map(() => Number(draw.normal().toFixed(4)));
    const y = kk.map((v, i) => Number((0.05 * v + 0.4 * x[i] + draw.normal()).toFixed(5)));
    const id = `t8-numeric-factor-${k}`;
    data.push({ id, columns: [numbers('y', y, 5), numbers('k', kk, 2), numbers('x', x, 4)] });
    const ref = String(pool[2]);
    const declared = `c(${[...pool].reverse().join(', ')})`;
    cases.push(fit('numeric-factor-order', `${id}-factor`, id, 'y ~ factor(k) + x', 'HC2'));
    cases.push(fit('numeric-factor-order', `${id}-as-factor-by-x`, id, 'y ~ as.factor(k) * x', 'HC3'));
    cases.push(fit('numeric-factor-order', `${id}-relevel`, id, `y ~ relevel(factor(k), ref = "${ref}") + x`, 'HC2'));
    cases.push(fit('numeric-factor-order', `${id}-declared`, id, `y ~ factor(k, levels = ${declared}) + x`, 'HC1'));
    cases.push(fit('numeric-factor-order', `${id}-full-dummies`, id, 'y ~ 0 + factor(k) + x', 'classical'));
  });
  return { data, cases };
}

/** Cluster columns that name the same clusters differently (or not). */
function clusterColumns(draw: Draw, n: number): Column[] {
  const base = clusterIds(draw, n, 6, false) as number[];
  const padded = base.map((c, i) => ['', '0', '00'][i % 3] + String(c));
  const lettered = padded.map((c, i) => (i === 0 ? 'c1' : c));
  return [
    strings('padded', padded),
    strings('lettered', lettered),
    { name: 'flag', kind: 'logical', values: base.map((c) => c % 2 === 0) },
    numbers('decimal', base.map((c) => c / 4), 2),
    numbers('negative', base.map((c) => -c), 0),
    numbers('big', base.map((c) => 1e10 + c), 0),
  ];
}

function clusterLabelTypes(): Built {
  const data: DataSet[] = [];
  const cases: (FitCase | DimCase)[] = [];
  for (let k = 0; k < 2; k++) {
    const draw = new Draw(SEED + 300 + k);
    const n = 90;
    const clusters = clusterColumns(draw, n);
    const x = Array.from({ length: n }, () => Number(draw.normal().toFixed(4)));
    const f = x.map(() => draw.pick(['a', 'b', 'c']));
    const y = x.map((v, i) => Number((0.3 * v + (f[i] === 'b' ? 0.5 : 0) + draw.normal()).toFixed(5)));
    const id = `t8-cluster-labels-${k}`;
    data.push({ id, columns: [numbers('y', y, 5), numbers('x', x, 4), strings('f', f), ...clusters] });
    for (const column of clusters) {
      const seType = (['CR2', 'CR0', 'stata'] as const)[(column.name.length + k) % 3];
      cases.push(fit('cluster-label-types', `${id}-${column.name}`, id, 'y ~ x + f', seType, { clusters: column.name }));
    }
  }
  // difference_in_means clustered by numbers written with leading zeros: "01" and "1" are one cluster in R.
  const draw = new Draw(SEED + 310);
  const g = Array.from({ length: 48 }, (_, i) => 1 + (i % 8));
  const id = 't8-cluster-labels-dim';
  const z = g.map((c) => c % 2);
  const y = z.map((t) => Number((0.5 * t + draw.normal()).toFixed(4)));
  data.push({ id, columns: [numbers('y', y, 4), numbers('z', z, 0), strings('g', g.map((c, i) => (i % 2 === 0 ? '0' : '') + String(c)))] });
  cases.push(dim('cluster-label-types', `${id}-padded`, id, { clusters: 'g' }));
  return { data, cases };
}

function equalWeights(): Built {
  const data: DataSet[] = [];
  const cases: (FitCase | DimCase)[] = [];
  [1, 0.37, 1000].forEach((weight, k) => {
    const draw = new Draw(SEED + 400 + k);
    const n = draw.pick([40, 100]);
    const x = Array.from({ length: n }, () => Number(draw.normal().toFixed(4)));
    const z = x.map((_, i) => i % 2);
    const f = x.map(() => draw.pick(['p', 'q', 'r']));
    const b = x.map((_, i) => `b${1 + (Math.floor(i / 2) % 4)}`);
    const cl = x.map((_, i) => `${b[i]}-${Math.floor(i / 8) % 5}-${i % 2}`);
    const y = x.map((v, i) => Number((0.4 * v + 0.6 * z[i] + draw.normal()).toFixed(5)));
    const id = `t8-equal-weights-${k}`;
    data.push({ id, columns: [numbers('y', y, 5), numbers('x', x, 4), numbers('z', z, 0), strings('f', f), strings('b', b), strings('cl', cl), numbers('w', x.map(() => weight), 2)] });
    for (const seType of ['classical', 'HC0', 'HC1', 'HC2', 'HC3'] as const) {
      cases.push(fit('equal-weights', `${id}-${seType}`, id, 'y ~ x + f + z', seType, { weights: 'w' }));
    }
    cases.push(fit('equal-weights', `${id}-CR2`, id, 'y ~ x + f + z', 'CR2', { weights: 'w', clusters: 'b' }));
    cases.push(fit('equal-weights', `${id}-stata`, id, 'y ~ x + f + z', 'stata', { weights: 'w', clusters: 'cl' }));
    cases.push(dim('equal-weights', `${id}-dim`, id, { weights: 'w' }));
    cases.push(dim('equal-weights', `${id}-dim-blocked`, id, { weights: 'w', blocks: 'b' }));
    cases.push(dim('equal-weights', `${id}-dim-clustered`, id, { weights: 'w', clusters: 'cl' }));
  });
  return { data, cases };
}

function hugeFewClusters(): Built {
  const data: DataSet[] = [];
  const cases: (FitCase | DimCase)[] = [];
  const shapes: [number, number, ('CR0' | 'stata' | 'CR2')[]][] = [[50_000, 3, ['CR0', 'stata']], [50_000, 4, ['stata']], [3_000, 2, ['CR2', 'CR0']], [3_000, 4, ['CR2']]];
  shapes.forEach(([n, groups, seTypes], k) => {
    const draw = new Draw(SEED + 500 + k);
    const cl = clusterIds(draw, n, groups, false) as number[];
    const x = Array.from({ length: n }, () => Number(draw.normal().toFixed(3)));
    const f = x.map(() => draw.pick(['lo', 'mid', 'hi']));
    const y = x.map((v, i) => Number((0.2 * v + (f[i] === 'hi' ? 0.3 : 0) + 0.1 * cl[i] + draw.normal()).toFixed(4)));
    const id = `t8-huge-few-${k}`;
    data.push({ id, columns: [numbers('y', y, 4), numbers('x', x, 3), strings('f', f), numbers('cl', cl, 0)] });
    for (const seType of seTypes) cases.push(fit('huge-few-clusters', `${id}-${seType}`, id, 'y ~ x + f', seType, { clusters: 'cl', note: `${n} rows, ${groups} clusters` }));
  });
  // Two clusters an arm, 2,000 rows: estimatr's CR2 on y ~ 1 + t.
  const draw = new Draw(SEED + 510);
  const cl = Array.from({ length: 2_000 }, (_, i) => 1 + (i % 4));
  const z = cl.map((c) => c % 2);
  const y = z.map((t, i) => Number((0.3 * t + 0.2 * cl[i] + draw.normal()).toFixed(4)));
  const id = 't8-huge-few-dim';
  data.push({ id, columns: [numbers('y', y, 4), numbers('z', z, 0), numbers('cl', cl, 0)] });
  cases.push(dim('huge-few-clusters', `${id}-clustered`, id, { clusters: 'cl' }));
  return { data, cases };
}

function seTypeClusters(): Built {
  const id = 't8-cluster-labels-0';
  const cases = [
    fit('se-type-clusters', 't8-se-HC1-clusters', id, 'y ~ x + f', 'HC1', { clusters: 'padded' }),
    fit('se-type-clusters', 't8-se-HC2-clusters', id, 'y ~ x + f', 'HC2', { clusters: 'padded' }),
    fit('se-type-clusters', 't8-se-classical-clusters', id, 'y ~ x + f', 'classical', { clusters: 'padded' }),
    fit('se-type-clusters', 't8-se-CR2-no-clusters', id, 'y ~ x + f', 'CR2'),
    fit('se-type-clusters', 't8-se-CR0-no-clusters', id, 'y ~ x + f', 'CR0'),
  ];
  return { data: [], cases };
}

/** Factors a (3 levels), b (3) and c (2) with some a × b combinations nobody has. */
function factorEmptyCells(): Built {
  const data: DataSet[] = [];
  const cases: FitCase[] = [];
  const formulas: [string, string][] = [
    ['cross', 'y ~ a * b'], ['colon', 'y ~ a:b'], ['cells', 'y ~ 0 + a:b'], ['cross-minus-one', 'y ~ a * b - 1'],
    ['nested', 'y ~ a + a:b'], ['in', 'y ~ b %in% a + x'], ['three-way', 'y ~ a * b * c'], ['pairs', 'y ~ (a + b + c)^2'], ['colon-x', 'y ~ a:b + x'],
  ];
  const empty = [['a1', 'b3'], ['a3', 'b1'], ['a2', 'b2']];
  for (let k = 0; k < 3; k++) {
    const draw = new Draw(SEED + 600 + k);
    const n = draw.pick([60, 120]);
    const skip = empty.slice(0, 1 + k);
    const rows = Array.from({ length: n }, () => {
      for (;;) {
        const ab = [draw.pick(['a1', 'a2', 'a3']), draw.pick(['b1', 'b2', 'b3'])];
        if (!skip.some(([sa, sb]) => sa === ab[0] && sb === ab[1])) return ab;
      }
    });
    const c = rows.map(() => draw.pick(['c1', 'c2']));
    const x = rows.map(() => Number(draw.normal().toFixed(4)));
    const y = rows.map(([a, b], i) => Number(((a === 'a2' ? 0.5 : 0) + (b === 'b3' ? -0.4 : 0) + 0.3 * x[i] + draw.normal()).toFixed(5)));
    const cl = clusterIds(draw, n, 10, true) as string[];
    const id = `t8-empty-cells-${k}`;
    data.push({ id, columns: [numbers('y', y, 5), strings('a', rows.map((r) => r[0])), strings('b', rows.map((r) => r[1])), strings('c', c), numbers('x', x, 4), strings('cl', cl)] });
    const seType = (['HC1', 'classical', 'CR2'] as const)[k];
    for (const [name, formula] of formulas) cases.push(fit('factor-empty-cells', `${id}-${name}`, id, formula, seType, k === 2 ? { clusters: 'cl' } : {}));
  }
  return { data, cases };
}

function dotFormulas(): Built {
  const draw = new Draw(SEED + 700);
  const n = 80;
  const x = Array.from({ length: n }, () => Number(draw.normal().toFixed(4)));
  const f = x.map(() => draw.pick(['red', 'green', 'blue']));
  const g = x.map(() => draw.chance(0.5));
  const k = x.map(() => 1 + draw.int(5));
  const cl = clusterIds(draw, n, 10, false) as number[];
  const w = x.map(() => Number(draw.uniform(0.5, 2).toFixed(3)));
  const y = x.map((v, i) => Number((3 + 0.4 * v + (g[i] ? 0.3 : 0) + 0.1 * k[i] + 0.3 * draw.normal()).toFixed(5)));
  const id = 't8-dot';
  const small = 't8-dot-small';
  const columns: Column[] = [numbers('y', y, 5), numbers('x', x, 4), strings('f', f), { name: 'g', kind: 'logical', values: g }, numbers('k', k, 0)];
  const data: DataSet[] = [{ id, columns: [...columns, numbers('cl', cl, 0), numbers('w', w, 3)] }, { id: small, columns }];
  const cases = [
    fit('dot-formulas', `${id}-all`, id, 'y ~ .', 'HC2'),
    fit('dot-formulas', `${id}-minus-design`, id, 'y ~ . - cl - w', 'CR2', { clusters: 'cl', weights: 'w' }),
    fit('dot-formulas', `${id}-minus-design-stata`, id, 'y ~ . - cl - w', 'stata', { clusters: 'cl' }),
    fit('dot-formulas', `${small}-squared`, small, 'y ~ .^2', 'HC2'),
    fit('dot-formulas', `${small}-no-intercept`, small, 'y ~ 0 + .', 'HC1'),
    fit('dot-formulas', `${small}-plus-square`, small, 'y ~ . + I(x^2)', 'HC3'),
    fit('dot-formulas', `${small}-log-outcome`, small, 'log(y) ~ . - k', 'HC2'),
  ];
  return { data, cases };
}

function interceptOnly(): Built {
  const id = 't8-dot';
  const cases = [
    fit('intercept-only', 't8-intercept-HC2', id, 'y ~ 1', 'HC2'),
    fit('intercept-only', 't8-intercept-weighted-HC1', id, 'y ~ 1', 'HC1', { weights: 'w' }),
    fit('intercept-only', 't8-intercept-CR2', id, 'y ~ 1', 'CR2', { clusters: 'cl' }),
    fit('intercept-only', 't8-intercept-CR0', id, 'y ~ 1', 'CR0', { clusters: 'cl' }),
    fit('intercept-only', 't8-intercept-stata-weighted', id, 'y ~ 1', 'stata', { clusters: 'cl', weights: 'w' }),
    fit('intercept-only', 't8-intercept-CR2-weighted', id, 'y ~ 1', 'CR2', { clusters: 'cl', weights: 'w' }),
  ];
  return { data: [], cases };
}

const LIKERT = ['strongly disagree', 'disagree', 'neutral', 'agree', 'strongly agree'];

/** Ordered factors: contr.poly where an unordered factor gets treatment contrasts, indicators where all levels. */
function orderedFactors(): Built {
  const draw = new Draw(SEED + 800);
  const n = 150;
  const likert = Array.from({ length: n }, (_, i) => (i < 5 ? LIKERT[i] : draw.pick(LIKERT)));
  const k = likert.map((_, i) => (i < 6 ? i + 1 : 1 + draw.int(6)));
  const two = likert.map(() => draw.pick(['no', 'yes']));
  const f = likert.map(() => draw.pick(['p', 'q', 'r']));
  const x = likert.map(() => Number(draw.normal().toFixed(4)));
  const y = likert.map((l, i) => Number((0.3 * LIKERT.indexOf(l) - 0.05 * k[i] * k[i] + 0.4 * x[i] + draw.normal()).toFixed(5)));
  const cl = clusterIds(draw, n, 12, true) as string[];
  const w = likert.map(() => Number(draw.uniform(0.3, 3).toFixed(3)));
  const id = 't8-ordered';
  const data: DataSet[] = [{ id, columns: [numbers('y', y, 5), strings('likert', likert), numbers('k', k, 0), strings('two', two), strings('f', f), numbers('x', x, 4), strings('cl', cl), numbers('w', w, 3)] }];
  const declared = `factor(likert, levels = c(${LIKERT.map((l) => `"${l}"`).join(', ')}), ordered = TRUE)`;
  const formulas: [string, string, Partial<FitCase> & { se: FitCase['se_type'] }][] = [
    ['main', 'y ~ ordered(k) + x', { se: 'HC2' }],
    ['likert-by-x', `y ~ ${declared} * x`, { se: 'CR2', clusters: 'cl' }],
    ['full-dummies', 'y ~ 0 + ordered(k)', { se: 'classical' }],
    ['slopes', 'y ~ ordered(k):x', { se: 'HC1' }],
    ['by-factor', 'y ~ as.ordered(k) * f', { se: 'HC3' }],
    ['two-ordered-weighted', `y ~ ordered(k) + ${declared}`, { se: 'HC2', weights: 'w' }],
    ['two-levels', 'y ~ ordered(two) + factor(k, ordered = TRUE)', { se: 'stata', clusters: 'cl' }],
    ['reversed', 'y ~ ordered(k, levels = 6:1) + x', { se: 'CR0', clusters: 'cl' }],
    ['with-unordered', 'y ~ ordered(k) + factor(k)', { se: 'HC2' }],
    ['nested', 'y ~ f/ordered(two)', { se: 'HC1' }],
    ['relevel', 'y ~ relevel(ordered(k), ref = "2")', { se: 'HC2' }],
  ];
  const cases = formulas.map(([name, formula, { se, ...extra }]) => fit('ordered-factors', `${id}-${name}`, id, formula, se, extra));
  return { data, cases };
}

/** Fixed effects of the clusters themselves (state dummies with state clusters), the common panel shape. */
function clusterFixedEffects(): Built {
  const data: DataSet[] = [];
  const cases: FitCase[] = [];
  for (let k = 0; k < 3; k++) {
    const draw = new Draw(SEED + 850 + k);
    const n = draw.pick([80, 200, 400]);
    const cl = clusterIds(draw, n, draw.pick([5, 10, 20]), k !== 1);
    const x = cl.map(() => Number(draw.normal().toFixed(4)));
    const t = cl.map(() => (draw.chance(0.5) ? 1 : 0));
    const w = cl.map(() => Number(draw.uniform(0.3, 3).toFixed(3)));
    const y = x.map((v, i) => Number((0.4 * v + 0.5 * t[i] + 0.2 * Number(String(cl[i]).replace('c', '')) + draw.normal()).toFixed(5)));
    const id = `t8-cluster-fe-${k}`;
    data.push({ id, columns: [numbers('y', y, 5), numbers('x', x, 4), numbers('t', t, 0), k === 1 ? numbers('cl', cl as number[], 0) : strings('cl', cl as string[]), numbers('w', w, 3)] });
    const fe = k === 1 ? 'factor(cl)' : 'cl';
    for (const seType of ['CR2', 'CR0', 'stata'] as const) {
      cases.push(fit('cluster-fixed-effects', `${id}-${seType}`, id, `y ~ t + x + ${fe}`, seType, { clusters: 'cl' }));
    }
    cases.push(fit('cluster-fixed-effects', `${id}-CR2-weighted`, id, `y ~ t * x + ${fe}`, 'CR2', { clusters: 'cl', weights: 'w' }));
    cases.push(fit('cluster-fixed-effects', `${id}-no-intercept`, id, `y ~ 0 + ${fe} + t`, 'CR2', { clusters: 'cl' }));
  }
  return { data, cases };
}

/** Every class design of the eighth trial with its cases. */
export function trial8Designs(): Built {
  const parts = [textLevelOrder(), dimTextTreatment(), numericFactorOrder(), clusterLabelTypes(), equalWeights(), hugeFewClusters(), seTypeClusters(), factorEmptyCells(), dotFormulas(), interceptOnly(), spellingsAndRandomFormulas(), orderedFactors(), clusterFixedEffects()];
  return { data: parts.flatMap((p) => p.data), cases: parts.flatMap((p) => p.cases) };
}

// Terms an analyst types, for random formulas of one to three of them (one product at most), and R's other spellings.
const TERMS = ['x', 'z', 'f', 'g', 'b', 'k', 'factor(k)', 'I(x^2)', 'log(z + 3)', 'x:f', 'poly(x, 2)', 'scale(z)', 'relevel(factor(g), ref = "b")',
  'I(k > 2)', 'exp(x/3)', 'sqrt(abs(z))', 'b:x', 'g/x', 'x %in% f', 'factor(b)', 'log2(k)', 'k:z'];

const SPELLINGS: [string, string][] = [
  ['raw-T', 'y ~ poly(z, 2, raw = T) + f'],
  ['center-F', 'y ~ scale(x, center = F) + g'],
  ['scale-F-T', 'y ~ scale(z, center = T, scale = F) + b'],
  ['star-star', 'y ~ I(x**2) + x + f'],
  ['and-T', 'y ~ I(x > 0 & T) * f'],
  ['levels-colon', 'y ~ factor(k, levels = 5:1) + x'],
  ['levels-c-colon', 'y ~ factor(k, levels = c(3, 1:2, 5:4)) * b'],
  ['levels-logical', 'y ~ factor(b, levels = c(TRUE, FALSE)) + x'],
  ['levels-duplicated', 'y ~ factor(k, levels = c(5, 4, 5, 3:1)) + x'],
  // scale()'s last bit decides which of bFALSE:x and bTRUE:x is aliased (bFALSE:x + bTRUE:x = x ∝ scale(x)).
  ['scale-tie', 'y ~ b:x + g/x + factor(k, levels = 5:1) + scale(x, center = F)'],
  ['scale-tie-centred', 'y ~ b:x + f + scale(x)'],
  // The outcome as estimatr reads it (a formula too): arithmetic with - and + 1, ^ a number; * / : + between
  // variables and other numbers stop it (R errors, so must vlab).
  ['outcome-minus', 'y - x ~ f'],
  ['outcome-plus-one', 'y + 1 ~ x + g'],
  ['outcome-negated', '-y ~ x'],
  ['outcome-square', '(y)^2 ~ x + b'],
  ['outcome-times', 'y * 100 ~ x'],
  ['outcome-divided', 'y / 2 ~ x'],
  ['outcome-minus-two', 'y - 2 ~ x'],
  ['outcome-sum', 'y + x ~ f'],
  ['outcome-colon', 'y:x ~ f'],
  ['outcome-power', 'y^k ~ f'],
];

function spellingsAndRandomFormulas(): Built {
  const draw = new Draw(SEED + 900);
  const n = 120;
  const x = Array.from({ length: n }, () => Number(draw.normal().toFixed(4)));
  const z = x.map(() => Number(draw.uniform(-2, 2).toFixed(4)));
  const k = x.map(() => 1 + draw.int(5));
  const f = x.map(() => draw.pick(['lo', 'mid', 'hi']));
  const g = x.map(() => draw.pick(['a', 'B', 'b', 'C']));
  const b = x.map(() => draw.chance(0.4));
  const cl = clusterIds(draw, n, 15, true) as string[];
  const w = x.map(() => Number(draw.uniform(0.2, 3).toFixed(3)));
  const y = x.map((v, i) => Number((0.5 * v - 0.2 * z[i] + (f[i] === 'hi' ? 0.4 : 0) + (b[i] ? 0.3 : 0) + 0.1 * k[i] + draw.normal()).toFixed(5)));
  const id = 't8-formulas';
  const columns: Column[] = [numbers('y', y, 5), numbers('x', x, 4), numbers('z', z, 4), numbers('k', k, 0), strings('f', f), strings('g', g)];
  const data: DataSet[] = [{ id, columns: [...columns, { name: 'b', kind: 'logical', values: b }, strings('cl', cl), numbers('w', w, 3)] }];
  const cases: FitCase[] = [];
  SPELLINGS.forEach(([name, formula], c) => {
    cases.push(fit('r-spellings', `t8-spellings-${name}`, id, formula, (['HC2', 'CR0', 'CR2'] as const)[c % 3], c % 3 === 0 ? {} : { clusters: 'cl' }));
  });
  for (let c = 0; c < 60; c++) {
    const terms = Array.from({ length: 1 + draw.int(3) }, () => draw.pick(TERMS));
    const product = terms.length > 1 && draw.chance(0.3);
    const formula = `y ~ ${draw.pick(['', '', '', '0 + '])}${product ? `${terms[0]} * ${terms.slice(1).join(' + ')}` : terms.join(' + ')}`;
    const clustered = draw.chance(0.4);
    const seType = clustered ? draw.pick(['CR2', 'CR0', 'stata'] as const) : draw.pick(['classical', 'HC0', 'HC1', 'HC2', 'HC3'] as const);
    const extra = { ...(clustered ? { clusters: 'cl' } : {}), ...(draw.chance(0.3) ? { weights: 'w' } : {}), alpha: draw.pick([0.05, 0.1]) };
    cases.push(fit('random-formulas', `t8-formula-${c}`, id, formula, seType, extra));
  }
  return { data, cases };
}

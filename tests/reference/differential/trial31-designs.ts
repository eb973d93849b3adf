// The thirty-first R trial's classes (task rtrial31, 2026-12-06): inputs no earlier trial stored, drawn from stated seeds
// (Draw(31_100_000) for the data, Draw(31_100_001) for the p-values, Draw(31_100_002) for the drawn fits), fitted by R
// and stored in expected.json.gz (refit: write-inputs.ts, then differential.R; only new cases are refitted). What each
// class stresses:
// - weights-spread-31: weights spanning 1e-6 to 1e6 (one column, twelve orders of magnitude), with zeros, in lm_robust
//   under every se type (CR2 and stata with clusters, fixed effects) and in difference_in_means with blocks, clusters
//   and matched pairs.
// - dim-small-blocks-31: blocked difference_in_means with blocks of one and two rows (estimatr stops on a block of one
//   row or with one arm only), blocks of two and three rows (weighted: estimatr reads them as pairs and stops), matched
//   pairs, pairs with both rows treated, pairs of which a missing outcome breaks one, weighted pairs.
// - cr2-one-huge-cluster-31: CR2 (and CR0, stata) with one cluster of 120 of 240 rows beside 60 clusters of 2 and 60
//   of 1, weighted, with factors and a cluster-level treatment.
// - empty-cells-31: factor interactions with empty cells (rank deficient: estimatr's NA coefficients) under stata, CR0,
//   CR2, HC1 and classical, weighted, three-way, with a numeric.
// - number-like-levels-31: columns whose text looks like numbers: "01", "1" and "1.0" together (read.csv reads a number,
//   1 on every row: factor() of it has one level and R stops), with "2", with text among them (levels "01" < "1" <
//   "1.0" < "a" in C order), "1e0"/"+1"/"-0", as factor(), as numbers and as fixed effects.
// - logical-outcomes-31: outcomes TRUE/FALSE and 0/1 in lm_robust (weights, clusters, fixed effects, cregg) and in
//   difference_in_means, and a TRUE/FALSE covariate.
// - long-formulas-31: formulas of 40 terms (30 numeric columns, factors, interactions, I() and log()), weighted and
//   clustered, one with more columns than R can fit with its rows (aliasing).
// - p-adjust-31: every method on p-values with NA and a family n larger than the p-values (twice, ten times, n with
//   only NA but one).
// - power-31: power.t.test at its edges — one-sample, paired, one-sided, sd of 1e-9 and 1e9, power solved for delta and
//   n, power 0.999999, 0.03 (with strict below alpha: R's uniroot stops, so does vlab) and 0.06.
// - power-prop-equal-31: power.prop.test with p1 = p2: R's power is alpha/2 (alpha with strict) inside (0, 1) and NaN at
//   both 0 or both 1, which vlab declines in words (the groups never differ: the test has no variance).
// - rake-many-31: survey::rake with six margins, a level of share 1e-4, margins that meet only after many passes, base
//   weights spanning 1e-3 to 1e3, and margins no weights meet (survey does not converge: vlab refuses).
// - trial31-random: 30 drawn fits of these columns, weights and clusters.
import type { SeType } from '../../../analysis/index.ts';
import { dim, fit, numbers, strings } from './case-builders.ts';
import type { DataSet, DimCase, FitCase, PAdjustCase, PowerCase, PowerPropCase, RakeCase } from './case-types.ts';
import { Draw, type Column } from './random-data.ts';

interface Built {
  data: DataSet[];
  cases: (FitCase | DimCase | PAdjustCase | PowerCase | PowerPropCase | RakeCase)[];
}

const SEED = 31_100_000;
const P_SEED = 31_100_001;
const RANDOM_SEED = 31_100_002;
const ID = 't31';
const ROWS = 240;
const WIDE = 30;

/** Weight scales from 1e-6 to 1e6: each row's weight is one of them times 1–10 (printed at 8 decimals). */
const WEIGHT_SCALES = [1e-6, 1e-4, 1e-2, 1, 1e2, 1e4, 1e6];

/**
 * 240 rows: id; pair (120 pairs) and zp (one of each treated), zp2 (both rows of pair 5 treated); b12 (pairs, but
 * rows 1 and 2 each a block of one row; with zp); bsm (blocks of 1, 2 and 3 rows) and zsm; b23 (blocks of 2 and 3
 * rows, both arms in each) and z23; clh (one cluster of
 * rows 1–120, then 60 of 2, then 60 single rows), zh (by cluster clh); cl (40 clusters of 6); fe (8 levels); z (0/1);
 * x (0.1–5), u (normal), c1…c30 (normal, 2 decimals); f (a/b/c), g (p/q/r/s; never f = c with g = s), h (h1/h2,
 * never f = a with h = h2); ws (1e-6 to 1e6), wsz (ws, 0 on ~15 %), w (0.2–3); y, yna (NA on ~4 %), yb (0/1), yl
 * (TRUE/FALSE), xl (TRUE/FALSE); n1 ("01"/"1"/"1.0"), n2 (and "2"), nt (and "a"), ne ("1e0"/"+1"/"-0"/"2"); sex, age,
 * region, edu, inc, urb for raking and bw (base weights 1e-3 to 1e3).
 */
function trialData(draw: Draw): Column[] {
  const rows = Array.from({ length: ROWS }, (_, i) => i);
  const pair = rows.map((i) => 1 + Math.floor(i / 2));
  const pairFirst = Array.from({ length: 121 }, () => draw.chance(0.5));
  const zp = rows.map((i) => ((i % 2 === 0) === pairFirst[pair[i]] ? 1 : 0));
  const zp2 = zp.map((v, i) => (pair[i] === 5 ? 1 : v));
  const b12 = rows.map((i) => (i < 2 ? i + 1 : 2 + pair[i]));
  const bsm = rows.map((i) => 1 + Math.floor(i / 6) * 3 + [0, 1, 1, 2, 2, 2][i % 6]);
  const zsm = rows.map((i) => [draw.chance(0.5) ? 1 : 0, 0, 1, 1, 0, draw.chance(0.5) ? 1 : 0][i % 6]);
  const b23 = rows.map((i) => 1 + Math.floor(i / 5) * 2 + (i % 5 < 2 ? 0 : 1));
  const z23 = rows.map((i) => (i % 5 === 0 ? (draw.chance(0.5) ? 1 : 0) : i % 5 === 1 ? -1 : [1, 0, draw.chance(0.5) ? 1 : 0][(i % 5) - 2])).map((v, i, all) => (v === -1 ? 1 - all[i - 1] : v));
  const clh = rows.map((i) => (i < 120 ? 1 : i < 240 - 60 ? 2 + Math.floor((i - 120) / 2) : 32 + i - 180));
  const zhOf = Array.from({ length: 93 }, (_, c) => (c === 1 ? 0 : c === 2 ? 1 : draw.chance(0.5) ? 1 : 0));
  const zh = clh.map((c) => zhOf[c]);
  const cl = rows.map((i) => 1 + Math.floor(i / 6));
  const fe = rows.map((i) => `e${1 + ((i * 3) % 8)}`);
  const z = rows.map((i) => (i < 2 ? i : draw.chance(0.5) ? 1 : 0));
  const x = rows.map(() => Number(draw.uniform(0.1, 5).toFixed(1)));
  const u = rows.map(() => Number(draw.normal().toFixed(2)));
  const wide = Array.from({ length: WIDE }, () => rows.map(() => Number(draw.normal().toFixed(2))));
  const f = rows.map((i) => ['a', 'b', 'c'][i < 3 ? i : draw.int(3)]);
  const g = rows.map((i, k) => (i < 4 ? (f[k] === 'c' && i === 3 ? 'r' : ['p', 'q', 'r', 's'][i]) : f[k] === 'c' ? draw.pick(['p', 'q', 'r']) : draw.pick(['p', 'q', 'r', 's'])));
  const h = rows.map((i, k) => (f[k] === 'a' ? 'h1' : i < 6 ? ['h1', 'h2'][i % 2] : draw.pick(['h1', 'h2'])));
  const ws = rows.map(() => Number((draw.pick(WEIGHT_SCALES) * Number(draw.uniform(1, 10).toFixed(2))).toFixed(8)));
  const wsz = ws.map((v, i) => (i > 5 && draw.chance(0.15) ? 0 : v));
  const w = rows.map(() => Number(draw.uniform(0.2, 3).toFixed(3)));
  const fEffect: Record<string, number> = { a: 0, b: 0.4, c: -0.3 };
  const shock = Array.from({ length: 41 }, () => 0.4 * draw.normal());
  const y = rows.map((i) => Number((1 + 0.3 * x[i] + 0.5 * z[i] + 0.3 * zp[i] + fEffect[f[i]] + 0.2 * u[i] + 0.1 * wide[0][i] + shock[cl[i]] + draw.normal()).toFixed(4)));
  const yna = y.map((v, i) => (i > 3 && draw.chance(0.04) ? null : v));
  const yb = y.map((v) => (v > 1.8 ? 1 : 0));
  const xl = rows.map((i) => (i < 2 ? i === 0 : draw.chance(0.4)));
  const looks = (values: string[]) => rows.map((i) => values[i < values.length ? i : draw.int(values.length)]);
  const rake = (levels: string[], weights: number[]) => rows.map((i) => (i < levels.length ? levels[i] : pickWeighted(draw, levels, weights)));
  return [
    numbers('id', rows.map((i) => i + 1), 0), numbers('pair', pair, 0), numbers('zp', zp, 0), numbers('zp2', zp2, 0),
    numbers('b12', b12, 0), numbers('bsm', bsm, 0), numbers('zsm', zsm, 0), numbers('b23', b23, 0), numbers('z23', z23, 0), numbers('clh', clh, 0), numbers('zh', zh, 0),
    numbers('cl', cl, 0), strings('fe', fe), numbers('z', z, 0), numbers('x', x, 1), numbers('u', u, 2),
    ...wide.map((values, k) => numbers(`c${k + 1}`, values, 2)),
    strings('f', f), strings('g', g), strings('h', h), numbers('ws', ws, 8), numbers('wsz', wsz, 8), numbers('w', w, 3),
    numbers('y', y, 4), numbers('yna', yna, 4), numbers('yb', yb, 0),
    { name: 'yl', kind: 'logical', values: yb.map((v) => v === 1) }, { name: 'xl', kind: 'logical', values: xl },
    strings('n1', looks(['01', '1', '1.0'])), strings('n2', looks(['01', '1', '1.0', '2'])), strings('nt', looks(['01', '1', '1.0', 'a'])),
    strings('ne', looks(['1e0', '+1', '-0', '2'])),
    strings('sex', rake(['male', 'female'], [0.48, 0.52])), strings('age', rake(['18-29', '30-44', '45-64', '65+'], [0.2, 0.25, 0.35, 0.2])),
    strings('region', rake(['N', 'E', 'S', 'W'], [0.2, 0.3, 0.3, 0.2])), strings('edu', rake(['low', 'mid', 'high', 'phd'], [0.3, 0.4, 0.27, 0.03])),
    strings('inc', rake(['q1', 'q2', 'q3', 'q4', 'q5'], [0.2, 0.2, 0.2, 0.2, 0.2])), strings('urb', rake(['urban', 'rural'], [0.7, 0.3])),
    numbers('bw', rows.map(() => Number((draw.pick([1e-3, 1e-1, 1, 10, 1e3]) * Number(draw.uniform(1, 10).toFixed(2))).toFixed(5))), 5),
  ];
}

function pickWeighted(draw: Draw, levels: string[], weights: number[]): string {
  let left = draw.uniform();
  for (let k = 0; k < levels.length - 1; k++) {
    if (left < weights[k]) return levels[k];
    left -= weights[k];
  }
  return levels[levels.length - 1];
}

type Row = [string, string, SeType, Partial<FitCase>?];

const WEIGHTS_SPREAD: Row[] = [
  ['classical', 'y ~ x + z', 'classical', { weights: 'ws' }],
  ['hc0', 'y ~ x + z + f', 'HC0', { weights: 'ws' }],
  ['hc1', 'y ~ x * z', 'HC1', { weights: 'ws' }],
  ['hc2', 'y ~ x + z', 'HC2', { weights: 'ws' }],
  ['hc3', 'y ~ x + f', 'HC3', { weights: 'ws' }],
  ['cr0', 'y ~ x + z', 'CR0', { weights: 'ws', clusters: 'cl' }],
  ['stata', 'y ~ x + z + f', 'stata', { weights: 'ws', clusters: 'cl' }],
  ['cr2', 'y ~ x + z', 'CR2', { weights: 'ws', clusters: 'cl' }],
  ['cr2-factor', 'y ~ f + u', 'CR2', { weights: 'ws', clusters: 'cl' }],
  ['zeros-classical', 'y ~ x + z', 'classical', { weights: 'wsz' }],
  ['zeros-hc2', 'y ~ x * f', 'HC2', { weights: 'wsz' }],
  ['zeros-hc3', 'y ~ x + z', 'HC3', { weights: 'wsz' }],
  ['zeros-cr2', 'y ~ x + z', 'CR2', { weights: 'wsz', clusters: 'cl' }],
  ['zeros-cr0', 'y ~ x + u + f', 'CR0', { weights: 'wsz', clusters: 'cl' }],
  ['zeros-stata', 'y ~ x + z', 'stata', { weights: 'wsz', clusters: 'clh' }],
  ['zeros-cr2-huge-cluster', 'y ~ x + zh', 'CR2', { weights: 'wsz', clusters: 'clh' }],
  ['fe-hc1', 'y ~ x + z', 'HC1', { weights: 'ws', fixed_effects: '~ fe' }],
  ['fe-zeros-hc2', 'y ~ x + z', 'HC2', { weights: 'wsz', fixed_effects: '~ fe' }],
  ['fe-zeros-cr0', 'y ~ x + z', 'CR0', { weights: 'wsz', fixed_effects: '~ fe', clusters: 'cl' }],
  ['fe-stata', 'y ~ x + f', 'stata', { weights: 'ws', fixed_effects: '~ fe', clusters: 'cl' }],
  ['missing-outcome', 'yna ~ x + z', 'HC2', { weights: 'wsz' }],
  ['cregg', 'y ~ x + z', 'cregg', { weights: 'ws', clusters: 'cl' }],
];

const CR2_ONE_HUGE: Row[] = [
  ['plain', 'y ~ x + z', 'CR2', { clusters: 'clh' }],
  ['treatment-by-cluster', 'y ~ zh', 'CR2', { clusters: 'clh' }],
  ['treatment-by-cluster-covariates', 'y ~ zh + x + f', 'CR2', { clusters: 'clh' }],
  ['weighted', 'y ~ x + z', 'CR2', { clusters: 'clh', weights: 'w' }],
  ['weighted-factor', 'y ~ f * z', 'CR2', { clusters: 'clh', weights: 'w' }],
  ['interaction', 'y ~ x * zh', 'CR2', { clusters: 'clh' }],
  ['alpha-0.01', 'y ~ x + zh', 'CR2', { clusters: 'clh', alpha: 0.01 }],
  ['cr0', 'y ~ x + zh', 'CR0', { clusters: 'clh' }],
  ['stata', 'y ~ x + zh + f', 'stata', { clusters: 'clh' }],
  ['missing-outcome', 'yna ~ x + zh', 'CR2', { clusters: 'clh' }],
  ['fixed-effects', 'y ~ x + z', 'CR2', { clusters: 'clh', fixed_effects: '~ fe' }],
  ['cregg', 'y ~ x + zh', 'cregg', { clusters: 'clh' }],
];

const EMPTY_CELLS: Row[] = [
  ['stata', 'y ~ f * g', 'stata', { clusters: 'cl' }],
  ['stata-weights', 'y ~ f * g', 'stata', { clusters: 'cl', weights: 'w' }],
  ['cr0', 'y ~ f * g + x', 'CR0', { clusters: 'cl' }],
  ['cr2', 'y ~ f * g', 'CR2', { clusters: 'cl' }],
  ['hc1', 'y ~ f * g', 'HC1'],
  ['classical', 'y ~ f:g', 'classical'],
  ['no-intercept', 'y ~ 0 + f:g', 'HC2'],
  ['two-empty', 'y ~ f * h', 'stata', { clusters: 'cl' }],
  ['three-way', 'y ~ f * g * h', 'HC2'],
  ['three-way-stata', 'y ~ f * g * h', 'stata', { clusters: 'cl', weights: 'w' }],
  ['with-numeric', 'y ~ f * g * x', 'HC2'],
  ['spread-weights', 'y ~ f * g', 'stata', { clusters: 'cl', weights: 'ws' }],
  ['fixed-effects', 'y ~ f * g', 'stata', { clusters: 'cl', fixed_effects: '~ fe' }],
  ['cregg', 'y ~ f * g', 'cregg', { clusters: 'cl' }],
];

const NUMBER_LIKE: Row[] = [
  ['one-value-factor', 'y ~ factor(n1) + x', 'HC2'],
  ['one-value-numeric', 'y ~ n1 + x', 'HC2'],
  ['with-two-factor', 'y ~ factor(n2) + x', 'HC2'],
  ['with-two-numeric', 'y ~ n2 + x', 'HC2'],
  ['with-text', 'y ~ nt + x', 'HC2'],
  ['with-text-factor', 'y ~ factor(nt) * z', 'HC1'],
  ['with-text-relevel', 'y ~ relevel(factor(nt), ref = "1.0")', 'HC2'],
  ['exponent-signs', 'y ~ factor(ne) + x', 'HC2'],
  ['exponent-signs-numeric', 'y ~ ne * z', 'CR2', { clusters: 'cl' }],
  ['text-fixed-effect', 'y ~ x + z', 'HC1', { fixed_effects: '~ nt' }],
  ['text-cluster', 'y ~ x + z', 'CR2', { clusters: 'nt' }],
  ['text-declared', 'y ~ nt + x', 'HC2', { levels: { nt: ['a', '1.0', '1', '01'] } }],
];

const LOGICAL: Row[] = [
  ['logical-hc2', 'yl ~ x + z', 'HC2'],
  ['logical-weights-cr2', 'yl ~ x + f', 'CR2', { clusters: 'cl', weights: 'w' }],
  ['logical-fixed-effects', 'yl ~ x + z', 'CR0', { clusters: 'cl', fixed_effects: '~ fe' }],
  ['logical-cregg', 'yl ~ z', 'cregg', { clusters: 'cl' }],
  ['logical-classical', 'yl ~ f * z', 'classical'],
  ['binary-hc2', 'yb ~ x + z', 'HC2'],
  ['binary-stata', 'yb ~ z * f', 'stata', { clusters: 'cl' }],
  ['binary-spread-weights', 'yb ~ x + z', 'HC1', { weights: 'wsz' }],
  ['logical-covariate', 'y ~ xl + z', 'HC2'],
  ['logical-covariate-interaction', 'y ~ xl * x', 'CR2', { clusters: 'cl' }],
  ['logical-both', 'yl ~ xl + x', 'HC3'],
  ['logical-in-i', 'y ~ I(xl & z == 1)', 'HC2'],
];

/** c<from> + … + c<to>: with ten more terms, formulas of 40 terms. */
const wideTerms = (to: number, from = 1) => Array.from({ length: to - from + 1 }, (_, k) => `c${from + k}`).join(' + ');
const LONG: Row[] = [
  ['forty', `y ~ ${wideTerms(30)} + x + u + z + f + g + x:z + I(x^2) + log(x) + f:z + h`, 'HC2'],
  ['forty-weighted', `y ~ ${wideTerms(30)} + x + u + z + f + g + x:z + I(x^2) + log(x) + f:z + h`, 'HC1', { weights: 'w' }],
  ['forty-cr2', `y ~ ${wideTerms(30)} + x + u + z + f + g + x:z + I(x^2) + log(x) + f:z + h`, 'CR2', { clusters: 'cl' }],
  ['forty-stata-spread', `y ~ ${wideTerms(30)} + x + u + z + f + g + x:z + I(x^2) + log(x) + f:z + h`, 'stata', { clusters: 'cl', weights: 'ws' }],
  ['forty-fixed-effects', `y ~ ${wideTerms(30)} + x + u + z + f + g + x:z + I(x^2) + log(x) + f:z + h`, 'HC2', { fixed_effects: '~ fe' }],
  ['forty-classical-missing', `yna ~ ${wideTerms(30)} + x + u + z + f + g + x:z + I(x^2) + log(x) + f:z + h`, 'classical'],
  ['forty-interactions', `y ~ (${wideTerms(8)}) * z + ${wideTerms(28, 9)} + f + g + h`, 'HC2'],
  ['forty-aliased', `y ~ ${wideTerms(30)} + x + u + z + f * g * h + I(c1 + c2) + x:z`, 'HC2'],
  ['forty-cregg', `y ~ ${wideTerms(30)} + x + u + z + f + g + x:z + I(x^2) + log(x) + f:z + h`, 'cregg', { clusters: 'cl' }],
];

/** difference_in_means on small blocks, pairs and spread weights. */
function dimCases(): DimCase[] {
  const d = (group: DimCase['group'], name: string, extra: Partial<DimCase>) => dim(group, `${ID}-dim-${name}`, `${ID}-data`, extra);
  const s = (name: string, extra: Partial<DimCase>) => d('dim-small-blocks-31', name, extra);
  const w = (name: string, extra: Partial<DimCase>) => d('weights-spread-31', `spread-${name}`, extra);
  const l = (name: string, extra: Partial<DimCase>) => d('logical-outcomes-31', name, extra);
  return [
    s('pairs', { treatment: 'zp', blocks: 'pair' }),
    s('pairs-weighted', { treatment: 'zp', blocks: 'pair', weights: 'w' }),
    s('pairs-missing-outcome', { outcome: 'yna', treatment: 'zp', blocks: 'pair' }),
    s('pairs-both-treated', { treatment: 'zp2', blocks: 'pair' }),
    s('pairs-alpha-0.01', { treatment: 'zp', blocks: 'pair', alpha: 0.01 }),
    s('blocks-of-one', { treatment: 'zp', blocks: 'b12' }),
    s('blocks-one-two-three', { treatment: 'zsm', blocks: 'bsm' }),
    s('blocks-one-two-three-weighted', { treatment: 'zsm', blocks: 'bsm', weights: 'w' }),
    s('blocks-two-three', { treatment: 'z23', blocks: 'b23' }),
    s('blocks-two-three-weighted', { treatment: 'z23', blocks: 'b23', weights: 'w' }),
    s('blocks-two-three-clusters', { treatment: 'zh', blocks: 'b23', clusters: 'clh' }),
    s('pairs-binary', { outcome: 'yb', treatment: 'zp', blocks: 'pair' }),
    s('pairs-of-clusters-huge', { treatment: 'zh', clusters: 'clh' }),
    w('plain', { weights: 'ws' }),
    w('zeros', { weights: 'wsz' }),
    w('blocks', { weights: 'ws', blocks: 'fe' }),
    w('blocks-zeros', { weights: 'wsz', blocks: 'fe' }),
    w('clusters', { weights: 'ws', clusters: 'clh', treatment: 'zh' }),
    w('clusters-zeros', { weights: 'wsz', clusters: 'clh', treatment: 'zh' }),
    w('pairs', { weights: 'ws', blocks: 'pair', treatment: 'zp' }),
    w('pairs-zeros', { weights: 'wsz', blocks: 'pair', treatment: 'zp' }),
    w('missing-outcome', { outcome: 'yna', weights: 'wsz' }),
    l('logical', { outcome: 'yl' }),
    l('logical-blocks', { outcome: 'yl', blocks: 'fe' }),
    l('logical-clusters-weights', { outcome: 'yl', clusters: 'clh', treatment: 'zh', weights: 'w' }),
    l('binary-weights', { outcome: 'yb', weights: 'wsz' }),
  ];
}

/** Every method on drawn p-values with NA, at R's n and at a larger family. */
function pAdjustCases(draw: Draw): PAdjustCase[] {
  const p = Array.from({ length: 30 }, (): number | null => (draw.chance(0.2) ? null : Number((draw.uniform() ** 3).toFixed(4))));
  const pa = (name: string, values: (number | null)[], method: PAdjustCase['method'], n?: number): PAdjustCase => ({
    kind: 'p_adjust', id: `${ID}-p-adjust-${name}`, group: 'p-adjust-31', p: values, method, ...(n === undefined ? {} : { n }),
  });
  const present = p.filter((v) => v !== null).length;
  const methods: PAdjustCase['method'][] = ['holm', 'hochberg', 'hommel', 'bonferroni', 'BH', 'BY', 'fdr', 'none'];
  return [
    ...methods.map((m) => pa(`${m}-na`, p, m)),
    ...methods.map((m) => pa(`${m}-na-n-twice`, p, m, 2 * present)),
    pa('hommel-na-n-ten-times', p, 'hommel', 10 * present),
    pa('by-na-n-ten-times', p, 'BY', 10 * present),
    pa('one-present-hommel-n-3', [null, 0.02, null], 'hommel', 3),
    pa('one-present-by-n-4', [null, null, 0.02], 'BY', 4),
    pa('leading-na-hochberg-n-6', [null, 0.01, 0.04, 0.04], 'hochberg', 6),
  ];
}

type PowerInput = Omit<PowerCase, 'kind' | 'id' | 'group' | 'alpha' | 'sd'> & { alpha?: number; sd?: number };
const power = (name: string, input: PowerInput): PowerCase => ({ kind: 'power', id: `${ID}-power-${name}`, group: 'power-31', alpha: 0.05, sd: 1, ...input });

const POWER: PowerCase[] = [
  power('one-sample-n', { solve: 'n', effect: 0.3, power: 0.8, type: 'one.sample', strict: false }),
  power('one-sample-effect', { solve: 'effect', n: 25, power: 0.9, type: 'one.sample', strict: false }),
  power('one-sample-one-sided-power', { solve: 'power', effect: 0.2, n: 40, type: 'one.sample', alternative: 'one.sided', strict: false }),
  power('paired-n', { solve: 'n', effect: 0.25, sd: 0.8, power: 0.85, type: 'paired', strict: false }),
  power('paired-effect-strict', { solve: 'effect', n: 12, power: 0.7, type: 'paired', strict: true }),
  power('paired-one-sided-n', { solve: 'n', effect: 1.5, sd: 2, power: 0.95, type: 'paired', alternative: 'one.sided', strict: false }),
  power('one-sided-effect', { solve: 'effect', n: 60, power: 0.8, alternative: 'one.sided', strict: false }),
  power('tiny-sd-power', { solve: 'power', effect: 1e-9, sd: 1e-9, n: 20, strict: false }),
  // Not the effect at sd 1e-9: R's uniroot tolerance is absolute (1e-12 here, 2e-3 of an effect of 5.7e-10).
  power('tiny-sd-n', { solve: 'n', effect: 5e-10, sd: 1e-9, power: 0.8, strict: false }),
  power('huge-sd-n', { solve: 'n', effect: 3e8, sd: 1e9, power: 0.8, strict: false }),
  power('huge-sd-effect', { solve: 'effect', sd: 1e9, n: 1000, power: 0.9, strict: false }),
  power('power-near-one-n', { solve: 'n', effect: 0.5, power: 0.999999, strict: false }),
  power('power-near-one-effect', { solve: 'effect', n: 30, power: 0.999999, type: 'one.sample', strict: false }),
  power('low-power-effect', { solve: 'effect', n: 100, power: 0.03, strict: true }),
  power('low-power-one-sided-n', { solve: 'n', effect: 0.01, power: 0.06, alternative: 'one.sided', strict: false }),
  power('one-sample-n-huge', { solve: 'n', effect: 0.001, power: 0.8, type: 'one.sample', strict: false }),
  power('paired-power-n-2', { solve: 'power', effect: 3, n: 2, type: 'paired', strict: false }),
  power('alpha-0.2-effect', { solve: 'effect', n: 15, power: 0.5, alpha: 0.2, type: 'paired', strict: false }),
];

type PropInput = Omit<PowerPropCase, 'kind' | 'id' | 'group' | 'alpha'> & { alpha?: number };
/** p1 = p2: R's power is alpha/2 (alpha with strict) inside (0, 1); 0/0 = NaN at both 0 or both 1, which vlab declines. */
const NO_VARIANCE = 'the two groups never differ';
const POWER_PROP_EQUAL: [string, PropInput][] = [
  ['equal-half', { solve: 'power', n: 100, p1: 0.5, p2: 0.5 }],
  ['equal-strict', { solve: 'power', n: 100, p1: 0.3, p2: 0.3, strict: true }],
  ['equal-one-sided', { solve: 'power', n: 50, p1: 0.2, p2: 0.2, alternative: 'one.sided' }],
  ['equal-small', { solve: 'power', n: 1e4, p1: 0.001, p2: 0.001 }],
  ['both-zero', { solve: 'power', n: 100, p1: 0, p2: 0, note: 'R: power NaN (0/0: no respondent in either group says yes)', declined: NO_VARIANCE }],
  ['both-one', { solve: 'power', n: 100, p1: 1, p2: 1, note: 'R: power NaN (0/0: every respondent in both groups says yes)', declined: NO_VARIANCE }],
  ['both-zero-strict', { solve: 'power', n: 30, p1: 0, p2: 0, strict: true, note: 'R: power NaN with strict too', declined: NO_VARIANCE }],
  ['both-one-one-sided', { solve: 'power', n: 30, p1: 1, p2: 1, alternative: 'one.sided', note: 'R: power NaN one-sided too', declined: NO_VARIANCE }],
  ['zero-and-one', { solve: 'power', n: 5, p1: 0, p2: 1 }],
];

const RAKE_SHARES = {
  sex: { male: 0.49, female: 0.51 },
  age: { '18-29': 0.21, '30-44': 0.25, '45-64': 0.33, '65+': 0.21 },
  region: { N: 0.22, E: 0.28, S: 0.31, W: 0.19 },
  edu: { low: 0.35, mid: 0.38, high: 0.25, phd: 0.02 },
  inc: { q1: 0.2, q2: 0.2, q3: 0.2, q4: 0.2, q5: 0.2 },
  urb: { urban: 0.75, rural: 0.25 },
};

/** The stored cases of the thirty-first trial. */
export function trial31Designs(): Built {
  const data = `${ID}-data`;
  const fits = (group: FitCase['group'], prefix: string, list: Row[]) =>
    list.map(([name, formula, se, extra]) => fit(group, `${ID}-${prefix}-${name}`, data, formula, se, extra));
  const rake = (name: string, margins: RakeCase['margins'], extra: Partial<RakeCase> = {}): RakeCase => ({ kind: 'rake', id: `${ID}-rake-${name}`, group: 'rake-many-31', data, margins, ...extra });
  const { sex, age, region, edu, inc, urb } = RAKE_SHARES;
  return {
    data: [{ id: data, columns: trialData(new Draw(SEED)) }],
    cases: [
      ...fits('weights-spread-31', 'ws', WEIGHTS_SPREAD),
      ...fits('cr2-one-huge-cluster-31', 'huge', CR2_ONE_HUGE),
      ...fits('empty-cells-31', 'empty', EMPTY_CELLS),
      ...fits('number-like-levels-31', 'num', NUMBER_LIKE),
      ...fits('logical-outcomes-31', 'logical', LOGICAL),
      ...fits('long-formulas-31', 'long', LONG),
      ...dimCases(),
      ...pAdjustCases(new Draw(P_SEED)),
      ...POWER,
      ...POWER_PROP_EQUAL.map(([name, input]): PowerPropCase => ({ kind: 'power_prop', id: `${ID}-power-prop-${name}`, group: 'power-prop-equal-31', alpha: 0.05, ...input })),
      rake('six', { sex, age, region, edu, inc, urb }),
      rake('six-base', { sex, age, region, edu, inc, urb }, { base_weights: 'bw' }),
      rake('rare-level', { sex, edu: { low: 0.4, mid: 0.4, high: 0.1999, phd: 0.0001 } }),
      rake('rare-level-base', { age, edu: { low: 0.4, mid: 0.4, high: 0.1999, phd: 0.0001 }, urb }, { base_weights: 'bw' }),
      rake('far-from-sample', { sex: { male: 0.9, female: 0.1 }, urb: { urban: 0.05, rural: 0.95 }, inc: { q1: 0.6, q2: 0.1, q3: 0.1, q4: 0.1, q5: 0.1 } }),
      rake('five-base', { sex, age, region, edu, inc }, { base_weights: 'bw' }),
      rake('counts', { sex: { male: 4900, female: 5100 }, region: { N: 2200, E: 2800, S: 3100, W: 1900 }, urb: { urban: 7500, rural: 2500 } }),
      ...drawnCases(new Draw(RANDOM_SEED), 30),
    ],
  };
}

/**
 * `count` drawn fits mixing the classes above (seed 31_100_002): an outcome (numeric, 0/1, TRUE/FALSE, with NA), two to
 * five terms, weights (spread, with zeros, plain or none), an se type with its clusters (the huge one, 40 of 6), and
 * fixed effects on some (never with weighted CR2, which estimatr refuses, nor with cregg).
 */
function drawnCases(draw: Draw, count: number): FitCase[] {
  const outcomes = ['y', 'yna', 'yb', 'yl'];
  const terms = ['x', 'z', 'f', 'g', 'h', 'u', 'xl', 'zh', 'nt', 'n2', 'f:g', 'x:z', 'I(x^2)', 'log(x)', 'c1', 'c2', 'c3', 'f * h', 'factor(ne)', 'x:f'];
  const weights = [undefined, undefined, 'ws', 'wsz', 'w'];
  const types: SeType[] = ['classical', 'HC0', 'HC1', 'HC2', 'HC3', 'CR0', 'stata', 'CR2', 'cregg'];
  return Array.from({ length: count }, (_, k) => {
    const formula = `${draw.pick(outcomes)} ~ ${draw.shuffle(terms).slice(0, 2 + draw.int(4)).join(' + ')}`;
    const se = draw.pick(types);
    const w = draw.pick(weights);
    const clustered = se.startsWith('CR') || se === 'stata' || se === 'cregg';
    const fe = se !== 'cregg' && !(se === 'CR2' && w) && draw.chance(0.25) ? '~ fe' : undefined;
    const extra: Partial<FitCase> = { ...(w ? { weights: w } : {}), ...(clustered ? { clusters: draw.pick(['cl', 'clh']) } : {}), ...(fe ? { fixed_effects: fe } : {}) };
    return fit('trial31-random', `${ID}-random-${k}`, `${ID}-data`, formula, se, { ...extra, ...DECLINED_DRAWN[k] });
  });
}

/** Drawn fits vlab declines in words (docs/analysis.md, fixed effects), with why. */
const DECLINED_DRAWN: Record<number, Pick<FitCase, 'note' | 'declined'>> = {
  8: { note: 'f:g without main effects: its eleven dummies (fc:gs is empty) sum to 1, in the span of fe; estimatr leaves out fb:gp by its pivoted QR', declined: 'collinear with the fixed effects together' },
};

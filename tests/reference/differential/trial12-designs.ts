// The twelfth R trial's classes (2026-12-04): inputs no earlier trial stored, each drawn from a stated seed
// (Draw(seed), seeds 12_100_000 + k), fitted by estimatr / stats and stored in expected.json.gz (refit: write-inputs.ts,
// then differential.R). What each class stresses:
// - formula-spellings-12: spellings an analyst types that no case held — x^2 and (x + t + a)^2 at the top of a formula
//   (a power of terms, not of numbers), a comparison in parentheses without I(), exp(), negative powers, named
//   arguments (log(age, base = 10), poly(age, degree = 3)), nested calls (sqrt(abs(z)), pmin(pmax())), a variable twice
//   (t + t, t:x + x:t, x + I(x)), nesting a/x, -1 + … + 1, factor(t, levels = c(1, 0)), transformed outcomes, integers
//   beyond 2^31 − 1, and relevel() of a text column (R stops: vlab fitted it until this trial).
// - text-variants: labels that differ only by case, leading or trailing space, or accent composed (á) against
//   decomposed (a + U+0301): R keeps each as its own level in C-locale byte order; as a factor, in relevel() and in ==.
// - singleton-clusters: every cluster one row (clusters = id) and a mix of singletons and big clusters, with weights
//   that are 0 on some singletons, a 30-level factor, an exactly aliased column under HC1 (df from the estimable
//   columns), classical and every CR type.
// - dim-singletons-zero-weights: difference_in_means with one-unit clusters, blocked or not, weights with zeros, a
//   Control/Treatment text arm, an outcome at 1e9 with differences of 1e-3 (Welch and blocked: a running mean was one
//   unit of 1e9's last place off R's mean(), 1e-3 of the estimate, until this trial; the weighted and clustered routes at
//   that scale are in tests/analysis/difference-in-means-huge-outcome.test.ts, where estimatr itself loses the digits).
// - p-adjust-12 and power-12: p.adjust of an empty vector and of 1s and NA; power.t.test at alpha 1e-8, power 0.99999.
// - rake-12: survey::rake with one margin alone, counts summing to 1e9, margins on the six text variants (from base
//   weights), a level with a share of 1e-6.
import { P_ADJUST_METHODS, type SeType } from '../../../analysis/index.ts';
import type { DataSet, DimCase, FitCase, PAdjustCase, PowerCase, RakeCase } from './case-types.ts';
import { dim, fit, numbers, strings } from './case-builders.ts';
import { clusterIds, Draw, type Column } from './random-data.ts';
import { analystRows } from './trial9-designs.ts';

interface Built {
  data: DataSet[];
  cases: (FitCase | DimCase | PAdjustCase | PowerCase | RakeCase)[];
}

const SEED = 12_100_000;
const SE_CYCLE: SeType[] = ['HC2', 'classical', 'HC1', 'HC0', 'HC3'];

// Leading, trailing space, case, composed and decomposed accent: six labels R keeps apart.
const TEXT_VARIANTS = ['a', 'A', ' a', 'a ', '\u00e1', 'a\u0301'];

const SPELLINGS: [string, string, Partial<FitCase>?][] = [
  ['power-of-one-term', 'y ~ x^2 + t'],
  ['power-of-terms', 'y ~ (x + t + a)^2'],
  ['comparison-in-parentheses', 'y ~ (x > 0) + t'],
  ['exp', 'y ~ exp(x) + t'],
  ['exp-negative', 'y ~ exp(-x / 2) + t'],
  ['negative-power', 'y ~ I(age^-1) + t'],
  ['unary-minus', 'y ~ I(-x) + t'],
  ['logical-times-number', 'y ~ I((x > 0) * z) + t'],
  ['log-base-named', 'y ~ log(age, base = 10) + t'],
  ['poly-degree-named', 'y ~ poly(age, degree = 3) + t'],
  ['abs-by-factor', 'y ~ abs(x):a + t'],
  ['variable-and-I', 'y ~ x + I(x) + t'],
  ['log-outcome', 'log(age) ~ x + t'],
  ['sqrt-outcome', 'sqrt(age) ~ x + t'],
  ['I-outcome', 'I(y * 1000) ~ x + t'],
  ['term-twice', 'y ~ t + t + x'],
  ['interaction-twice', 'y ~ t:x + x:t + t'],
  ['nested-slopes', 'y ~ a/x'],
  ['nested-slopes-no-intercept', 'y ~ 0 + a/x'],
  ['I-power-by-factor', 'y ~ I(x^2):a + t'],
  ['factor-reversed-levels', 'y ~ factor(t, levels = c(1, 0)) + x'],
  ['range-condition', 'y ~ I(age >= 30 & age < 50) + t'],
  ['minus-one-first', 'y ~ -1 + t + a'],
  ['minus-one-plus-one', 'y ~ t + x - 1 + 1'],
  ['as-numeric-comparison', 'y ~ as.numeric(a == "north") + t'],
  ['sqrt-abs', 'y ~ sqrt(abs(z)) + t'],
  ['log1p-abs-by-t', 'y ~ log1p(abs(z)) * t'],
  ['pmin-pmax-nested', 'y ~ pmin(pmax(z, -1), 1) + t'],
  ['ifelse-and', 'y ~ ifelse(a == "north" & t == 1, "nt", "other") + x'],
  ['factor-by-t-only', 'y ~ factor(k):t'],
  ['t-by-sum', 'y ~ t * (x + z)'],
  ['cross-minus-main', 'y ~ t * x - x'],
  ['scale-no-scale', 'y ~ scale(x, scale = FALSE) + t'],
  ['modulus-one', 'y ~ I(x %% 1) + t'],
  ['big-integers-centred', 'y ~ I(big - 2147483647) + t'],
  ['relevel-text', 'y ~ relevel(b, ref = "q") + t'],
  ['big-integers-classical', 'y ~ big + t', { se_type: 'classical', clusters: undefined, weights: undefined }],
];

function spellings(): Built {
  const id = 't12-spellings';
  const draw = new Draw(SEED);
  const columns = analystRows(draw, 170);
  const n = columns[0].values.length;
  // Integers beyond 2^31 − 1 (R's integer range): read.csv reads them as doubles.
  const big = Array.from({ length: n }, () => 2147483647 + draw.int(5000));
  const fws = Array.from({ length: n }, (_, i) => (i < TEXT_VARIANTS.length ? TEXT_VARIANTS[i] : draw.pick(TEXT_VARIANTS)));
  columns.push(numbers('big', big, 0), strings('fws', fws));
  const settings: Partial<FitCase>[] = [{}, { clusters: 'cl' }, { weights: 'w' }, { clusters: 'cl', weights: 'w' }];
  const cases = SPELLINGS.map(([name, formula, extra], c) => {
    const setting = settings[c % settings.length];
    const se: SeType = setting.clusters ? (['CR2', 'CR0', 'stata'] as const)[c % 3] : SE_CYCLE[c % SE_CYCLE.length];
    return fit('formula-spellings-12', `t12-${name}`, id, formula, se, { ...setting, ...extra });
  });
  const variants: [string, string, SeType, Partial<FitCase>][] = [
    ['main', 'y ~ fws + t', 'HC2', {}],
    ['by-x', 'y ~ fws * x', 'CR2', { clusters: 'cl' }],
    ['relevel-space', 'y ~ relevel(factor(fws), ref = " a") + t', 'HC1', {}],
    ['relevel-decomposed', 'y ~ relevel(factor(fws), ref = "a\u0301") + t', 'classical', { weights: 'w' }],
    ['equals-plain', 'y ~ I(fws == "a") + t', 'HC2', {}],
    ['equals-trailing-space', 'y ~ I(fws == "a ") + t', 'HC0', {}],
    ['declared', 'y ~ fws + t', 'HC2', { levels: { fws: ['a\u0301', '\u00e1', 'a ', ' a', 'A', 'a'] } }],
    ['no-intercept', 'y ~ 0 + fws', 'HC3', {}],
  ];
  for (const [name, formula, se, extra] of variants) cases.push(fit('text-variants', `t12-text-variants-${name}`, id, formula, se, extra));
  return { data: [{ id, columns }], cases: [...cases, ...rakeCases(id)] };
}

/** survey::rake on the spellings data: one margin alone, counts summing to 1e9, the six text variants, a share of 1e-6. */
function rakeCases(data: string): RakeCase[] {
  const rake = (name: string, margins: RakeCase['margins'], extra: Partial<RakeCase> = {}): RakeCase => ({ kind: 'rake', id: `t12-rake-${name}`, group: 'rake-12', data, margins, ...extra });
  const variants = Object.fromEntries(TEXT_VARIANTS.map((label, j) => [label, 1 + j]));
  return [
    rake('one-margin', { a: { north: 0.3, south: 0.7 } }),
    rake('counts-1e9', { a: { north: 4e8, south: 6e8 }, b: { p: 2.5e8, q: 2.5e8, r: 5e8 } }),
    rake('text-variants', { fws: variants, a: { north: 10.5, south: 10.5 } }, { base_weights: 'w' }),
    rake('tiny-share', { b: { p: 0.000001, q: 0.499999, r: 0.5 }, a: { north: 0.5, south: 0.5 } }),
  ];
}

/** Rows with clusters that are mostly one row, a few big ones, weights 0 on some singletons, and a 30-level factor. */
function clusterRows(draw: Draw, n: number): Column[] {
  const t = Array.from({ length: n }, () => (draw.chance(0.5) ? 1 : 0));
  const x = t.map(() => Number(draw.normal().toFixed(4)));
  const f30 = t.map((_, i) => `L${String(1 + (i < 30 ? i : draw.int(30))).padStart(2, '0')}`);
  // The first 60 rows are their own clusters; the rest fall in six clusters.
  const mixed = t.map((_, i) => (i < 60 ? `s${i}` : `big${(i - 60) % 6}`));
  const w = t.map((_, i) => (i < 60 && i % 7 === 3 ? 0 : Number(draw.uniform(0.2, 3).toFixed(3))));
  const y = t.map((ti, i) => Number((0.5 * ti + 0.4 * x[i] + 0.02 * (Number(f30[i].slice(1)) % 5) + draw.normal()).toFixed(5)));
  return [numbers('y', y, 5), numbers('t', t, 0), numbers('x', x, 4), numbers('x2', x.map((v) => 2 * v), 4), numbers('id', t.map((_, i) => i + 1), 0),
    strings('f30', f30), strings('mixed', mixed), numbers('w', w, 3)];
}

function singletonClusters(): Built {
  const id = 't12-singletons';
  const draw = new Draw(SEED + 100);
  const data: DataSet[] = [{ id, columns: clusterRows(draw, 150) }];
  const cases: FitCase[] = [];
  for (const se of ['CR2', 'CR0', 'stata'] as const) {
    cases.push(fit('singleton-clusters', `t12-all-singletons-${se}`, id, 'y ~ t + x', se, { clusters: 'id' }));
    cases.push(fit('singleton-clusters', `t12-all-singletons-weighted-${se}`, id, 'y ~ t + x', se, { clusters: 'id', weights: 'w' }));
    cases.push(fit('singleton-clusters', `t12-mixed-weighted-${se}`, id, 'y ~ t + x + f30', se, { clusters: 'mixed', weights: 'w' }));
    cases.push(fit('singleton-clusters', `t12-mixed-aliased-${se}`, id, 'y ~ t + x + x2', se, { clusters: 'mixed', weights: 'w' }));
  }
  for (const se of ['HC1', 'classical', 'HC0', 'HC2', 'HC3'] as const) {
    cases.push(fit('singleton-clusters', `t12-aliased-weighted-${se}`, id, 'y ~ x + t + x2 + f30', se, { weights: 'w' }));
  }
  cases.push(fit('singleton-clusters', 't12-aliased-first-HC1', id, 'y ~ x2 + x + t', 'HC1'));
  return { data, cases };
}

function dimSingletons(): Built {
  const id = 't12-dim';
  const draw = new Draw(SEED + 200);
  const n = 90;
  const b = Array.from({ length: n }, (_, i) => `b${1 + (i % 3)}`);
  const z = b.map(() => (draw.chance(0.5) ? 'Treatment' : 'Control'));
  const w = b.map((_, i) => (i % 11 === 5 ? 0 : Number(draw.uniform(0.3, 2).toFixed(3))));
  const y = z.map((arm) => Number(((arm === 'Treatment' ? 0.3 : 0) + draw.normal()).toFixed(4)));
  // 1e9 plus differences of 1e-3: R reads the doubles exactly as printed.
  const ybig = y.map((v) => Number((1e9 + v / 1000).toFixed(7)));
  const cl = clusterIds(draw, n, 30, true) as string[];
  const data: DataSet[] = [{ id, columns: [numbers('y', y, 4), numbers('ybig', ybig, 7), strings('z', z), strings('b', b), numbers('id', b.map((_, i) => i + 1), 0),
    numbers('w', w, 3), strings('cl', cl)] }];
  const variants: [string, Partial<DimCase>][] = [
    ['singleton-clusters', { clusters: 'id' }],
    ['singleton-clusters-blocked', { clusters: 'id', blocks: 'b' }],
    ['singleton-clusters-weighted', { clusters: 'id', weights: 'w' }],
    ['zero-weights', { weights: 'w' }],
    ['zero-weights-blocked', { weights: 'w', blocks: 'b' }],
    ['text-arms', {}],
    ['text-arms-reversed', { condition1: 'Treatment', condition2: 'Control' }],
    ['huge-outcome', { outcome: 'ybig' }],
    ['huge-outcome-blocked', { outcome: 'ybig', blocks: 'b' }],
  ];
  return { data, cases: variants.map(([name, extra]) => dim('dim-singletons-zero-weights', `t12-dim-${name}`, id, extra)) };
}

function pAdjust12(): PAdjustCase[] {
  const vectors: [string, (number | null)[]][] = [
    ['empty', []],
    ['all-missing', [null, null, null]],
    ['ones-and-missing', [1, null, 1, 0.5, 1]],
    ['hundred-ties', Array.from({ length: 100 }, (_, i) => (i % 4 === 0 ? 0.01 : 0.04))],
  ];
  return vectors.flatMap(([name, p]) => P_ADJUST_METHODS.map((method): PAdjustCase => ({ kind: 'p_adjust', id: `t12-p-adjust-${name}-${method}`, group: 'p-adjust-12', p, method })));
}

function power12(): PowerCase[] {
  const base = { kind: 'power' as const, group: 'power-12' as const, sd: 1, strict: false };
  return [
    { ...base, id: 't12-power-alpha-1e-8', solve: 'power', effect: 0.5, n: 300, alpha: 1e-8 },
    { ...base, id: 't12-power-n-alpha-1e-8', solve: 'n', effect: 0.3, power: 0.9, alpha: 1e-8 },
    { ...base, id: 't12-power-n-power-0.99999', solve: 'n', effect: 0.5, power: 0.99999, alpha: 0.05 },
    { ...base, id: 't12-power-effect-power-0.99999', solve: 'effect', n: 50, power: 0.99999, alpha: 0.05 },
    { ...base, id: 't12-power-effect-strict-alpha-0.5', solve: 'effect', n: 10, power: 0.6, alpha: 0.5, strict: true },
    { ...base, id: 't12-power-sd-1e-6', solve: 'power', effect: 1e-6, n: 20, sd: 1e-6, alpha: 0.05 },
  ];
}

export function trial12Designs(): Built {
  const parts = [spellings(), singletonClusters(), dimSingletons()];
  return { data: parts.flatMap((p) => p.data), cases: [...parts.flatMap((p) => p.cases), ...pAdjust12(), ...power12()] };
}

// The fourteenth R trial's classes (2026-12-04): inputs no earlier trial stored, each drawn from a stated seed
// (Draw(seed), seeds 14_100_000 + k), fitted by estimatr / stats / survey and stored in expected.json.gz (refit:
// write-inputs.ts, then differential.R). What each class stresses:
// - tiny-weight-14: a weight of 1e-12 beside ordinary ones (one on a row of a big cluster, one on a singleton
//   cluster) under every se type, and in weighted difference_in_means, clustered or not.
// - cr2-weights-singletons-14: weighted CR0, CR2 and stata where a third of the clusters are one row, with an
//   interaction of a treatment and a factor.
// - rare-binary-14: a 0/1 outcome with 3 ones in 90 rows and a TRUE/FALSE outcome with 2 TRUEs, every HC type, CR2,
//   and difference_in_means plain and blocked.
// - empty-cell-cr2-14: a × b with one combination nobody has, weighted CR2, stata, CR0 and HC2 (trial 8 ran it
//   unweighted under HC1, classical and CR2).
// - dim-blocks-clusters-14: difference_in_means with blocks AND clusters (whole clusters assigned within blocks),
//   weighted or not, a three-arm treatment compared by condition1/condition2 both ways, an outcome at 1e-9. estimatr
//   1.0.0 stops there ("missing value where TRUE/FALSE needed": check_clusters_blocks meets the third arm's rows), so
//   R fits the two conditions' rows (`subset_conditions`), which is what vlab's condition1/condition2 mean.
// - tiny-outcome-14: lm_robust of an outcome at 1e-9 scale, weighted and clustered, every se type.
// - number-names-14: level names that are numbers ("10", "9", "1e3": read.csv reads the column as numbers 10, 9 and
//   1000; with one "a" among them it stays text, in C order "10" < "1e3" < "9" < "a"), declared orders, relevel().
// - leverage-near-one-14: a row far out on x (leverage 1 − 1e-7), weighted, under HC2 and HC3.
// - p-adjust-14: p.adjust "hommel" and "BY" (and the others) of vectors with NA at the ends and among ties.
// - rake-14: survey::rake where a margin names a level absent from the sample (with a share, R stops; with share 0,
//   it is only a name) and where one sample level has no margin entry.
// Not here: fixed_effects (vlab's lmRobust has no fixed-effects option; the clusters' dummies in the formula are
// trial 8's cluster-fixed-effects) and power.t.test's one-sided alternative (vlab's powerAnalysis is two-sided only).
import { P_ADJUST_METHODS, type SeType } from '../../../analysis/index.ts';
import type { DataSet, DimCase, FitCase, PAdjustCase, RakeCase } from './case-types.ts';
import { dim, fit, numbers, strings } from './case-builders.ts';
import { Draw } from './random-data.ts';

interface Built {
  data: DataSet[];
  cases: (FitCase | DimCase | PAdjustCase | RakeCase)[];
}

const SEED = 14_100_000;
const HC: SeType[] = ['classical', 'HC0', 'HC1', 'HC2', 'HC3'];
const CR: SeType[] = ['CR0', 'CR2', 'stata'];

/** Cluster ids: `singles` clusters of one row, then clusters of `size` rows. */
function mixedClusters(n: number, singles: number, size: number): string[] {
  return Array.from({ length: n }, (_, i) => (i < singles ? `s${i + 1}` : `g${1 + Math.floor((i - singles) / size)}`));
}

function tinyWeight(): Built {
  const id = 't14-tiny-weight';
  const draw = new Draw(SEED);
  const n = 70;
  const cl = mixedClusters(n, 10, 6);
  const z = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : 0));
  const x = z.map(() => Number(draw.normal().toFixed(4)));
  const f = z.map((_, i) => ['p', 'q', 'r'][i < 3 ? i : draw.int(3)]);
  // Row 3 (a singleton cluster) and row 30 (in a cluster of six) weigh 1e-12; the others 0.2–3.
  const w = z.map((_, i) => (i === 2 || i === 29 ? 1e-12 : Number(draw.uniform(0.2, 3).toFixed(3))));
  const y = z.map((zi, i) => Number((0.6 * zi + 0.3 * x[i] + draw.normal()).toFixed(5)));
  const data: DataSet[] = [{ id, columns: [numbers('y', y, 5), numbers('z', z, 0), numbers('x', x, 4), strings('f', f), numbers('w', w, 14), strings('cl', cl)] }];
  const cases: (FitCase | DimCase)[] = HC.map((se) => fit('tiny-weight-14', `${id}-${se}`, id, 'y ~ z + x + f', se, { weights: 'w' }));
  for (const se of CR) cases.push(fit('tiny-weight-14', `${id}-clustered-${se}`, id, 'y ~ z + x + f', se, { weights: 'w', clusters: 'cl' }));
  cases.push(dim('tiny-weight-14', `${id}-dim`, id, { weights: 'w' }));
  cases.push(dim('tiny-weight-14', `${id}-dim-blocks`, id, { weights: 'w', blocks: 'f' }));
  return { data, cases };
}

function singletonsWeighted(): Built {
  const id = 't14-singletons';
  const draw = new Draw(SEED + 100);
  const n = 64;
  const cl = mixedClusters(n, 24, 5);
  const t = cl.map(() => (draw.chance(0.5) ? 1 : 0));
  const x = cl.map(() => Number(draw.normal().toFixed(4)));
  const f = cl.map((_, i) => ['lo', 'mid', 'hi'][i < 3 ? i : draw.int(3)]);
  const w = cl.map(() => Number(draw.uniform(0.1, 5).toFixed(3)));
  const y = cl.map((_, i) => Number((0.5 * t[i] - 0.4 * x[i] + (f[i] === 'hi' ? 0.3 : 0) + draw.normal()).toFixed(5)));
  const data: DataSet[] = [{ id, columns: [numbers('y', y, 5), numbers('t', t, 0), numbers('x', x, 4), strings('f', f), numbers('w', w, 3), strings('cl', cl)] }];
  const cases: FitCase[] = [];
  for (const se of CR) {
    cases.push(fit('cr2-weights-singletons-14', `${id}-${se}`, id, 'y ~ t + x', se, { weights: 'w', clusters: 'cl' }));
    cases.push(fit('cr2-weights-singletons-14', `${id}-interaction-${se}`, id, 'y ~ t * f', se, { weights: 'w', clusters: 'cl' }));
  }
  return { data, cases };
}

function rareBinary(): Built {
  const id = 't14-rare';
  const draw = new Draw(SEED + 200);
  const n = 90;
  const z = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
  const x = z.map(() => Number(draw.normal().toFixed(4)));
  const b = z.map((_, i) => `b${1 + (i % 5)}`);
  const cl = z.map((_, i) => `k${1 + Math.floor(i / 6)}`);
  // Three ones (two treated), two TRUEs (one treated): an analyst's rare event.
  const y = z.map((_, i) => (i === 0 || i === 41 || i === 57 ? 1 : 0));
  const flag = z.map((_, i) => i === 3 || i === 44);
  const data: DataSet[] = [{ id, columns: [numbers('y', y, 0), { name: 'flag', kind: 'logical', values: flag }, numbers('z', z, 0), numbers('x', x, 4), strings('b', b), strings('cl', cl)] }];
  const cases: (FitCase | DimCase)[] = HC.map((se) => fit('rare-binary-14', `${id}-${se}`, id, 'y ~ z + x', se));
  cases.push(fit('rare-binary-14', `${id}-CR2`, id, 'y ~ z + x', 'CR2', { clusters: 'cl' }));
  cases.push(fit('rare-binary-14', `${id}-logical-HC2`, id, 'flag ~ z + x', 'HC2'));
  cases.push(fit('rare-binary-14', `${id}-logical-CR2`, id, 'flag ~ z', 'CR2', { clusters: 'cl' }));
  cases.push(dim('rare-binary-14', `${id}-dim`, id));
  cases.push(dim('rare-binary-14', `${id}-dim-blocks`, id, { blocks: 'b' }));
  cases.push(dim('rare-binary-14', `${id}-dim-logical`, id, { outcome: 'flag' }));
  return { data, cases };
}

function emptyCellCr2(): Built {
  const id = 't14-empty-cell';
  const draw = new Draw(SEED + 300);
  const n = 110;
  const a = Array.from({ length: n }, () => draw.pick(['a1', 'a2', 'a3']));
  // Nobody has a3 with b3.
  const b = a.map((level) => draw.pick(level === 'a3' ? ['b1', 'b2'] : ['b1', 'b2', 'b3']));
  const w = a.map(() => Number(draw.uniform(0.3, 2.5).toFixed(3)));
  const cl = a.map((_, i) => `c${1 + Math.floor(i / 7)}`);
  const y = a.map((level, i) => Number(((level === 'a2' ? 0.4 : 0) + (b[i] === 'b3' ? -0.3 : 0) + draw.normal()).toFixed(5)));
  const data: DataSet[] = [{ id, columns: [numbers('y', y, 5), strings('a', a), strings('b', b), numbers('w', w, 3), strings('cl', cl)] }];
  const settings: [string, SeType, Partial<FitCase>][] = [
    ['weighted-CR2', 'CR2', { weights: 'w', clusters: 'cl' }],
    ['CR2', 'CR2', { clusters: 'cl' }],
    ['weighted-stata', 'stata', { weights: 'w', clusters: 'cl' }],
    ['CR0', 'CR0', { clusters: 'cl' }],
    ['weighted-HC2', 'HC2', { weights: 'w' }],
  ];
  return { data, cases: settings.map(([name, se, extra]) => fit('empty-cell-cr2-14', `${id}-${name}`, id, 'y ~ a * b', se, extra)) };
}

function dimBlocksClusters(): Built {
  const id = 't14-dim-blocks-clusters';
  const draw = new Draw(SEED + 400);
  const rows: { block: string; cl: string; arm: string }[] = [];
  // 4 blocks, each with 9 clusters of 2–5 units; within a block three clusters per arm of ctl, a, b.
  for (let k = 1; k <= 4; k++) {
    const arms = draw.shuffle(['ctl', 'ctl', 'ctl', 'a', 'a', 'a', 'b', 'b', 'b']);
    arms.forEach((arm, c) => {
      const size = 2 + draw.int(4);
      for (let u = 0; u < size; u++) rows.push({ block: `B${k}`, cl: `B${k}-${c + 1}`, arm });
    });
  }
  const effect: Record<string, number> = { ctl: 0, a: 0.3, b: 0.7 };
  const y = rows.map((r) => Number((effect[r.arm] + 0.2 * Number(r.block.slice(1)) + draw.normal()).toFixed(5)));
  const tiny = y.map((v) => Number((v * 1e-9).toFixed(15)));
  const w = rows.map(() => Number(draw.uniform(0.5, 2).toFixed(3)));
  const data: DataSet[] = [{ id, columns: [numbers('y', y, 5), numbers('tiny', tiny, 15), strings('z', rows.map((r) => r.arm)), strings('blk', rows.map((r) => r.block)),
    strings('cl', rows.map((r) => r.cl)), numbers('w', w, 3)] }];
  // estimatr stops on blocks and clusters beside a third arm: R fits the two conditions' rows (subset_conditions).
  const both = { blocks: 'blk', clusters: 'cl', subset_conditions: true as const };
  const cases: DimCase[] = [
    dim('dim-blocks-clusters-14', `${id}-ctl-a`, id, { ...both, condition1: 'ctl', condition2: 'a' }),
    dim('dim-blocks-clusters-14', `${id}-ctl-b`, id, { ...both, condition1: 'ctl', condition2: 'b' }),
    dim('dim-blocks-clusters-14', `${id}-b-ctl`, id, { ...both, condition1: 'b', condition2: 'ctl' }),
    dim('dim-blocks-clusters-14', `${id}-a-b`, id, { ...both, condition1: 'a', condition2: 'b' }),
    dim('dim-blocks-clusters-14', `${id}-weighted-ctl-b`, id, { ...both, weights: 'w', condition1: 'ctl', condition2: 'b' }),
    dim('dim-blocks-clusters-14', `${id}-tiny-ctl-a`, id, { ...both, outcome: 'tiny', condition1: 'ctl', condition2: 'a' }),
    dim('dim-blocks-clusters-14', `${id}-tiny-weighted-a-b`, id, { ...both, outcome: 'tiny', weights: 'w', condition1: 'a', condition2: 'b' }),
    dim('dim-blocks-clusters-14', `${id}-clusters-only-ctl-a`, id, { clusters: 'cl', condition1: 'ctl', condition2: 'a' }),
    dim('dim-blocks-clusters-14', `${id}-blocks-only-a-b`, id, { blocks: 'blk', condition1: 'a', condition2: 'b', alpha: 0.1 }),
  ];
  return { data, cases };
}

function tinyOutcome(): Built {
  const id = 't14-tiny-outcome';
  const draw = new Draw(SEED + 500);
  const n = 80;
  const t = Array.from({ length: n }, () => (draw.chance(0.5) ? 1 : 0));
  const x = t.map(() => Number(draw.normal().toFixed(4)));
  const g = t.map((_, i) => ['u', 'v'][i < 2 ? i : draw.int(2)]);
  const w = t.map(() => Number(draw.uniform(0.2, 3).toFixed(3)));
  const cl = t.map((_, i) => `c${1 + Math.floor(i / 8)}`);
  const y = t.map((ti, i) => Number(((0.4 * ti + 0.2 * x[i] + draw.normal()) * 1e-9).toFixed(16)));
  const data: DataSet[] = [{ id, columns: [numbers('y', y, 16), numbers('t', t, 0), numbers('x', x, 4), strings('g', g), numbers('w', w, 3), strings('cl', cl)] }];
  const cases: FitCase[] = HC.map((se) => fit('tiny-outcome-14', `${id}-weighted-${se}`, id, 'y ~ t + x + g', se, { weights: 'w' }));
  for (const se of CR) cases.push(fit('tiny-outcome-14', `${id}-clustered-${se}`, id, 'y ~ t * g + x', se, { weights: 'w', clusters: 'cl' }));
  return { data, cases };
}

function numberNames(): Built {
  const id = 't14-number-names';
  const draw = new Draw(SEED + 600);
  const n = 72;
  const k = Array.from({ length: n }, (_, i) => ['10', '9', '1e3'][i < 3 ? i : draw.int(3)]);
  // The same labels with one "a": read.csv keeps the column as text.
  const kt = k.map((v, i) => (i === 5 ? 'a' : i === 6 ? 'a' : v));
  const x = k.map(() => Number(draw.normal().toFixed(4)));
  const y = k.map((v, i) => Number(((v === '9' ? 0.5 : v === '1e3' ? -0.4 : 0) + 0.3 * x[i] + draw.normal()).toFixed(5)));
  const data: DataSet[] = [{ id, columns: [numbers('y', y, 5), strings('k', k), strings('kt', kt), numbers('x', x, 4)] }];
  const group = 'number-names-14' as const;
  const cases: (FitCase | DimCase)[] = [
    fit(group, `${id}-factor-numbers`, id, 'y ~ factor(k) + x', 'HC2'),
    fit(group, `${id}-numbers-as-slope`, id, 'y ~ k + x', 'HC1'),
    fit(group, `${id}-relevel-numbers`, id, 'y ~ relevel(factor(k), ref = "1000") + x', 'HC2'),
    fit(group, `${id}-text`, id, 'y ~ kt + x', 'HC2'),
    fit(group, `${id}-text-declared`, id, 'y ~ kt + x', 'HC3', { levels: { kt: ['9', '10', '1e3', 'a'] } }),
    fit(group, `${id}-text-factor-levels`, id, 'y ~ factor(kt, levels = c("1e3", "10", "9", "a")) * x', 'classical'),
    fit(group, `${id}-text-relevel`, id, 'y ~ relevel(factor(kt), ref = "9") + x', 'HC0'),
    dim(group, `${id}-dim-text-10-1e3`, id, { treatment: 'kt', condition1: '10', condition2: '1e3' }),
    dim(group, `${id}-dim-numbers-9-1000`, id, { treatment: 'k', condition1: '9', condition2: '1000' }),
  ];
  return { data, cases };
}

function leverageNearOne(): Built {
  const id = 't14-leverage';
  const draw = new Draw(SEED + 700);
  const n = 40;
  // Row 40 sits at x = 1e4 among x of order 1: its leverage is 1 − about 1e-7.
  const x = Array.from({ length: n }, (_, i) => (i === n - 1 ? 10000 : Number(draw.normal().toFixed(4))));
  const t = x.map(() => (draw.chance(0.5) ? 1 : 0));
  const w = x.map(() => Number(draw.uniform(0.5, 2).toFixed(3)));
  const y = x.map((v, i) => Number((0.3 * t[i] + 0.001 * v + draw.normal()).toFixed(5)));
  const data: DataSet[] = [{ id, columns: [numbers('y', y, 5), numbers('x', x, 4), numbers('t', t, 0), numbers('w', w, 3)] }];
  const cases: FitCase[] = (['HC2', 'HC3'] as SeType[]).flatMap((se) => [
    fit('leverage-near-one-14', `${id}-${se}`, id, 'y ~ t + x', se),
    fit('leverage-near-one-14', `${id}-weighted-${se}`, id, 'y ~ t + x', se, { weights: 'w' }),
  ]);
  return { data, cases };
}

function pAdjust14(): PAdjustCase[] {
  const vectors: [string, (number | null)[]][] = [
    ['na-at-ends', [null, 0.01, 0.04, 0.03, 0.2, 0.5, null]],
    ['na-among-ties', [0.01, 0.01, null, 0.01, 0.04, null, 0.04, 0.8]],
    ['one-left-between-na', [null, null, 0.04, null]],
    ['hommel-plateau', [0.012, 0.013, null, 0.014, 0.3, 0.31, 0.32, 0.033, null, 0.9]],
  ];
  return vectors.flatMap(([name, p]) => P_ADJUST_METHODS.map((method): PAdjustCase => ({ kind: 'p_adjust', id: `t14-p-adjust-${name}-${method}`, group: 'p-adjust-14', p, method })));
}

/** survey::rake on the empty-cell data (a: a1–a3, b: b1–b3). */
function rake14(): RakeCase[] {
  const data = 't14-empty-cell';
  const rake = (name: string, margins: RakeCase['margins']): RakeCase => ({ kind: 'rake', id: `t14-rake-${name}`, group: 'rake-14', data, margins });
  return [
    rake('absent-level-share', { a: { a1: 0.3, a2: 0.3, a3: 0.3, a4: 0.1 } }),
    rake('absent-level-zero', { a: { a1: 0.3, a2: 0.3, a3: 0.4, a4: 0 }, b: { b1: 0.5, b2: 0.3, b3: 0.2 } }),
    rake('sample-level-missing-from-margin', { b: { b1: 0.5, b2: 0.5 } }),
  ];
}

export function trial14Designs(): Built {
  const parts = [tinyWeight(), singletonsWeighted(), rareBinary(), emptyCellCr2(), dimBlocksClusters(), tinyOutcome(), numberNames(), leverageNearOne()];
  return { data: parts.flatMap((p) => p.data), cases: [...parts.flatMap((p) => p.cases), ...pAdjust14(), ...rake14()] };
}

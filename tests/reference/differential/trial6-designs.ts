// The sixth R trial's classes (2026-12-03): combinations the earlier groups did not store, each drawn from a stated
// seed (Draw(seed), seeds 6_100_000 + k). What each class stresses:
// - dim-weighted: difference_in_means with weights, alone and with blocks, clusters (treatment constant within a
//   cluster) or both; clusters nested in blocks, two a block in some draws (matched pairs, where estimatr refuses
//   weights).
// - weights-clusters-interactions: lm_robust with weights (some 0) and clusters and a factor × numeric interaction,
//   under CR2, CR0, stata, and HC2 without the clusters.
// - missing-design-columns: NA in the weights, cluster or block column (R's model.frame drops those rows).
// - one-cluster-edges: a single cluster under CR2, CR0 and stata; dim with one cluster per arm; a block with one
//   arm only; a singleton block with weights — where R stops, vlab must refuse in words.
import type { DataSet, DimCase, FitCase } from './case-types.ts';
import { dim, fit, numbers, strings } from './case-builders.ts';
import { Draw } from './random-data.ts';

interface Built {
  data: DataSet[];
  cases: (FitCase | DimCase)[];
}

const SEED = 6_100_000;

/** Rows in clusters nested in blocks; the treatment drawn per cluster, both arms in every block. */
function nested(draw: Draw, blocks: number, clustersPerBlock: () => number, rowsPerCluster: () => number) {
  const cols = { b: [] as string[], cl: [] as string[], z: [] as number[], y: [] as number[], w: [] as number[] };
  for (let b = 0; b < blocks; b++) {
    const count = clustersPerBlock();
    const arms = Array.from({ length: count }, (_, k) => (k === 0 ? 0 : k === 1 ? 1 : draw.int(2)));
    const shift = draw.normal();
    arms.forEach((z, k) => {
      const effect = draw.normal() * 0.5;
      const w = Number(draw.uniform(0.3, 3).toFixed(3));
      for (let r = rowsPerCluster(); r > 0; r--) {
        cols.b.push(`B${b + 1}`);
        cols.cl.push(`B${b + 1}C${k + 1}`);
        cols.z.push(z);
        cols.y.push(Number((shift + effect + 0.4 * z + draw.normal()).toFixed(4)));
        cols.w.push(draw.chance(0.5) ? w : Number(draw.uniform(0.3, 3).toFixed(3)));
      }
    });
  }
  return cols;
}

function dimWeighted(): Built {
  const data: DataSet[] = [];
  const cases: DimCase[] = [];
  for (let k = 0; k < 8; k++) {
    const draw = new Draw(SEED + k);
    // Draws 6 and 7 have two clusters a block: matched pairs of clusters.
    const pairs = k >= 6;
    const c = nested(draw, 2 + draw.int(5), () => (pairs ? 2 : 2 + draw.int(4)), () => 1 + draw.int(6));
    const id = `t6-dim-weighted-${k}`;
    data.push({ id, columns: [numbers('y', c.y, 4), numbers('z', c.z, 0), strings('b', c.b), strings('cl', c.cl), numbers('w', c.w, 3)] });
    const note = `${c.y.length} rows${pairs ? ', pairs of clusters' : ''}`;
    cases.push(dim('dim-weighted', `${id}-w`, id, { weights: 'w', note }));
    cases.push(dim('dim-weighted', `${id}-w-blocks`, id, { weights: 'w', blocks: 'b', note }));
    cases.push(dim('dim-weighted', `${id}-w-clusters`, id, { weights: 'w', clusters: 'cl', note }));
    cases.push(dim('dim-weighted', `${id}-w-blocks-clusters`, id, { weights: 'w', blocks: 'b', clusters: 'cl', note }));
  }
  return { data, cases };
}

function weightsClustersInteractions(): Built {
  const data: DataSet[] = [];
  const cases: FitCase[] = [];
  for (let k = 0; k < 5; k++) {
    const draw = new Draw(SEED + 100 + k);
    const n = draw.pick([40, 90, 250]);
    const f = Array.from({ length: n }, () => draw.pick(['low', 'mid', 'high']));
    const x = f.map(() => Number(draw.normal().toFixed(3)));
    const age = f.map(() => 18 + draw.int(60));
    const groups = draw.pick([4, 8, 20]);
    const cl = f.map(() => `g${1 + draw.int(groups)}`);
    const w = f.map(() => (draw.chance(0.08) ? 0 : Number(draw.uniform(0.2, 5).toFixed(3))));
    const y = f.map((level, i) => (level === 'mid' ? 0.3 : level === 'high' ? -0.2 : 0) + x[i] * (level === 'high' ? 0.8 : 0.2) + 0.01 * age[i] + draw.normal());
    const id = `t6-wci-${k}`;
    data.push({ id, columns: [numbers('y', y.map((v) => Number(v.toFixed(4))), 4), strings('f', f), numbers('x', x, 3), numbers('age', age, 0), strings('cl', cl), numbers('w', w, 3)] });
    const note = `N ${n}, up to ${groups} clusters, weights with zeros`;
    for (const se of ['CR2', 'CR0', 'stata'] as const) cases.push(fit('weights-clusters-interactions', `${id}-${se}`, id, 'y ~ f * x + age', se, { clusters: 'cl', weights: 'w', note }));
    cases.push(fit('weights-clusters-interactions', `${id}-HC2`, id, 'y ~ f * x + age', 'HC2', { weights: 'w', note }));
  }
  return { data, cases };
}

function missingDesignColumns(): Built {
  const data: DataSet[] = [];
  const cases: (FitCase | DimCase)[] = [];
  for (let k = 0; k < 4; k++) {
    const draw = new Draw(SEED + 200 + k);
    const c = nested(draw, 4, () => 3 + draw.int(3), () => 2 + draw.int(4));
    const gap = <T,>(values: T[]): (T | null)[] => values.map((v) => (draw.chance(0.08) ? null : v));
    const x = c.y.map(() => Number(draw.normal().toFixed(3)));
    const id = `t6-missing-${k}`;
    data.push({ id, columns: [numbers('y', c.y, 4), numbers('z', c.z, 0), numbers('x', x, 3), strings('b', gap(c.b)), strings('cl', gap(c.cl)), numbers('w', gap(c.w), 3)] });
    const group = 'missing-design-columns';
    cases.push(fit(group, `${id}-fit-w`, id, 'y ~ z + x', 'HC2', { weights: 'w' }));
    cases.push(fit(group, `${id}-fit-cl-CR2`, id, 'y ~ z + x', 'CR2', { clusters: 'cl' }));
    cases.push(fit(group, `${id}-fit-w-cl-stata`, id, 'y ~ z + x', 'stata', { clusters: 'cl', weights: 'w' }));
    cases.push(dim(group, `${id}-dim-blocks`, id, { blocks: 'b' }));
    cases.push(dim(group, `${id}-dim-clusters`, id, { clusters: 'cl' }));
    cases.push(dim(group, `${id}-dim-w`, id, { weights: 'w' }));
  }
  return { data, cases };
}

function oneClusterEdges(): Built {
  const draw = new Draw(SEED + 300);
  const n = 30;
  const z = Array.from({ length: n }, (_, i) => (i < 15 ? 0 : 1));
  const y = z.map((t) => Number((0.5 * t + draw.normal()).toFixed(4)));
  const x = z.map(() => Number(draw.normal().toFixed(3)));
  const w = z.map(() => Number(draw.uniform(0.5, 2).toFixed(3)));
  // one: every row in cluster "all"; arm: one cluster per arm; oneArmBlock: block B3 holds treated units only;
  // singleton: block B3 is one row.
  const columns = [
    numbers('y', y, 4), numbers('z', z, 0), numbers('x', x, 3), numbers('w', w, 3),
    strings('one', z.map(() => 'all')),
    strings('arm', z.map((t) => `arm${t}`)),
    strings('oneArmBlock', z.map((t, i) => (i >= 25 ? 'B3' : `B${1 + (i % 2)}`))),
    strings('singleton', z.map((t, i) => (i === 29 ? 'B3' : `B${1 + (i % 2)}`))),
  ];
  const id = 't6-one-cluster';
  const group = 'one-cluster-edges';
  const cases: (FitCase | DimCase)[] = [
    // R: SEs of 1e-16 (CR2, CR0) or NA (stata), z 1e15; vlab refuses.
    ...(['CR2', 'CR0', 'stata'] as const).map((se) => fit(group, `${id}-fit-${se}`, id, 'y ~ z + x', se, { clusters: 'one', refusal: 'at least two clusters' })),
    dim(group, `${id}-dim-one-cluster`, id, { clusters: 'one' }),
    // R: every cluster's residuals sum to 0, SE 9e-17, p 1e-31; vlab refuses.
    dim(group, `${id}-dim-cluster-per-arm`, id, { clusters: 'arm', refusal: 'each arm needs two or more clusters' }),
    dim(group, `${id}-dim-one-arm-block`, id, { blocks: 'oneArmBlock' }),
    dim(group, `${id}-dim-singleton-block-w`, id, { blocks: 'singleton', weights: 'w' }),
    dim(group, `${id}-dim-singleton-block`, id, { blocks: 'singleton' }),
  ];
  return { data: [{ id, columns }], cases };
}

export function trial6Designs(): Built {
  const parts = [dimWeighted(), weightsClustersInteractions(), missingDesignColumns(), oneClusterEdges()];
  return { data: parts.flatMap((p) => p.data), cases: parts.flatMap((p) => p.cases) };
}

// Seeded random regression designs of the kind an analyst runs: N from 20 to 50,000, factors (declared or
// sorted levels) and numeric covariates on different scales, an interaction, weights, few or many clusters,
// missing values; each data set is fitted under every se type that applies to it.
import type { SeType } from '../../../analysis/index.ts';
import type { DataSet, FitCase } from './case-types.ts';
import { clusterIds, Draw, withMissing, type Column } from './random-data.ts';

const LABELS: readonly (readonly string[])[] = [
  ['democracy', 'autocracy'],
  ['strong', 'weak', 'medium'],
  ['low', 'mid', 'high', 'very high'],
  ['a', 'b', 'c', 'd', 'e'],
  ['Female', 'Male'],
  ['No Formal', 'High School', 'Two-Year College', 'College Degree', 'Graduate Degree'],
  ['< 10k', '10-35k', '35-85k', '85k+'],
  ['north', 'south', 'east', 'west'],
];
const SIZES = [20, 30, 50, 80, 150, 300, 600, 1200, 3000, 5000];
const UNCLUSTERED: SeType[] = ['classical', 'HC0', 'HC1', 'HC2', 'HC3'];
const CLUSTERED: SeType[] = ['CR0', 'stata', 'CR2', 'cregg'];

interface Factor {
  name: string;
  labels: readonly string[];
  declared?: string[];
}
interface Numeric {
  name: string;
  mean: number;
  sd: number;
  decimals: number;
}

/** Data set `random-<index>` and its cases; `forced` fixes the size and clustering (the big designs). */
export function randomDesign(index: number, forced: { n?: number; clustered?: boolean; few?: boolean } = {}): { data: DataSet; cases: FitCase[] } {
  const draw = new Draw(20261202 + 7919 * index);
  const size = forced.n ?? draw.pick(SIZES);
  const small = size < 60;
  const pool = small ? LABELS.filter((labels) => labels.length <= 3) : LABELS;
  const factors: Factor[] = Array.from({ length: 1 + draw.int(small ? 2 : 3) }, (_, k) => {
    const labels = draw.pick(pool);
    return { name: `f${k + 1}`, labels, declared: draw.chance(0.5) ? draw.shuffle(labels) : undefined };
  });
  const numerics: Numeric[] = Array.from({ length: draw.int(small ? 2 : 3) }, (_, k) => ({
    name: `x${k + 1}`,
    mean: draw.pick([0, 2, 50, 1000]),
    sd: draw.pick([0.5, 1, 10]),
    decimals: draw.pick([2, 3, 4, 6]),
  }));
  const clustered = forced.clustered ?? draw.chance(0.5);
  const few = forced.few ?? draw.chance(0.4);
  const groups = few ? 3 + draw.int(6) : Math.max(5, Math.floor(size / draw.pick([2, 3, 5, 10])));
  const weighted = draw.chance(0.4);
  const missing = draw.chance(0.3) ? draw.uniform(0.02, 0.08) : 0;

  const terms: string[] = [...factors.map((f) => f.name), ...numerics.map((x) => x.name)];
  const width = (name: string): number => factors.find((f) => f.name === name)?.labels.length ?? 2;
  const parameters = 1 + terms.reduce((s, t) => s + width(t) - 1, 0);
  if (terms.length >= 2 && draw.chance(0.5)) {
    const [a, b] = draw.shuffle(terms).slice(0, 2);
    if (parameters + (width(a) - 1) * (width(b) - 1) <= size / 4) terms.push(`${a}:${b}`);
  }

  const codes = factors.map((f) => Array.from({ length: size }, () => draw.int(f.labels.length)));
  const effects = factors.map((f) => f.labels.map(() => 0.5 * draw.normal()));
  const xs = numerics.map((x) => Array.from({ length: size }, () => x.mean + x.sd * draw.normal()));
  const slopes = numerics.map(() => draw.normal());
  const cluster = clustered ? clusterIds(draw, size, Math.min(groups, Math.floor(size / 2)), draw.chance(0.5)) : undefined;
  const clusterEffect = new Map<string | number, number>();
  const y = Array.from({ length: size }, (_, i) => {
    let value = 0.5;
    factors.forEach((_, k) => (value += effects[k][codes[k][i]]));
    numerics.forEach((x, k) => (value += (slopes[k] * (xs[k][i] - x.mean)) / x.sd));
    if (cluster) {
      if (!clusterEffect.has(cluster[i])) clusterEffect.set(cluster[i], 0.6 * draw.normal());
      value += clusterEffect.get(cluster[i]) as number;
    }
    return value + draw.normal() * (0.5 + draw.uniform());
  });

  const maybeMissing = <T>(values: T[]): (T | null)[] => (missing > 0 ? withMissing(draw, values, missing) : values);
  const columns: Column[] = [
    { name: 'y', kind: 'number', decimals: 4, values: maybeMissing(y) },
    ...factors.map((f, k): Column => ({ name: f.name, kind: 'string', values: maybeMissing(codes[k].map((c) => f.labels[c])) })),
    ...numerics.map((x, k): Column => ({ name: x.name, kind: 'number', decimals: x.decimals, values: maybeMissing(xs[k]) })),
  ];
  if (weighted) columns.push({ name: 'w', kind: 'number', decimals: 4, values: maybeMissing(y.map(() => draw.uniform(0.2, 3))) });
  if (cluster) {
    const ids = maybeMissing(cluster);
    columns.push(typeof cluster[0] === 'string'
      ? { name: 'cl', kind: 'string', values: ids as (string | null)[] }
      : { name: 'cl', kind: 'number', decimals: 0, values: ids as (number | null)[] });
  }

  const id = `random-${index}`;
  const declared = Object.fromEntries(factors.filter((f) => f.declared).map((f) => [f.name, f.declared as string[]]));
  const alpha = draw.pick([0.05, 0.05, 0.1, 0.01]);
  const describe = `N ${size}, ${clustered ? `${few ? 'few' : 'many'} clusters` : 'no clusters'}${weighted ? ', weights' : ''}${missing ? ', missing values' : ''}`;
  const cases = (clustered ? CLUSTERED : UNCLUSTERED).map((seType): FitCase => ({
    kind: 'fit',
    id: `${id}-${seType}`,
    group: 'random',
    note: describe,
    data: id,
    formula: `y ~ ${terms.join(' + ')}`,
    se_type: seType,
    ...(cluster ? { clusters: 'cl' } : {}),
    ...(weighted ? { weights: 'w' } : {}),
    ...(Object.keys(declared).length ? { levels: declared } : {}),
    alpha,
  }));
  return { data: { id, columns }, cases };
}

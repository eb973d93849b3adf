// Seeded difference-in-means designs: Welch, blocked, clustered (treatment by cluster), blocked and clustered
// (clusters nested in blocks), matched pairs; 0/1 treatments and labelled ones with declared levels (control
// first, reversed, or a third value outside the levels, which R drops); missing outcomes.
import type { DataSet, DimCase } from './case-types.ts';
import { Draw, withMissing, type Column } from './random-data.ts';

type Design = 'standard' | 'blocked' | 'clustered' | 'block-clustered' | 'pairs' | 'cluster-pairs';
const DESIGNS: Design[] = ['standard', 'blocked', 'clustered', 'block-clustered'];
const SIZES = [20, 40, 100, 300, 1000, 4000];

interface Unit {
  block: number;
  cluster: number;
  treated: boolean;
}

/** Units with their block, cluster and arm: each block (or the whole sample) has at least two units per arm. */
function assign(draw: Draw, design: Design, n: number): Unit[] {
  const blocks = design === 'pairs' ? n / 2 : design === 'cluster-pairs' ? n / 6 : design.startsWith('block') ? 2 + draw.int(4) : 1;
  const clustered = design === 'clustered' || design === 'block-clustered' || design === 'cluster-pairs';
  const units: Unit[] = [];
  for (let block = 0; block < blocks; block++) {
    const size = Math.floor(n / blocks);
    // Clusters of 1–6 units (3 in pairs of clusters), each all treated or all control.
    const groups: number[] = [];
    if (clustered) {
      for (let left = size; left > 0; ) {
        const take = design === 'cluster-pairs' ? 3 : Math.min(left, 1 + draw.int(6));
        groups.push(take);
        left -= take;
      }
    } else {
      for (let i = 0; i < size; i++) groups.push(1);
    }
    const arms = draw.shuffle(groups.map((_, g) => g % 2 === 0));
    groups.forEach((take, g) => {
      const cluster = units.length === 0 ? 0 : units[units.length - 1].cluster + 1;
      for (let i = 0; i < take; i++) units.push({ block, cluster, treated: arms[g] });
    });
  }
  return units;
}

/** Data set `dim-<index>` and two cases on it (two outcomes, two alphas). */
export function dimDesign(index: number, override?: Design): { data: DataSet; cases: DimCase[] } {
  const draw = new Draw(30261202 + 104729 * index);
  const design = override ?? DESIGNS[index % DESIGNS.length];
  // Clustered designs start at 100 units, so that every block has clusters in both arms.
  const n = design === 'pairs' ? 40 : design === 'cluster-pairs' ? 48 : draw.pick(design.includes('cluster') ? SIZES.slice(2) : SIZES);
  const units = assign(draw, design, n);
  // Pairs keep every unit: a dropped "placebo" would leave a block of one.
  const labelled = draw.pick(design.includes('pairs') ? (['01', 'labels', 'reversed'] as const) : (['01', 'labels', 'reversed', 'outside'] as const));
  const blockEffect = Array.from({ length: units.length }, () => draw.normal());
  const clusterEffect = Array.from({ length: units.length }, () => 0.5 * draw.normal());
  const outcome = (effect: number, spread: number) =>
    units.map((u) => 1 + (u.treated ? effect : 0) + 0.5 * blockEffect[u.block] + clusterEffect[u.cluster] + spread * draw.normal());
  const missing = draw.chance(0.3) && design !== 'pairs' && design !== 'cluster-pairs' ? 0.03 : 0;
  const y1 = outcome(0.4, 1);
  const y2 = outcome(-0.2, draw.uniform(0.5, 3)).map((v, i) => (units[i].treated ? v * 1.5 : v));
  const arm = units.map((u) => (labelled === 'outside' && draw.chance(0.2) ? 'placebo' : u.treated ? 'treated' : 'control'));
  const columns: Column[] = [
    { name: 'y1', kind: 'number', decimals: 4, values: missing ? withMissing(draw, y1, missing) : y1 },
    { name: 'y2', kind: 'number', decimals: 4, values: missing ? withMissing(draw, y2, missing) : y2 },
    labelled === '01'
      ? { name: 'z', kind: 'number', decimals: 0, values: units.map((u) => (u.treated ? 1 : 0)) }
      : { name: 'z', kind: 'string', values: arm },
    { name: 'block', kind: 'string', values: units.map((u) => `b${u.block + 1}`) },
    { name: 'cluster', kind: 'number', decimals: 0, values: units.map((u) => u.cluster + 1) },
  ];
  const levels =
    labelled === 'labels' || labelled === 'outside' ? { z: ['control', 'treated'] } : labelled === 'reversed' ? { z: ['treated', 'control'] } : undefined;
  const id = `dim-${index}`;
  const blocks = design === 'standard' || design === 'clustered' ? {} : { blocks: 'block' };
  const clusters = design === 'clustered' || design === 'block-clustered' || design === 'cluster-pairs' ? { clusters: 'cluster' } : {};
  const cases = (['y1', 'y2'] as const).map((outcomeName, k): DimCase => ({
    kind: 'dim',
    id: `${id}-${outcomeName}`,
    group: 'dim',
    note: `${design}, N ${n}, treatment ${labelled}${missing ? ', missing outcomes' : ''}`,
    data: id,
    outcome: outcomeName,
    treatment: 'z',
    ...blocks,
    ...clusters,
    ...(levels ? { levels } : {}),
    alpha: k === 0 ? 0.05 : 0.1,
  }));
  return { data: { id, columns }, cases };
}

// Synthetic conjoint-like data for the analysis benchmarks: every respondent (cluster) rates the same number of
// profiles, each profile draws its attribute levels uniformly, and the outcome has a respondent effect so that
// clustering matters. Seeded, so the TypeScript and R timings run on identical data.
import type { Row } from '../analysis/index.ts';
import { seededRandom } from '../tests/analysis/support.ts';

export interface BenchDesign {
  rows: Row[];
  formula: string;
  levels: Record<string, string[]>;
  /** Columns of the model matrix (intercept + dummies + numeric). */
  k: number;
}

/**
 * `n` rows in `clusters` equal clusters; attributes with the given level counts (K = 1 + Σ(levels − 1) + 1
 * numeric covariate).
 */
export function conjointData(n: number, clusters: number, levelCounts: number[], seed = 20261122): BenchDesign {
  const random = seededRandom(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const factors = levelCounts.map((count, f) => ({ name: `f${f + 1}`, levels: Array.from({ length: count }, (_, l) => `L${l + 1}`) }));
  const perCluster = Math.ceil(n / clusters);
  const rows: Row[] = new Array(n);
  let respondentEffect = 0;
  for (let i = 0; i < n; i++) {
    const cluster = Math.floor(i / perCluster);
    if (i % perCluster === 0) respondentEffect = 0.5 * normal();
    const row: Record<string, string | number> = { id: `r${cluster}` };
    let y = respondentEffect + normal();
    factors.forEach((factor, f) => {
      const level = Math.floor(random() * factor.levels.length);
      row[factor.name] = factor.levels[level];
      y += 0.05 * level * (f % 2 === 0 ? 1 : -1);
    });
    const x = normal();
    row.x = x;
    row.y = y + 0.1 * x;
    rows[i] = row;
  }
  const levels = Object.fromEntries(factors.map((f) => [f.name, f.levels]));
  const formula = `y ~ ${[...factors.map((f) => f.name), 'x'].join(' + ')}`;
  const k = 2 + levelCounts.reduce((s, c) => s + c - 1, 0);
  return { rows, formula, levels, k };
}

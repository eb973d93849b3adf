// Synthetic conjoint-like data for the analysis benchmarks: every respondent (cluster) rates the same number of
// profiles, each profile draws its attribute levels uniformly, and the outcome has a respondent effect so that
// clustering matters. Seeded, so the TypeScript and R timings run on identical data.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Row } from '../analysis/index.ts';
import { seededRandom } from '../support/seeded-random.ts';

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

/** The factors of the end-to-end case, levels in their declared order (first = reference). */
export const END_TO_END_LEVELS: Record<string, string[]> = {
  regime: ['democracy', 'autocracy'],
  trans: ['private', 'public'],
  cap: ['weak', 'parity', 'strong'],
  treaty: ['none', 'pact', 'alliance'],
};
export const END_TO_END_FORMULA = 'y ~ regime*trans + cap*trans + treaty*trans';

/**
 * A CSV file as R's `write.csv` writes one (strings quoted, numbers bare, row names left out): `n` rows of
 * `id, regime, trans, cap, treaty, y`, five rows per respondent, the outcome with planted effects. Written in
 * chunks, so 10⁶ rows never sit in memory as records.
 */
export function writeEndToEndCsv(path: string, n: number, seed = 20261201): void {
  const random = seededRandom(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const factors = Object.entries(END_TO_END_LEVELS);
  const fd = openSync(path, 'w');
  try {
    let chunk = `"id",${factors.map(([name]) => `"${name}"`).join(',')},"y"\n`;
    for (let i = 0; i < n; i++) {
      let y = normal();
      const cells = factors.map(([, levels], f) => {
        const level = Math.floor(random() * levels.length);
        y += 0.1 * level * (f % 2 === 0 ? 1 : -1);
        return `"${levels[level]}"`;
      });
      chunk += `${Math.floor(i / 5) + 1},${cells.join(',')},${y}\n`;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

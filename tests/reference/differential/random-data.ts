// Portable, deterministic random data for the differential test: the same seed gives the same CSV text on every
// machine and Node version. Only exact operations are used — Mulberry32 (integer arithmetic), normals as the
// sum of twelve uniforms (Irwin–Hall; sums of k/2³² are exact), + and × on doubles, and toFixed (exactly
// specified) for printing — never Math.log/cos/exp, whose last bit may differ between engines.
import { seededRandom } from '../../analysis/support.ts';

export class Draw {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = seededRandom(seed);
  }

  uniform(lo = 0, hi = 1): number {
    return lo + (hi - lo) * this.next();
  }

  /** Approximately standard normal: Σ of 12 uniforms − 6 (mean 0, variance 1). */
  normal(): number {
    let sum = 0;
    for (let k = 0; k < 12; k++) sum += this.next();
    return sum - 6;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(values: readonly T[]): T {
    return values[this.int(values.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  shuffle<T>(values: readonly T[]): T[] {
    const out = [...values];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

/** A column to print: strings are quoted (as R's write.csv), numbers get fixed decimals, null is NA. */
export type Column =
  | { name: string; kind: 'string'; values: (string | null)[] }
  | { name: string; kind: 'number'; decimals: number; values: (number | null)[] }
  | { name: string; kind: 'logical'; values: (boolean | null)[] };

/** The CSV text R and vlab both read. */
export function csvText(columns: readonly Column[]): string {
  const n = columns[0].values.length;
  const lines = [columns.map((c) => `"${c.name}"`).join(',')];
  for (let i = 0; i < n; i++) {
    lines.push(columns.map((c) => cell(c, i)).join(','));
  }
  return `${lines.join('\n')}\n`;
}

function cell(column: Column, i: number): string {
  const value = column.values[i];
  if (value === null) return 'NA';
  if (column.kind === 'string') return `"${(value as string).replace(/"/g, '""')}"`;
  if (column.kind === 'logical') return value ? 'TRUE' : 'FALSE';
  return (value as number).toFixed(column.decimals);
}

/** Sets a share of a column's cells to NA (R's missing), never all of them. */
export function withMissing<T>(draw: Draw, values: (T | null)[], rate: number): (T | null)[] {
  return values.map((value) => (draw.chance(rate) ? null : value));
}

/**
 * Cluster ids for n rows: `count` clusters of unequal sizes (contiguous, so clusters have a few to many rows),
 * as strings "c001"… or as integers.
 */
export function clusterIds(draw: Draw, n: number, count: number, asText: boolean): (string | number)[] {
  const cuts = new Set<number>();
  while (cuts.size < count - 1) cuts.add(1 + draw.int(n - 1));
  const sorted = [...cuts].sort((a, b) => a - b);
  const ids: (string | number)[] = [];
  let cluster = 0;
  for (let i = 0; i < n; i++) {
    while (cluster < sorted.length && i >= sorted[cluster]) cluster++;
    ids.push(asText ? `c${String(cluster + 1).padStart(3, '0')}` : cluster + 1);
  }
  return ids;
}

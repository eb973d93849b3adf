/**
 * Reading and summing alternated bench:ingest runs (bench/ingest-against.ts): the figures of one `--rounds 1` run, read
 * from the lines bench/ingest-sqlite.ts prints, and the paired summary of two sides.
 */
import { median } from './median.ts';

/** Server CPU µs a request of one run's paths, and its like-for-like ratio (completion req/s / (a′) req/s). */
export interface IngestFigures {
  grouped: number;
  start: number;
  quota: number;
  completion: number;
  likeForLike: number;
}

const CPU_LINE = /server CPU µs per request: \(a′\) (\d+(?:\.\d+)?)[^,]*, start (\d+(?:\.\d+)?)[^,]*, quota step (\d+(?:\.\d+)?)[^,]*, completion (\d+(?:\.\d+)?)/;
const RATIO_LINE = /completion \/ \(a′\), like for like: (\d+(?:\.\d+)?)/;

/** The figures of a bench:ingest run's output; `where` names the tree in the error if the lines are not there. */
export function parseIngestFigures(output: string, where: string): IngestFigures {
  const cpu = CPU_LINE.exec(output);
  const ratio = RATIO_LINE.exec(output);
  if (!cpu || !ratio) {
    throw new Error(`bench:ingest in ${where} printed no "server CPU µs per request" or "like for like" line (a revision older than both?):\n${output.slice(-1500)}`);
  }
  const [grouped, start, quota, completion] = cpu.slice(1).map(Number) as [number, number, number, number];
  return { grouped, start, quota, completion, likeForLike: Number(ratio[1]) };
}

/**
 * Two-sided sign test: the chance of a split at least this uneven among `n` pairs with no difference (ties left
 * out), so "dearer in 5 of 6 pairs" is read against what a coin gives.
 */
export function signTestP(dearer: number, n: number): number {
  if (n === 0) return 1;
  const k = Math.min(dearer, n - dearer);
  let tail = 0;
  let choose = 1;
  for (let i = 0; i <= k; i++) {
    tail += choose;
    choose = (choose * (n - i)) / (i + 1);
  }
  return Math.min(1, (2 * tail) / 2 ** n);
}

const PATHS: Array<[keyof IngestFigures, string]> = [
  ['grouped', '(a′) baseline'],
  ['start', 'start'],
  ['quota', 'quota step'],
  ['completion', 'completion'],
];

const spread = (xs: readonly number[], digits: number) =>
  `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;

/** One line a path (earlier, current, median paired difference, how many pairs were dearer, sign test), then the ratio. */
export function pairedSummary(earlier: readonly IngestFigures[], current: readonly IngestFigures[]): string[] {
  if (earlier.length !== current.length || earlier.length === 0) throw new Error('paired summary: the two sides need the same, non-zero, number of runs');
  const lines = ['server CPU µs a request   earlier           current           current − earlier (median of pairs)   dearer in'];
  for (const [key, name] of PATHS) {
    const e = earlier.map((f) => f[key]);
    const c = current.map((f) => f[key]);
    const diffs = c.map((x, i) => x - e[i]!);
    const untied = diffs.filter((d) => d !== 0);
    const dearer = untied.filter((d) => d > 0).length;
    const relative = median(diffs) / median(e);
    lines.push(
      `${name.padEnd(26)}${spread(e, 0).padEnd(18)}${spread(c, 0).padEnd(18)}${`${median(diffs) >= 0 ? '+' : ''}${median(diffs).toFixed(0)} µs (${relative >= 0 ? '+' : ''}${(100 * relative).toFixed(0)} %)`.padEnd(38)}` +
        `${dearer} of ${untied.length} pairs (sign test p = ${signTestP(dearer, untied.length).toFixed(2)})`,
    );
  }
  lines.push(`like for like (target ≥ 0.80): earlier ${spread(earlier.map((f) => f.likeForLike), 2)}, current ${spread(current.map((f) => f.likeForLike), 2)}`);
  lines.push('A difference is real only when most pairs agree (a small p); a median difference inside the runs\' spread with p near 1 is the machine.');
  return lines;
}

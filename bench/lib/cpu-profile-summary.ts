// Sums a V8 .cpuprofile (node --cpu-prof, BENCH_CPU_PROF) by function: self time (the function on top of the
// stack) and total time (the function anywhere in it, counted once a sample), the largest first. A bench:ingest
// server answers its start, quota step and completion one after the other, so `--timeline` prints the busy
// milliseconds of each 250 ms, and `--from`/`--to` (ms since the profile began) sum one phase alone;
// `--by-file` sums self time by source file (a middleware's whole cost).
//
//   node --import tsx bench/lib/cpu-profile-summary.ts FILE.cpuprofile [--timeline] [--from MS --to MS] [--top N] [--match TEXT] [--by-file]
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

const NOT_WORK = new Set(['(idle)', '(program)']);

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
}

const sourceMaps = new Map<string, SourceMap | null>();

/** The bundle's source map (dist/cli/…/chunk.js.map beside the chunk), or null. */
function sourceMapOf(url: string): SourceMap | null {
  if (!sourceMaps.has(url)) {
    const path = `${url.replace(/^file:\/\//, '')}.map`;
    sourceMaps.set(url, url.startsWith('file://') && existsSync(path) ? new SourceMap(JSON.parse(readFileSync(path, 'utf8'))) : null);
  }
  return sourceMaps.get(url)!;
}

/** Where a frame's code is: its file inside the repository or node_modules (a bundle's through its map), and line. */
function placeOf(node: ProfileNode): { file: string; line: number } {
  let { url, lineNumber } = node.callFrame;
  const entry = sourceMapOf(url)?.findEntry(lineNumber, node.callFrame.columnNumber);
  if (entry && 'originalSource' in entry) ({ originalSource: url, originalLine: lineNumber } = entry);
  const file = url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\//, '~/')
    .replace(`${process.cwd()}/`, '')
    .replace(/^(\.\.\/)+/, '');
  return { file, line: lineNumber + 1 };
}

/** `name file:line`, or with `--by-file` the file alone (a native or V8 frame keeps its name). */
function label(node: ProfileNode, byFile: boolean): string {
  const { file, line } = placeOf(node);
  const name = node.callFrame.functionName || '(anonymous)';
  if (!file) return name;
  return byFile ? file : `${name} ${file}:${line}`;
}

/** Each sample's time (µs since the profile began) and duration, the duration being the next sample's delta. */
function sampleTimes(p: CpuProfile): { at: number[]; dur: number[] } {
  const at: number[] = [];
  let t = 0;
  for (const d of p.timeDeltas) at.push((t += d));
  const dur = at.map((_, i) => (i + 1 < at.length ? at[i + 1]! - at[i]! : 0));
  return { at, dur };
}

function summarize(p: CpuProfile): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const { at, dur } = sampleTimes(p);
  const from = Number(argValue('from') ?? 0) * 1000;
  const to = Number(argValue('to') ?? Infinity) * 1000;
  const byFile = process.argv.includes('--by-file');
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let busy = 0;
  p.samples.forEach((id, i) => {
    if (at[i]! < from || at[i]! >= to) return;
    const top = byId.get(id)!;
    if (top.callFrame.functionName === '(idle)') return;
    const name = label(top, byFile);
    self.set(name, (self.get(name) ?? 0) + dur[i]!);
    if (NOT_WORK.has(top.callFrame.functionName)) return;
    busy += dur[i]!;
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const name = label(byId.get(n)!, false);
      if (!seen.has(name)) total.set(name, (total.get(name) ?? 0) + dur[i]!);
      seen.add(name);
    }
  });
  const top = Number(argValue('top') ?? 40);
  const match = argValue('match');
  const print = (title: string, m: Map<string, number>) => {
    console.log(`\n${title} (ms, % of ${(busy / 1000).toFixed(0)} ms busy)`);
    [...m]
      .filter(([name]) => !match || name.includes(match))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .forEach(([name, us]) => console.log(`${(us / 1000).toFixed(1).padStart(9)} ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${name}`));
  };
  print('self', self);
  print('total', total);
}

/** Busy (not idle) milliseconds in each 250 ms: where the phases of a run begin and end. */
function timeline(p: CpuProfile): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const { at, dur } = sampleTimes(p);
  const buckets = new Map<number, number>();
  p.samples.forEach((id, i) => {
    if (byId.get(id)!.callFrame.functionName === '(idle)') return;
    const b = Math.floor(at[i]! / 250_000);
    buckets.set(b, (buckets.get(b) ?? 0) + dur[i]!);
  });
  for (const [b, us] of [...buckets].sort((x, y) => x[0] - y[0])) console.log(`${String(b * 250).padStart(7)} ms  ${'#'.repeat(Math.round(us / 5000))} ${(us / 1000).toFixed(0)}`);
}

const file = process.argv[2];
if (!file) throw new Error('usage: cpu-profile-summary.ts FILE.cpuprofile [--timeline] [--from MS --to MS] [--top N] [--match TEXT]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
if (process.argv.includes('--timeline')) timeline(profile);
else summarize(profile);

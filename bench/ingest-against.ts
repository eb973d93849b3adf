// bench:ingest of this checkout against an earlier revision, alternated, to tell a respondent-path regression from the
// machine's drift. One bench:ingest run on these machines moves ±20 % from run to run (docs/performance.md, the
// twenty-second and twenty-third looks), as much as the regressions worth catching: comparing a run today with a figure
// from another day, or even two runs in a row, cannot tell them apart. So: a throwaway worktree of the revision, built
// with this checkout's node_modules; then pairs of one-round runs, each tree running its own bench:ingest (its own
// `vlab serve`), the order swapped every pair (ABBA) so a drift does not favour one side; the medians of each side's
// server CPU per request and of the pairs' differences, the figure to read.
//
//   npm run bench:against -- REV [--pairs 6] [--requests 6000] [--warmup 1000]
//       REV: anything `git rev-parse` takes (a tag, a commit, main~5). The worktree goes to a temporary folder and is
//       removed at the end; nothing in this checkout changes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { machineLine } from './lib/machine.ts';
import { intOption } from './lib/options.ts';
import { type IngestFigures, parseIngestFigures, pairedSummary } from './lib/paired-runs.ts';

const here = resolve(import.meta.dirname, '..');
const pairs = intOption('pairs', 'BENCH_PAIRS', 6);
const requests = intOption('requests', 'BENCH_REQUESTS', 6_000);
const warmup = intOption('warmup', 'BENCH_WARMUP', 1_000);

function run(command: string, args: string[], cwd: string): string {
  const done = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (done.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${done.status}:\n${(done.stderr || done.stdout).slice(-2000)}`);
  }
  return done.stdout;
}

/** A detached worktree of `rev` beside nothing of ours, sharing this checkout's node_modules, built. */
function checkout(rev: string): { dir: string; sha: string; remove: () => void } {
  const sha = run('git', ['rev-parse', '--verify', `${rev}^{commit}`], here).trim();
  const dir = join(mkdtempSync(join(tmpdir(), 'vlab-against-')), 'tree');
  run('git', ['worktree', 'add', '--detach', dir, sha], here);
  const remove = () => {
    spawnSync('git', ['worktree', 'remove', '--force', dir], { cwd: here });
    rmSync(resolve(dir, '..'), { recursive: true, force: true });
  };
  try {
    symlinkSync(join(here, 'node_modules'), join(dir, 'node_modules'));
    run(process.execPath, ['scripts/build.mjs'], dir);
  } catch (error) {
    remove();
    throw error;
  }
  return { dir, sha, remove };
}

function ingestOnce(dir: string): IngestFigures {
  const out = run(process.execPath, ['--import', 'tsx', 'bench/ingest.ts', '--rounds', '1', '--requests', String(requests), '--warmup', String(warmup)], dir);
  return parseIngestFigures(out, dir);
}

async function main(): Promise<void> {
  const rev = process.argv.slice(2).find((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
  if (!rev) throw new Error('usage: npm run bench:against -- REV [--pairs 6] [--requests 6000] [--warmup 1000]');
  console.log(`ingest against ${rev} — ${machineLine()}`);
  console.log(`${pairs} pairs of one-round bench:ingest runs (${requests} requests a path after ${warmup} warm-up), order swapped every pair`);
  const old = checkout(rev);
  const sides: { earlier: IngestFigures[]; current: IngestFigures[] } = { earlier: [], current: [] };
  try {
    for (let i = 0; i < pairs; i++) {
      const order: Array<keyof typeof sides> = i % 2 === 0 ? ['earlier', 'current'] : ['current', 'earlier'];
      for (const side of order) {
        const figures = ingestOnce(side === 'earlier' ? old.dir : here);
        sides[side].push(figures);
        console.log(`pair ${i + 1}/${pairs} ${side.padEnd(8)} CPU µs a request: (a′) ${figures.grouped}, start ${figures.start}, quota step ${figures.quota}, completion ${figures.completion}; like for like ${figures.likeForLike.toFixed(2)}`);
      }
    }
  } finally {
    old.remove();
  }
  console.log(`\nearlier = ${old.sha.slice(0, 12)} (${rev}), current = this checkout`);
  for (const line of pairedSummary(sides.earlier, sides.current)) console.log(line);
}

await main();

// Benchmarks of lmRobust at scale, printed as figures (never pass/fail). Each case runs in its own child
// process so that its peak RSS is its own. If Rscript with estimatr is installed, estimatr is timed on the same
// generated data in the same run and the ratio printed — except CR2 at 100k/1M rows, where estimatr builds
// G × G matrices per coefficient (minutes at 100k, out of memory at 1M), and CR2 with clusters of 200,000 rows,
// where it would eigen-decompose 200,000 × 200,000 blocks. Then the end-to-end cases
// (bench/analysis-end-to-end.ts): `vlab fit` from a CSV file against Rscript's read.csv + lm_robust.
//
//   npm run bench:analysis             all cases
//   npm run bench:analysis -- hc2_1m   one case (e2e_1m, e2e_fe: the end-to-end cases)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lmRobust } from '../analysis/index.ts';
import { seededRandom } from '../support/seeded-random.ts';
import { conjointData, type BenchDesign } from './analysis-data.ts';
import { END_TO_END_CASES, endToEndBenchmarks } from './analysis-end-to-end.ts';

interface BenchCase {
  name: string;
  n: number;
  clusters: number;
  levels: number[];
  seType: 'HC2' | 'CR2';
  /** Weighted fit (weights w in 0.5–2, drawn from their own seed so the other columns stay as in the unweighted case). */
  weighted?: boolean;
  /** Why estimatr is not run on this case, if it is not. */
  skipR?: string;
  target: string;
}

const CASES: BenchCase[] = [
  { name: 'cr2_10k', n: 10_000, clusters: 2_000, levels: [3, 3, 4, 4], seType: 'CR2', target: 'comparison point where estimatr still runs' },
  { name: 'cr2_100k', n: 100_000, clusters: 20_000, levels: [3, 3, 4, 4], seType: 'CR2', skipR: 'estimatr CR2 takes ~262 s here', target: '< 2.6 s' },
  { name: 'cr2_1m', n: 1_000_000, clusters: 200_000, levels: [3, 3, 4, 4], seType: 'CR2', skipR: 'estimatr CR2 runs out of memory', target: '< 30 s, < 2 GB' },
  { name: 'hc2_1m', n: 1_000_000, clusters: 200_000, levels: [4, 5, 5, 6, 7], seType: 'HC2', target: '≤ half of estimatr' },
  // Few large clusters: each cluster's adjustment is computed in K × K space (estimatr eigen-decomposes n_s × n_s).
  { name: 'cr2_5x1300', n: 6_500, clusters: 5, levels: [3, 3, 4, 4], seType: 'CR2', target: 'comparison point (163 s before the K × K adjustment)' },
  { name: 'cr2_5x200k', n: 1_000_000, clusters: 5, levels: [3, 3, 4, 4], seType: 'CR2', skipR: 'estimatr would build 200,000 × 200,000 matrices', target: '< 10 s' },
  // Many dummies, few clusters (401 columns, 200 clusters): the df pass over pairs of clusters (cr2-df-pairs.ts);
  // before it vlab took 42 s unweighted (estimatr 11 s) and 189 s weighted (estimatr 17 s).
  { name: 'cr2_401x200', n: 8_000, clusters: 200, levels: [400], seType: 'CR2', target: '≤ estimatr' },
  { name: 'cr2_401x200w', n: 8_000, clusters: 200, levels: [400], seType: 'CR2', weighted: true, target: '≤ estimatr' },
];

// Best of RUNS for both vlab and estimatr: the machine may be shared, and the minimum is the least noisy figure.
const RUNS = 2;

interface Measured {
  seconds: number;
  peakRssMb: number;
  k: number;
  stdErrors: number[];
  df: number[];
  solver: string;
}

function design(c: BenchCase): BenchDesign {
  const d = conjointData(c.n, c.clusters, c.levels);
  if (c.weighted) {
    const random = seededRandom(7);
    for (const row of d.rows) (row as Record<string, number>).w = Number((0.5 + 1.5 * random()).toFixed(6));
  }
  return d;
}

/** Child: generate, fit once, report time of the fit and the process's peak RSS. */
function runChild(c: BenchCase, csvPath: string | undefined): void {
  const d = design(c);
  if (csvPath) {
    const columns = Object.keys(d.rows[0]);
    const lines = [columns.join(',')];
    for (const row of d.rows) lines.push(columns.map((column) => String(row[column])).join(','));
    writeFileSync(csvPath, `${lines.join('\n')}\n`);
  }
  let seconds = Infinity;
  let fit: ReturnType<typeof lmRobust> | undefined;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const clusters = c.seType === 'CR2' ? 'id' : undefined;
    fit = lmRobust({ formula: d.formula, rows: d.rows, levels: d.levels, clusters, weights: c.weighted ? 'w' : undefined, seType: c.seType });
    seconds = Math.min(seconds, (performance.now() - start) / 1000);
  }
  if (!fit) throw new Error('no run');
  const result: Measured = {
    seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    k: d.k,
    stdErrors: fit.estimates.map((row) => row.std_error as number),
    df: fit.estimates.map((row) => row.df as number),
    solver: fit.solver,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function rAvailable(): boolean {
  return spawnSync('Rscript', ['-e', 'suppressMessages(library(estimatr))'], { stdio: 'ignore' }).status === 0;
}

function timeEstimatr(c: BenchCase, csvPath: string): { seconds: number; stdErrors: number[]; df: number[] } | string {
  const factors = c.levels.map((_, f) => `f${f + 1}`);
  const script = `
    suppressMessages(library(estimatr))
    d <- read.csv("${csvPath}")
    for (v in c(${factors.map((f) => `"${f}"`).join(', ')})) d[[v]] <- factor(d[[v]], levels = paste0("L", seq_along(unique(d[[v]]))))
    best <- Inf
    for (run in seq_len(${RUNS})) {
      t <- system.time(fit <- lm_robust(y ~ ${[...factors, 'x'].join(' + ')}, data = d${c.seType === 'CR2' ? ', clusters = id' : ''}${c.weighted ? ', weights = w' : ''}, se_type = "${c.seType}"))
      best <- min(best, t[["elapsed"]])
    }
    cat(sprintf("%.17g", c(best, fit$std.error, fit$df)), "\\n")`;
  const r = spawnSync('Rscript', ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) return `estimatr failed: ${r.stderr.trim().split('\n').at(-1)}`;
  const [seconds, ...rest] = r.stdout.trim().split(/\s+/).map(Number);
  const k = rest.length / 2;
  return { seconds, stdErrors: rest.slice(0, k), df: rest.slice(k) };
}

function main(): void {
  const args = process.argv.slice(2);
  const child = args.indexOf('--child');
  if (child >= 0) {
    const c = CASES.find((x) => x.name === args[child + 1]);
    if (!c) throw new Error(`unknown case ${args[child + 1]}`);
    const csv = args.indexOf('--csv');
    runChild(c, csv >= 0 ? args[csv + 1] : undefined);
    return;
  }

  const selected = args.length ? CASES.filter((c) => args.includes(c.name)) : CASES;
  const endToEnd = args.length ? END_TO_END_CASES.filter((c) => args.includes(c.name)).map((c) => c.name) : [];
  const withR = rAvailable();
  const scratch = mkdtempSync(join(tmpdir(), 'vlab-bench-'));
  const self = fileURLToPath(import.meta.url);
  console.log(
    `analysis benchmarks — node ${process.version}, best of ${RUNS} runs, ${withR ? 'estimatr found: timing it on the same data' : 'Rscript/estimatr not found: vlab only'}`,
  );
  console.log('case       rows       clusters  K   se   vlab (s)  peak RSS (MB)  estimatr (s)  vlab/estimatr  max rel. diff SE/df  target');
  try {
    for (const c of selected) {
      const runR = withR && !c.skipR;
      const csvPath = runR ? join(scratch, `${c.name}.csv`) : undefined;
      const out = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', c.name, ...(csvPath ? ['--csv', csvPath] : [])], {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      });
      if (out.status !== 0) {
        console.log(`${c.name}: failed\n${out.stderr}`);
        continue;
      }
      const ours = JSON.parse(out.stdout.trim().split('\n').at(-1) as string) as Measured;
      let rCell = withR ? `skipped: ${c.skipR}` : 'no R';
      let ratio = '';
      let diff = '';
      if (runR && csvPath) {
        const r = timeEstimatr(c, csvPath);
        if (typeof r === 'string') rCell = r;
        else {
          rCell = r.seconds.toFixed(2);
          ratio = (ours.seconds / r.seconds).toFixed(2);
          const relative = (theirs: number[], mine: number[]) => theirs.map((value, j) => Math.abs(value - mine[j]) / value);
          diff = Math.max(...relative(r.stdErrors, ours.stdErrors), ...relative(r.df, ours.df)).toExponential(1);
        }
      }
      console.log(
        [
          c.name.padEnd(10),
          String(c.n).padStart(9),
          String(c.seType === 'CR2' ? c.clusters : '-').padStart(9),
          String(ours.k).padStart(3),
          `${c.seType}${c.weighted ? 'w' : ' '}`,
          ours.seconds.toFixed(2).padStart(8),
          ours.peakRssMb.toFixed(0).padStart(13),
          rCell.padStart(12),
          ratio.padStart(13),
          diff.padStart(19),
          c.target,
        ].join('  '),
      );
      console.log(`${''.padEnd(11)}fitted by ${ours.solver === 'cholesky' ? 'Cholesky of the equilibrated X\'X' : 'pivoted QR'}`);
    }
    if (args.length === 0 || endToEnd.length > 0) endToEndBenchmarks(endToEnd, withR, scratch);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();

// The user's real path, timed against R's in the same run: a CSV file written as R's write.csv writes one, fitted
// (1) end to end — `vlab fit --data FILE` as a process against `Rscript` running read.csv + factor() +
// lm_robust — and (2) in-process — reading the file into columns, then lmRobust, against read.csv and lm_robust
// timed inside R. Run by bench/analysis.ts (`npm run bench:analysis`, or `-- e2e_1m` alone).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lmRobust, tableFromCsv } from '../analysis/index.ts';
import { END_TO_END_FORMULA, END_TO_END_LEVELS, writeEndToEndCsv } from './analysis-data.ts';

// e2e_fe: one fixed effect per respondent (5 rows each), as a conjoint analysis absorbs respondents. Before the
// demeaned fit (analysis/helpers/demeaned-fit.ts) vlab fitted 1,000 respondents' dummies in ~40 s, estimatr ~10 s.
export const END_TO_END_CASES: readonly EndToEndCase[] = [
  { name: 'e2e_1m', n: 1_000_000, seType: 'HC2' },
  { name: 'e2e_fe', n: 5_000, seType: 'HC2', fixedEffects: '~ id' },
];
interface EndToEndCase {
  name: string;
  n: number;
  seType: 'HC2';
  fixedEffects?: string;
}

const RUNS = 2;
const self = fileURLToPath(import.meta.url);
const repo = resolve(dirname(self), '..');

interface InProcess {
  readSeconds: number;
  fitSeconds: number;
  stdErrors: number[];
}

/** Child: read the file into columns and fit, each timed (best of RUNS), in a fresh process. */
function child(csvPath: string, levelsPath: string, seType: string, fixedEffects: string | undefined): void {
  let readSeconds = Infinity;
  let fitSeconds = Infinity;
  let stdErrors: number[] = [];
  const levels = JSON.parse(readFileSync(levelsPath, 'utf8')) as Record<string, string[]>;
  for (let run = 0; run < RUNS; run++) {
    let start = performance.now();
    const table = tableFromCsv(readFileSync(csvPath));
    for (const name of table.names) table.column(name);
    readSeconds = Math.min(readSeconds, (performance.now() - start) / 1000);
    start = performance.now();
    const fit = lmRobust({ formula: END_TO_END_FORMULA, rows: table, levels, seType: seType as 'HC2', fixedEffects });
    fitSeconds = Math.min(fitSeconds, (performance.now() - start) / 1000);
    stdErrors = fit.estimates.map((row) => row.std_error as number);
  }
  const result: InProcess = { readSeconds, fitSeconds, stdErrors };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function wallSeconds(command: string, args: string[]): { seconds: number; stdout: string } {
  let seconds = Infinity;
  let stdout = '';
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const out = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26, cwd: repo });
    if (out.status !== 0) throw new Error(`${command} failed: ${out.stderr.trim().split('\n').at(-1)}`);
    seconds = Math.min(seconds, (performance.now() - start) / 1000);
    stdout = out.stdout;
  }
  return { seconds, stdout };
}

function rScript(csvPath: string, seType: string, fixedEffects: string | undefined): string {
  const factors = Object.entries(END_TO_END_LEVELS)
    .map(([name, levels]) => `d$${name} <- factor(d$${name}, levels = c(${levels.map((l) => `"${l}"`).join(', ')}))`)
    .join('\n');
  return `
    suppressMessages(library(estimatr))
    read <- system.time({ d <- read.csv("${csvPath}")
    ${factors} })
    fit_time <- system.time(fit <- lm_robust(${END_TO_END_FORMULA}, data = d, se_type = "${seType}"${fixedEffects ? `, fixed_effects = ${fixedEffects}` : ''}))
    cat(sprintf("%.17g", c(read[["elapsed"]], fit_time[["elapsed"]], fit$std.error)), "\\n")`;
}

const ratio = (a: number, b: number): string => (a / b).toFixed(2);

/**
 * Prints, per selected case, the end-to-end and in-process figures of vlab and R and their ratios.
 *
 * @example endToEndBenchmarks(['e2e_1m'], true, '/tmp/scratch')
 */
export function endToEndBenchmarks(selected: readonly string[], withR: boolean, scratch: string): void {
  const cases = END_TO_END_CASES.filter((c) => selected.length === 0 || selected.includes(c.name));
  if (cases.length === 0) return;
  console.log(`\nend to end from a CSV file: ${END_TO_END_FORMULA}, best of ${RUNS} runs`);
  for (const c of cases) runCase(c, withR, scratch);
}

function runCase(c: EndToEndCase, withR: boolean, scratch: string): void {
  const csvPath = join(scratch, `${c.name}.csv`);
  const levelsPath = join(scratch, `${c.name}.levels.json`);
  writeEndToEndCsv(csvPath, c.n);
  writeFileSync(levelsPath, JSON.stringify(END_TO_END_LEVELS));

  const cli = wallSeconds(process.execPath, [
    join(repo, 'bin/vlab.js'),
    'fit',
    '--data',
    csvPath,
    '--formula',
    END_TO_END_FORMULA,
    '--levels',
    levelsPath,
    '--se-type',
    c.seType,
    '--format',
    'csv',
    ...(c.fixedEffects ? ['--fixed-effects', c.fixedEffects] : []),
  ]);
  const inside = JSON.parse(
    wallSeconds(process.execPath, ['--import', 'tsx', self, '--child', csvPath, levelsPath, c.seType, ...(c.fixedEffects ? [c.fixedEffects] : [])]).stdout.trim(),
  ) as InProcess;
  console.log(`${c.name}: ${c.n} rows, ${c.seType}${c.fixedEffects ? `, fixed effects ${c.fixedEffects} (${c.n / 5} groups)` : ''}`);
  if (!withR) {
    console.log(`  end to end: vlab fit ${cli.seconds.toFixed(2)} s (no R to compare)`);
    console.log(`  in-process: read ${inside.readSeconds.toFixed(2)} s, fit ${inside.fitSeconds.toFixed(2)} s`);
    return;
  }
  const r = wallSeconds('Rscript', ['-e', rScript(csvPath, c.seType, c.fixedEffects)]);
  const [rRead, rFit, ...rStdErrors] = r.stdout.trim().split(/\s+/).map(Number);
  const diff = Math.max(...rStdErrors.map((se, j) => Math.abs(se - inside.stdErrors[j]) / se));
  console.log(
    `  end to end: vlab fit ${cli.seconds.toFixed(2)} s, Rscript (read.csv + lm_robust) ${r.seconds.toFixed(2)} s: ` +
      `${ratio(cli.seconds, r.seconds)} × R (target ≤ 0.5)`,
  );
  console.log(
    `  in-process: read ${inside.readSeconds.toFixed(2)} s vs read.csv ${rRead.toFixed(2)} s (${ratio(inside.readSeconds, rRead)} ×); ` +
      `fit ${inside.fitSeconds.toFixed(2)} s vs lm_robust ${rFit.toFixed(2)} s (${ratio(inside.fitSeconds, rFit)} ×); ` +
      `max rel. diff of SEs ${diff.toExponential(1)}`,
  );
}

// Only when run as this file: bench/analysis.ts imports it, and its own children also get '--child' (a case name).
if (process.argv[1] === self && process.argv[2] === '--child') child(process.argv[3], process.argv[4], process.argv[5], process.argv[6]);

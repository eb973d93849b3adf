// Start-up of the `vlab` command before and after the build step, measured in the same run and printed (never
// pass/fail). Each figure is the median of --reps runs (default 5), wall time and CPU (user + system of the child,
// from /proc/self/stat's cutime/cstime, so the load of other processes inflates the wall time but not the CPU):
//   - tsx path: `node --import tsx server/cli/main.ts …`, what bin/vlab.js did before: transpile at every call;
//   - built path: `node bin/vlab.js …`, the esbuild bundle of scripts/build-cli.mjs after its freshness check;
// for `vlab --help` and `vlab wave list` (a database with three waves), and `npm start` until it prints the wave
// links on a warm tree: before, prestart rebuilt the front end every time (forced here by removing
// public/dist/inputs.json, once: it takes many seconds) and the server ran through tsx; after, as it is now.
// Also: the freshness check alone (in-process), and building the CLI with esbuild against emitting it with tsc.
//
//   npm run bench:cli                  (--reps 5)
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI_EXTERNAL, currentCliBuild } from '../scripts/build-cli.mjs';
import { machineLine } from './lib/machine.ts';
import { procCpuMicros } from './lib/proc-cpu.ts';
import { intOption } from './lib/options.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const reps = intOption('reps', 'BENCH_REPS', 5);
/** CPU ms of this process's reaped children so far (user + system). */
function childrenCpuMs(): number {
  return procCpuMicros('self', 'reaped children')! / 1000;
}

interface Run {
  wallMs: number;
  cpuMs: number;
}

function timed(command: string, args: string[]): Run {
  const cpu = childrenCpuMs();
  const start = performance.now();
  const result: SpawnSyncReturns<string> = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });
  const wallMs = performance.now() - start;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}: ${result.stderr}`);
  return { wallMs, cpuMs: childrenCpuMs() - cpu };
}

/** Runs a server command until it prints its wave links, then stops it (with its process group). */
async function timedUntilLinks(command: string, args: string[]): Promise<Run> {
  const cpu = childrenCpuMs();
  const start = performance.now();
  const child = spawn(command, args, { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } });
  let out = '';
  const wallMs = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
      if (/open wave .*\n/.test(out)) resolve(performance.now() - start);
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk));
    child.once('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${out}`)));
  });
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
  return { wallMs, cpuMs: childrenCpuMs() - cpu };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function repeat(times: number, run: () => Run | Promise<Run>): Promise<Run> {
  const runs: Run[] = [];
  for (let i = 0; i < times; i++) runs.push(await run());
  return { wallMs: median(runs.map((r) => r.wallMs)), cpuMs: median(runs.map((r) => r.cpuMs)) };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const line = (what: string, before: Run, after: Run, target: string) =>
  `${what.padEnd(26)} ${seconds(before.wallMs).padStart(8)} ${seconds(before.cpuMs).padStart(8)}   ${seconds(after.wallMs).padStart(8)} ${seconds(after.cpuMs).padStart(8)}   ${(before.wallMs / after.wallMs).toFixed(1).padStart(5)} ×   ${target}`;

const work = mkdtempSync(join(tmpdir(), 'vlab-bench-cli-'));
try {
  console.log(`bench:cli-startup · ${machineLine()} · median of ${reps}`);
  // A warm tree: both builds current before anything is timed.
  spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'ignore' });
  const db = join(work, 'vlab.sqlite');
  for (let i = 0; i < 3; i++) timed(process.execPath, ['bin/vlab.js', 'wave', 'create', '--study', 'protege-bargaining', '--target', '100', '--db', db]);

  const tsx = (args: string[]) => () => timed(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', ...args]);
  const built = (args: string[]) => () => timed(process.execPath, ['bin/vlab.js', ...args]);
  const rows: string[] = [];
  rows.push(line('vlab --help', await repeat(reps, tsx(['--help'])), await repeat(reps, built(['--help'])), 'target ≤ 0.3 s'));
  rows.push(line('vlab wave list', await repeat(reps, tsx(['wave', 'list', '--db', db])), await repeat(reps, built(['wave', 'list', '--db', db])), 'target ≤ 0.6 s'));

  const serveDb = join(work, 'serve.sqlite');
  const npmBefore = await (async () => {
    rmSync(join(ROOT, 'public/dist/inputs.json'), { force: true });
    const frontEnd = timed(process.execPath, ['scripts/build-public.mjs']);
    const serve = await timedUntilLinks(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', 'serve', '--port', '0', '--db', serveDb]);
    return { wallMs: frontEnd.wallMs + serve.wallMs, cpuMs: frontEnd.cpuMs + serve.cpuMs };
  })();
  const npmAfter = await repeat(reps, () => timedUntilLinks('npm', ['start', '--silent', '--', '--port', '0', '--db', serveDb]));
  rows.push(line('npm start to the link', npmBefore, npmAfter, `target ≤ 3 s (before: 1 run, front end rebuilt)`));

  console.log(`${''.padEnd(26)} ${'before: tsx'.padStart(17)}   ${'after: built'.padStart(17)}   ratio`);
  console.log(`${''.padEnd(26)} ${'wall'.padStart(8)} ${'CPU'.padStart(8)}   ${'wall'.padStart(8)} ${'CPU'.padStart(8)}   (wall)`);
  for (const row of rows) console.log(row);

  const checks = 200;
  const start = performance.now();
  for (let i = 0; i < checks; i++) if (!currentCliBuild().main) throw new Error('the CLI build went stale during the benchmark');
  const checkMs = (performance.now() - start) / checks;
  const node = await repeat(reps, () => timed(process.execPath, ['-e', '0']));
  console.log(`freshness check (stat of the ${Object.keys(JSON.parse(readFileSync(join(ROOT, 'dist/cli/build.json'), 'utf8')).inputs).length} recorded inputs): ${checkMs.toFixed(1)} ms a call; node -e 0 alone: ${seconds(node.wallMs)} wall, ${seconds(node.cpuMs)} CPU`);

  // Building the CLI: esbuild's bundle (build-cli.mjs's options, through esbuild's own binary so that its CPU is
  // counted) against tsc emitting the same sources one file each.
  const esbuild = timed('node_modules/.bin/esbuild', [
    'server/cli/main.ts', '--bundle', '--splitting', '--format=esm', '--platform=node', '--target=node20',
    ...CLI_EXTERNAL.map((p) => `--external:${p}`), `--outdir=${join(work, 'esbuild')}`, '--log-level=warning',
  ]);
  mkdirSync(join(ROOT, '.bench-out'), { recursive: true });
  const tsconfig = join(ROOT, '.bench-out/tsconfig.emit.json');
  writeFileSync(tsconfig, JSON.stringify({
    extends: '../tsconfig.json',
    compilerOptions: { noEmit: false, noCheck: true, rewriteRelativeImportExtensions: true, outDir: join(work, 'tsc'), rootDir: '..' },
    include: ['../server', '../analysis'],
  }));
  const tsc = timed(process.execPath, ['node_modules/typescript/bin/tsc', '-p', tsconfig]);
  console.log(`building the CLI: esbuild bundle ${seconds(esbuild.wallMs)} wall, ${seconds(esbuild.cpuMs)} CPU; tsc emit (--noCheck) ${seconds(tsc.wallMs)} wall, ${seconds(tsc.cpuMs)} CPU`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

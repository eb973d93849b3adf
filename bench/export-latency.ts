// A researcher downloads while respondents arrive: the start's latency during a streaming CSV export and during
// the first computation of a wave's estimates, with that work (b) in the researcher worker threads, as `vlab
// serve` runs it, and (a) on the respondents' event loop, as it ran before — both in one server process
// (bench/export-latency-server.ts) over one generated wave, in the same run. A start is sent every 50 ms for as
// long as the download runs. Figures only: timing never fails the run; a non-2xx answer does.
//
//   npm run bench:export-latency                         20,000 completes
//   npm run bench:export-latency -- --rows 200000        (or BENCH_ROWS=200000)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOAD_ENV } from '../support/load-settings.ts';
import { generateCompletedWave } from './lib/generate-wave.ts';
import { machineLine } from './lib/machine.ts';
import { intOption } from './lib/options.ts';
import { startServerProcess } from './lib/server-process.ts';

const rows = intOption('rows', 'BENCH_ROWS', 20_000);
const START_EVERY_MS = 50;
const TARGET_MS = 250;

interface Phase {
  name: string;
  downloadSeconds: number;
  latencies: number[];
  failures: string[];
}

async function phase(name: string, base: string, waveId: string, download: () => Promise<Response>): Promise<Phase> {
  const latencies: number[] = [];
  const failures: string[] = [];
  const pending: Promise<void>[] = [];
  let done = false;
  let n = 0;
  const began = performance.now();
  const finished = download()
    .then(async (res) => {
      if (!res.ok) failures.push(`download ${res.status}`);
      // Read as fast as the server sends, as a browser saving a file does.
      const reader = res.body!.getReader();
      while (!(await reader.read()).done);
    })
    .catch((error: Error) => failures.push(`download: ${error.message} ${String((error.cause as Error | undefined)?.message ?? '')}`))
    .finally(() => (done = true));
  while (!done) {
    const sent = performance.now();
    pending.push(
      fetch(`${base}/api/waves/${waveId}/participants`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ panel: { PROLIFIC_PID: `${name.replace(/\W+/g, '-')}-${n++}` } }),
      }).then(async (res) => {
        await res.arrayBuffer();
        if (res.status !== 201) failures.push(`start ${res.status}`);
        latencies.push(performance.now() - sent);
      }, (error: Error) => {
        failures.push(`start: ${error.message} ${String((error.cause as Error | undefined)?.message ?? '')}`);
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, START_EVERY_MS));
  }
  await finished;
  await Promise.all(pending);
  return { name, downloadSeconds: (performance.now() - began) / 1000, latencies, failures };
}

function line(p: Phase): string {
  const sorted = [...p.latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const max = sorted.at(-1)!;
  return [
    p.name.padEnd(44),
    p.downloadSeconds.toFixed(1).padStart(8),
    String(sorted.length).padStart(7),
    String(p.failures.length).padStart(7),
    at(0.5).toFixed(0).padStart(9),
    at(0.99).toFixed(0).padStart(9),
    max.toFixed(0).padStart(9),
    `  ≤ ${TARGET_MS} ms: ${max <= TARGET_MS ? 'met' : 'not met'}`,
  ].join('  ');
}

async function main(): Promise<void> {
  console.log(`export latency benchmark — ${machineLine()}`);
  console.log(`${rows} completes; a start every ${START_EVERY_MS} ms while the download runs`);
  const scratch = mkdtempSync(join(tmpdir(), 'vlab-bench-latency-'));
  try {
    const dbPath = join(scratch, 'vlab.sqlite');
    const waveId = await generateCompletedWave(dbPath, rows);
    const logFile = join(scratch, 'server.log');
    const server = await startServerProcess(['--import', 'tsx', 'bench/export-latency-server.ts', '--db', dbPath], logFile, LOAD_ENV);
    const token = /^token (\S+)$/m.exec(server.banner)![1]!;
    const base = server.baseUrl;
    const researcher = (path: string) => fetch(`${base}/api/researcher${path}`, { headers: { Authorization: `Bearer ${token}` } });
    const phases: Phase[] = [];
    try {
      // The noise floor: starts alone for as long as an export takes, on the same server.
      const quiet = () => new Promise<Response>((resolve) => setTimeout(() => resolve(new Response('')), 8000));
      phases.push(await phase('start alone, nothing downloading (8 s)', base, waveId, quiet));
      phases.push(await phase('start during csv export: worker threads (b)', base, waveId, () => researcher(`/waves/${waveId}/export?format=csv`)));
      phases.push(await phase('start during csv export: event loop (a)', base, waveId, () => fetch(`${base}/inline/export/${waveId}`)));
      phases.push(await phase('start during estimates: worker threads (b)', base, waveId, () => researcher(`/waves/${waveId}/estimates`)));
      phases.push(await phase('start during estimates: event loop (a)', base, waveId, () => fetch(`${base}/inline/estimates/${waveId}`)));
    } catch (error) {
      console.error(`server log:\n${readFileSync(logFile, 'utf8').slice(-3000)}`);
      throw error;
    } finally {
      await server.stop();
    }
    console.log('phase                                         download   starts   failed  p50 (ms)  p99 (ms)  max (ms)');
    for (const p of phases) console.log(line(p));
    // On the event loop, starts held behind a long computation may outlive the server's request timeouts: that is
    // part of what (a) measures, so its failures are counted in its row; the worker path must answer every one.
    const failures = phases.filter((p) => p.name.includes('(b)')).flatMap((p) => p.failures.map((f) => `${p.name}: ${f}`));
    if (failures.length) {
      console.error(`\n*** BENCHMARK INVALID: requests failed ***\n${failures.slice(0, 10).join('\n')}`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();

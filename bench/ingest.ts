// The respondent's write path under a panel's burst, against the best this stack can do, in one run:
//   (a) bench/ingest-baseline.ts — Express 5 + helmet + express.json() inserting the body into a one-column table,
//       one commit per request (the baseline), and (a′) the same with our group commit;
//   (b) the real server (`vlab serve`) — start (assignment), quota step, completion (validation, idempotency,
//       quota and target checks, quality flags), each request for a distinct participant.
// Both run as child processes started the same way, on the same pragmas (WAL, synchronous = FULL); autocannon
// drives them from this process with the same connections and the same completion body. Figures only: timing
// never fails the run, but any non-2xx answer or connection error does, loudly.
//
//   npm run bench:ingest                                     defaults: 50 connections, 20,000 requests a path
//   npm run bench:ingest -- --requests 2000 --connections 50 --warmup 500      (or BENCH_REQUESTS=…, …)
//   BENCH_CPU_PROF=DIR npm run bench:ingest                 also writes both servers' V8 CPU profiles to DIR
//   BENCH_DB=postgres://… npm run bench:ingest -- --rounds 2
//       on PostgreSQL instead (bench/ingest-postgres.ts): 1 and 2 `vlab serve` processes against a baseline on the
//       same server, interleaved for `--rounds`/BENCH_ROUNDS rounds (default 2); a fresh database per configuration
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareLoadDatabase } from '../support/load-database.ts';
import { LOAD_ENV } from '../support/load-settings.ts';
import { isPostgresUrl } from '../server/storage/store.ts';
import { ingestPostgres } from './ingest-postgres.ts';
import { completeBody, failures, measured as measuredRun, participantCode, quotaBody, startBody } from './lib/ingest-workload.ts';
import { LOAD_HEADER, loadRow, runLoad, type LoadResult, type LoadOptions } from './lib/load.ts';
import { machineLine } from './lib/machine.ts';
import { intOption } from './lib/options.ts';
import { startServerProcess } from './lib/server-process.ts';

const connections = intOption('connections', 'BENCH_CONNECTIONS', 50);
const requests = intOption('requests', 'BENCH_REQUESTS', 20_000);
const warmup = intOption('warmup', 'BENCH_WARMUP', 2_000);
// autocannon prepares each connection's next request before it knows the run is over: spare participants.
const spare = 2 * connections;
const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];

/** Warm-up run (not reported), then the measured run. */
const measured = (options: Omit<LoadOptions, 'amount'>, offset = 0): Promise<LoadResult> => measuredRun(options, { warmup, requests }, offset);

async function main(): Promise<void> {
  console.log(`ingest benchmark — ${machineLine()}`);
  const benchDb = process.env.BENCH_DB;
  if (benchDb) {
    if (!isPostgresUrl(benchDb)) throw new Error(`BENCH_DB: expected a postgres:// URL (unset: the SQLite run), got ${JSON.stringify(benchDb)}`);
    console.log(`${connections} connections, ${requests} measured requests a path after ${warmup} warm-up requests`);
    return ingestPostgres({ serverUrl: benchDb, connections, requests, warmup, rounds: intOption('rounds', 'BENCH_ROUNDS', 2) });
  }
  console.log(`${connections} connections, ${requests} measured requests a path after ${warmup} warm-up requests; WAL, synchronous = FULL`);
  const scratch = mkdtempSync(join(tmpdir(), 'vlab-bench-ingest-'));
  const results: LoadResult[] = [];
  try {
    for (const [name, flags] of [['a: baseline insert', []], ["a′: baseline, group commit", ['--group-commit']]] as const) {
      const file = join(scratch, `baseline${flags.length}.sqlite`);
      const baseline = await startServerProcess([...profile, '--import', 'tsx', 'bench/ingest-baseline.ts', '--db', file, ...flags], join(scratch, `baseline${flags.length}.log`));
      try {
        results.push(await measured({ name, url: baseline.baseUrl, connections, method: 'POST', request: (i) => ({ path: '/ingest', body: completeBody(i) }) }));
      } finally {
        await baseline.stop();
      }
    }

    const dbPath = join(scratch, 'vlab.sqlite');
    const waveId = await prepareLoadDatabase(dbPath);
    const real = await startServerProcess([...profile, 'bin/vlab.js', 'serve', '--port', '0', '--db', dbPath], join(scratch, 'vlab.log'), LOAD_ENV);
    const codes: string[] = [];
    const url = real.baseUrl;
    try {
      const startRequest = (i: number) => ({ path: `/api/waves/${waveId}/participants`, body: startBody(i) });
      const keepCode = (body: string) => codes.push(participantCode(body));
      results.push(await measured({ name: 'b: start (assignment)', url, connections, method: 'POST', request: startRequest, onOk: keepCode }));
      await runLoad({ name: 'spare starts', url, connections, method: 'POST', amount: spare, request: (i) => startRequest(warmup + requests + i), onOk: keepCode });
      results.push(
        await measured({ name: 'b: quota step', url, connections, method: 'POST', request: (i) => ({ path: `/api/participants/${codes[i]}/quota-check`, body: quotaBody(i) }) }),
      );
      results.push(
        await measured({ name: 'b: completion', url, connections, method: 'POST', request: (i) => ({ path: `/api/participants/${codes[i]}/complete`, body: completeBody(i) }) }),
      );
    } finally {
      await real.stop();
    }

    const db = new Database(dbPath, { readonly: true });
    const completes = db.prepare("SELECT COUNT(*) FROM participants WHERE wave_id = ? AND status = 'complete'").pluck().get(waveId) as number;
    db.close();

    console.log(LOAD_HEADER);
    const [a, aGrouped, start, quota, complete] = results as [LoadResult, LoadResult, LoadResult, LoadResult, LoadResult];
    console.log(loadRow(a));
    console.log(loadRow(aGrouped));
    console.log(loadRow(start, 'p99 ≤ 50 ms'));
    console.log(loadRow(quota));
    console.log(loadRow(complete));
    // The headline is like for like: both sides commit in groups. The plain baseline commits once per request.
    console.log(`ratio completion / baseline with group commit (req/s): ${(complete.rps / aGrouped.rps).toFixed(2)}   target ≥ 0.80 (same commit strategy on both sides)`);
    console.log(`ratio completion / plain baseline (req/s):             ${(complete.rps / a.rps).toFixed(2)}`);
    console.log(`ratio start / plain baseline (req/s):                  ${(start.rps / a.rps).toFixed(2)}`);
    console.log(`completes stored: ${completes} (expected ${warmup + requests})`);

    const problems = failures(results);
    if (completes !== warmup + requests) problems.push(`${completes} completes stored, expected ${warmup + requests}`);
    if (problems.length) {
      console.error(`\n*** BENCHMARK INVALID: requests failed ***\n${problems.join('\n')}`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();

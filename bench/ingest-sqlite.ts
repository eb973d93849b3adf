// bench:ingest on the embedded SQLite (`npm run bench:ingest`): (a) the plain baseline, (a′) the baseline with our
// group commit and (b) `vlab serve`, for `--rounds` rounds. On a machine shared with other work the load changes
// from minute to minute, so the headline pair is measured back to back: in each round (a′) runs right before the
// completion in odd rounds and right after it in even ones, while the vlab server waits idle with its participants
// started. Each round prints its table and ratios, then the medians over the rounds and their ranges.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOAD_ENV } from '../support/load-settings.ts';
// prepareLoadDatabase is still the crash harness's: it builds the storage layer, whose API is being reworked for
// PostgreSQL.
import { prepareLoadDatabase } from '../support/load-database.ts';
import { completeBody, failures, measured, participantCode, quotaBody, startBody, type RunSizes } from './lib/ingest-workload.ts';
import { LOAD_HEADER, loadRow, runLoad, type LoadResult } from './lib/load.ts';
import { startServerProcess } from './lib/server-process.ts';
import { median } from './lib/median.ts';

export interface SqliteIngestOptions extends RunSizes {
  connections: number;
  rounds: number;
  /** Extra node flags for every server process (e.g. `--cpu-prof`). */
  nodeFlags: string[];
}

interface Round {
  baseline: LoadResult;
  grouped: LoadResult;
  start: LoadResult;
  quota: LoadResult;
  complete: LoadResult;
  problems: string[];
}

/** One baseline server on a fresh file, driven with the completion's bodies; stopped after. */
async function baselineRun(o: SqliteIngestOptions, scratch: string, round: number, grouped: boolean): Promise<LoadResult> {
  const flags = grouped ? ['--group-commit'] : [];
  const file = join(scratch, `baseline-${round}-${flags.length}.sqlite`);
  const args = [...o.nodeFlags, '--import', 'tsx', 'bench/ingest-baseline.ts', '--db', file, ...flags];
  const server = await startServerProcess(args, join(scratch, `baseline-${round}-${flags.length}.log`));
  try {
    const name = grouped ? "a′: baseline, group commit" : 'a: baseline insert';
    return await measured({ name, url: server.baseUrl, connections: o.connections, method: 'POST', request: (i) => ({ path: '/ingest', body: completeBody(i) }) }, o, 0, server.cpuMicros);
  } finally {
    await server.stop();
  }
}

/** One round: (a), then `vlab serve` on a fresh database with (a′) beside its completion. */
async function roundRun(o: SqliteIngestOptions, scratch: string, round: number): Promise<Round> {
  const baseline = await baselineRun(o, scratch, round, false);
  const dbPath = join(scratch, `vlab-${round}.sqlite`);
  const waveId = await prepareLoadDatabase(dbPath);
  const real = await startServerProcess([...o.nodeFlags, 'bin/vlab.js', 'serve', '--port', '0', '--db', dbPath], join(scratch, `vlab-${round}.log`), LOAD_ENV);
  const url = real.baseUrl;
  const codes: string[] = [];
  const base = { url, connections: o.connections, method: 'POST' as const };
  let grouped: LoadResult;
  let start: LoadResult, quota: LoadResult, complete: LoadResult;
  try {
    const startRequest = (i: number) => ({ path: `/api/waves/${waveId}/participants`, body: startBody(i) });
    const keepCode = (body: string) => codes.push(participantCode(body));
    start = await measured({ ...base, name: 'b: start (assignment)', request: startRequest, onOk: keepCode }, o, 0, real.cpuMicros);
    // autocannon prepares each connection's next request before it knows the run is over: spare participants.
    await runLoad({ ...base, name: 'spare starts', amount: 2 * o.connections, request: (i) => startRequest(o.warmup + o.requests + i), onOk: keepCode });
    quota = await measured({ ...base, name: 'b: quota step', request: (i) => ({ path: `/api/participants/${codes[i]}/quota-check`, body: quotaBody(i) }) }, o, 0, real.cpuMicros);
    const completion = () =>
      measured({ ...base, name: 'b: completion', request: (i) => ({ path: `/api/participants/${codes[i]}/complete`, body: completeBody(i) }) }, o, 0, real.cpuMicros);
    if (round % 2) {
      grouped = await baselineRun(o, scratch, round, true);
      complete = await completion();
    } else {
      complete = await completion();
      grouped = await baselineRun(o, scratch, round, true);
    }
  } finally {
    await real.stop();
  }
  const db = new Database(dbPath, { readonly: true });
  const completes = db.prepare("SELECT COUNT(*) FROM participants WHERE wave_id = ? AND status = 'complete'").pluck().get(waveId) as number;
  db.close();
  const problems = failures([baseline, grouped, start, quota, complete]);
  if (completes !== o.warmup + o.requests) problems.push(`round ${round}: ${completes} completes stored, expected ${o.warmup + o.requests}`);
  return { baseline, grouped, start, quota, complete, problems };
}

/** `median (min–max)` of a figure over the rounds. */
function spreadOf(rounds: Round[], pick: (r: Round) => number, digits: number): string {
  const xs = rounds.map(pick);
  return `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;
}

function printRound(r: Round, n: number, of: number): void {
  console.log(`\nround ${n} of ${of} (a′ ${n % 2 ? 'before' : 'after'} the completion)`);
  console.log(LOAD_HEADER);
  for (const result of [r.baseline, r.grouped]) console.log(loadRow(result));
  console.log(loadRow(r.start, 'p99 ≤ 50 ms'));
  console.log(loadRow(r.quota));
  console.log(loadRow(r.complete));
  console.log(`ratio completion / baseline with group commit (req/s): ${(r.complete.rps / r.grouped.rps).toFixed(2)}   target ≥ 0.80 (same commit strategy on both sides)`);
  if (r.complete.cpuPerRequest !== undefined && r.grouped.cpuPerRequest !== undefined) {
    console.log(`ratio (a′) / completion (server CPU per request):       ${(r.grouped.cpuPerRequest / r.complete.cpuPerRequest).toFixed(2)}   the same ratio in CPU, which the machine's load moves less`);
  }
  console.log(`ratio completion / plain baseline (req/s):             ${(r.complete.rps / r.baseline.rps).toFixed(2)}`);
  console.log(`ratio start / plain baseline (req/s):                  ${(r.start.rps / r.baseline.rps).toFixed(2)}`);
}

/** Runs the rounds, prints each round and the medians; exit code 1 if any request failed or a completion is missing. */
export async function ingestSqlite(o: SqliteIngestOptions): Promise<void> {
  console.log(`${o.rounds} rounds of: (a), then vlab serve's start and quota step, then (a′) and the completion back to back`);
  const scratch = mkdtempSync(join(tmpdir(), 'vlab-bench-ingest-'));
  const rounds: Round[] = [];
  try {
    for (let n = 1; n <= o.rounds; n++) {
      const round = await roundRun(o, scratch, n);
      rounds.push(round);
      printRound(round, n, o.rounds);
    }
    console.log(`\nmedians over ${rounds.length} rounds (min–max):`);
    console.log(`  req/s: (a) ${spreadOf(rounds, (r) => r.baseline.rps, 0)}, (a′) ${spreadOf(rounds, (r) => r.grouped.rps, 0)}`);
    console.log(`  start ${spreadOf(rounds, (r) => r.start.rps, 0)} req/s, p99 ${spreadOf(rounds, (r) => r.start.p99, 0)} ms   target p99 ≤ 50 ms`);
    console.log(`  quota step ${spreadOf(rounds, (r) => r.quota.rps, 0)} req/s, p99 ${spreadOf(rounds, (r) => r.quota.p99, 0)} ms`);
    console.log(`  completion ${spreadOf(rounds, (r) => r.complete.rps, 0)} req/s, p99 ${spreadOf(rounds, (r) => r.complete.p99, 0)} ms`);
    console.log(`  completion / (a′), like for like: ${spreadOf(rounds, (r) => r.complete.rps / r.grouped.rps, 2)}   target ≥ 0.80`);
    if (rounds.every((r) => r.complete.cpuPerRequest !== undefined && r.grouped.cpuPerRequest !== undefined)) {
      console.log(`  server CPU µs per request: (a′) ${spreadOf(rounds, (r) => r.grouped.cpuPerRequest!, 0)}, start ${spreadOf(rounds, (r) => r.start.cpuPerRequest!, 0)}, quota step ${spreadOf(rounds, (r) => r.quota.cpuPerRequest!, 0)}, completion ${spreadOf(rounds, (r) => r.complete.cpuPerRequest!, 0)}`);
      console.log(`  (a′) / completion in server CPU per request: ${spreadOf(rounds, (r) => r.grouped.cpuPerRequest! / r.complete.cpuPerRequest!, 2)}`);
    }
    console.log(`  completion / (a): ${spreadOf(rounds, (r) => r.complete.rps / r.baseline.rps, 2)}`);
    const problems = rounds.flatMap((r) => r.problems);
    if (problems.length) {
      console.error(`\n*** BENCHMARK INVALID: requests failed ***\n${problems.join('\n')}`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

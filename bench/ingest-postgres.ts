// bench:ingest on PostgreSQL (`BENCH_DB=postgres://… npm run bench:ingest`): the same respondent write path as the
// SQLite run, with 1 and with 2 `vlab serve` processes on one database, against a baseline on the same PostgreSQL
// server (bench/ingest-baseline-postgres.ts: Express 5 + helmet + pg, one transaction per request). The three
// configurations run in turn, `--rounds` times (interleaved: baseline, 1 process, 2 processes, baseline, …), so
// load from other work on a shared machine falls on all of them alike; each round prints its ratios, then the
// medians. Every configuration gets a fresh database, dropped after.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createStudyService } from '../server/services/study-service.ts';
import { loadDefinitionFiles } from '../server/storage/definition-files.ts';
import { maskedLocation } from '../server/storage/store.ts';
import { openStore } from '../server/storage/open-store.ts';
import { LOAD_ENV } from '../support/load-settings.ts';
import { completeBody, failures, participantCode, quotaBody, startBody, type RunSizes } from './lib/ingest-workload.ts';
import { LOAD_HEADER, loadRow, runLoad, type LoadOptions, type LoadResult } from './lib/load.ts';
import { median } from './lib/median.ts';
import { startServerProcess, type ServerProcess } from './lib/server-process.ts';

export interface PostgresIngestOptions extends RunSizes {
  /** A URL to any database of the server, as a user who may create databases. */
  serverUrl: string;
  connections: number;
  rounds: number;
}

async function withAdmin<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh database on the server: its URL, a count query on it, and drop(). */
async function scratchDatabase(serverUrl: string) {
  const name = `vlab_bench_${randomBytes(4).toString('hex')}`;
  await withAdmin(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    count: (sql: string) => withAdmin(url.toString(), async (c) => Number(Object.values((await c.query(sql)).rows[0] as object)[0])),
    drop: () => withAdmin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** The shipped definitions and one open wave whose target no run reaches; its id. */
async function prepareWave(url: string): Promise<string> {
  const store = await openStore(url);
  try {
    const studies = createStudyService({ store });
    await studies.syncDefinitions(loadDefinitionFiles('survey-definitions'));
    return (await studies.createWave({ studyKey: 'alliance-corrective-measures', target: 10_000_000, seed: 'load' })).wave.id;
  } finally {
    await store.close();
  }
}

/**
 * One route driven over several processes at once: each gets its share of the connections and of the requests
 * (request numbers interleaved, so every request still names its own participant). Requests per second count
 * all answers over the longest of the runs; p50 is the mean of the runs' and p99 and max their largest.
 */
async function spread(urls: readonly string[], options: Omit<LoadOptions, 'url'>): Promise<LoadResult> {
  const k = urls.length;
  const parts = await Promise.all(
    urls.map((url, j) =>
      runLoad({ ...options, url, connections: Math.ceil(options.connections / k), amount: Math.floor(options.amount / k), request: (i) => options.request(k * i + j) }),
    ),
  );
  const requests = parts.reduce((n, r) => n + r.requests, 0);
  const seconds = Math.max(...parts.map((r) => r.seconds));
  return {
    name: options.name,
    requests,
    seconds,
    rps: requests / seconds,
    p50: parts.reduce((n, r) => n + r.p50, 0) / k,
    p99: Math.max(...parts.map((r) => r.p99)),
    max: Math.max(...parts.map((r) => r.max)),
    non2xx: parts.reduce((n, r) => n + r.non2xx, 0),
    errors: parts.reduce((n, r) => n + r.errors, 0),
    samples: parts.flatMap((r) => r.samples).slice(0, 3),
  };
}

async function measuredOver(urls: readonly string[], options: Omit<LoadOptions, 'url' | 'amount'>, { warmup, requests }: RunSizes, offset = 0): Promise<LoadResult> {
  await spread(urls, { ...options, name: `${options.name} (warm-up)`, amount: warmup, request: (i) => options.request(offset + i) });
  return spread(urls, { ...options, amount: requests, request: (i) => options.request(offset + warmup + i) });
}

interface Round {
  baseline: LoadResult;
  /** start, quota step, completion, by number of processes. */
  vlab: Map<number, LoadResult[]>;
  problems: string[];
}

async function baselineRun(o: PostgresIngestOptions, scratch: string): Promise<{ result: LoadResult; problems: string[] }> {
  const db = await scratchDatabase(o.serverUrl);
  let server: ServerProcess | undefined;
  try {
    server = await startServerProcess(['--import', 'tsx', 'bench/ingest-baseline-postgres.ts', '--db', db.url], join(scratch, 'baseline.log'));
    const result = await measuredOver([server.baseUrl], { name: 'a: baseline insert', connections: o.connections, method: 'POST', request: (i) => ({ path: '/ingest', body: completeBody(i) }) }, o);
    await server.stop();
    const stored = await db.count('SELECT COUNT(*) FROM bodies');
    const problems = failures([result]);
    if (stored !== o.warmup + o.requests) problems.push(`baseline: ${stored} bodies stored, expected ${o.warmup + o.requests}`);
    return { result, problems };
  } finally {
    await server?.stop();
    await db.drop();
  }
}

async function vlabRun(o: PostgresIngestOptions, processes: number, scratch: string): Promise<{ results: LoadResult[]; problems: string[] }> {
  const db = await scratchDatabase(o.serverUrl);
  const servers: ServerProcess[] = [];
  try {
    const waveId = await prepareWave(db.url);
    for (let p = 0; p < processes; p++) {
      servers.push(await startServerProcess(['bin/vlab.js', 'serve', '--port', '0', '--db', db.url], join(scratch, `vlab-${p}.log`), { ...LOAD_ENV, VLAB_DEMO: 'false' }));
    }
    const urls = servers.map((s) => s.baseUrl);
    const name = (path: string) => `b${processes}: ${path}`;
    const codes: string[] = [];
    const keepCode = (body: string) => codes.push(participantCode(body));
    const startRequest = (i: number) => ({ path: `/api/waves/${waveId}/participants`, body: startBody(i) });
    const base = { connections: o.connections, method: 'POST' as const };
    const start = await measuredOver(urls, { ...base, name: name('start (assignment)'), request: startRequest, onOk: keepCode }, o);
    // autocannon prepares each connection's next request before it knows the run is over: spare participants.
    await spread(urls, { ...base, name: 'spare starts', amount: 2 * o.connections, request: (i) => startRequest(o.warmup + o.requests + i), onOk: keepCode });
    const quota = await measuredOver(urls, { ...base, name: name('quota step'), request: (i) => ({ path: `/api/participants/${codes[i]}/quota-check`, body: quotaBody(i) }) }, o);
    const complete = await measuredOver(urls, { ...base, name: name('completion'), request: (i) => ({ path: `/api/participants/${codes[i]}/complete`, body: completeBody(i) }) }, o);
    for (const s of servers) await s.stop();
    const expected = processes * Math.floor((o.warmup / processes)) + processes * Math.floor(o.requests / processes);
    const completes = await db.count("SELECT COUNT(*) FROM participants WHERE status = 'complete'");
    const problems = failures([start, quota, complete]);
    if (completes !== expected) problems.push(`${processes} process(es): ${completes} completes stored, expected ${expected}`);
    return { results: [start, quota, complete], problems };
  } finally {
    for (const s of servers) await s.stop();
    await db.drop();
  }
}

/** Runs the rounds, prints each round's table and ratios and the medians; exit code 1 if any request failed. */
export async function ingestPostgres(o: PostgresIngestOptions): Promise<void> {
  const version = await withAdmin(o.serverUrl, async (c) => (await c.query('SHOW server_version')).rows[0].server_version as string);
  console.log(`PostgreSQL ${version} at ${maskedLocation(o.serverUrl)}; ${o.rounds} interleaved rounds of: baseline, 1 vlab serve process, 2 processes`);
  const scratch = mkdtempSync(join(tmpdir(), 'vlab-bench-ingest-pg-'));
  const rounds: Round[] = [];
  try {
    for (let r = 1; r <= o.rounds; r++) {
      const baseline = await baselineRun(o, scratch);
      const round: Round = { baseline: baseline.result, vlab: new Map(), problems: [...baseline.problems] };
      for (const processes of [1, 2]) {
        const run = await vlabRun(o, processes, scratch);
        round.vlab.set(processes, run.results);
        round.problems.push(...run.problems);
      }
      rounds.push(round);
      console.log(`\nround ${r} of ${o.rounds}`);
      console.log(LOAD_HEADER);
      console.log(loadRow(round.baseline));
      for (const results of round.vlab.values()) for (const result of results) console.log(loadRow(result));
      const [, , c1] = round.vlab.get(1)!;
      const [s2, , c2] = round.vlab.get(2)!;
      console.log(
        `completion ÷ baseline: 1 process ${(c1!.rps / round.baseline.rps).toFixed(2)}, 2 processes ${(c2!.rps / round.baseline.rps).toFixed(2)}; ` +
          `2 processes ÷ 1 (completion) ${(c2!.rps / c1!.rps).toFixed(2)}, (start) ${(s2!.rps / round.vlab.get(1)![0]!.rps).toFixed(2)}`,
      );
    }
    const med = (pick: (r: Round) => number) => median(rounds.map(pick));
    console.log(`\nmedians over ${rounds.length} rounds (req/s): baseline ${med((r) => r.baseline.rps).toFixed(0)}`);
    for (const processes of [1, 2]) {
      const [start, quota, complete] = [0, 1, 2].map((k) => med((r) => r.vlab.get(processes)![k]!.rps));
      console.log(
        `  ${processes} process(es): start ${start!.toFixed(0)}, quota step ${quota!.toFixed(0)}, completion ${complete!.toFixed(0)}; ` +
          `completion ÷ baseline ${med((r) => r.vlab.get(processes)![2]!.rps / r.baseline.rps).toFixed(2)}`,
      );
    }
    const problems = rounds.flatMap((r) => r.problems);
    if (problems.length) {
      console.error(`\n*** BENCHMARK INVALID: requests failed ***\n${problems.join('\n')}`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

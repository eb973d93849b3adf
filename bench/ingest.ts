// The respondent's write path under a panel's burst, against the best this stack can do, in one run:
//   (a) bench/ingest-baseline.ts — Express 5 + helmet + express.json() inserting the body into a one-column table,
//       one commit per request (the baseline), and (a′) the same with our group commit;
//   (b) the real server (`vlab serve`) — start (assignment), quota step, completion (validation, idempotency,
//       quota and target checks, quality flags), each request for a distinct participant.
// Both run as child processes started the same way, on the same pragmas (WAL, synchronous = FULL); autocannon
// drives them from this process with the same connections and the same completion body. Figures only: timing
// never fails the run, but any non-2xx answer or connection error does, loudly. The SQLite run
// (bench/ingest-sqlite.ts) repeats for `--rounds`/BENCH_ROUNDS rounds (default 3) with (a′) and the completion back
// to back in each, and prints the medians.
//
//   npm run bench:ingest                                     defaults: 50 connections, 20,000 requests a path, 3 rounds
//   npm run bench:ingest -- --requests 2000 --connections 50 --warmup 500      (or BENCH_REQUESTS=…, …)
//   BENCH_CPU_PROF=DIR npm run bench:ingest                 also writes both servers' V8 CPU profiles to DIR
//                                                            (summed by bench/lib/cpu-profile-summary.ts)
//   BENCH_DB=postgres://… npm run bench:ingest -- --rounds 2
//       on PostgreSQL instead (bench/ingest-postgres.ts): 1 and 2 `vlab serve` processes against a baseline on the
//       same server, interleaved for `--rounds`/BENCH_ROUNDS rounds (default 2); a fresh database per configuration
import { isPostgresUrl } from '../server/storage/store.ts';
import { ingestPostgres } from './ingest-postgres.ts';
import { ingestSqlite } from './ingest-sqlite.ts';
import { machineLine } from './lib/machine.ts';
import { intOption } from './lib/options.ts';

const connections = intOption('connections', 'BENCH_CONNECTIONS', 50);
const requests = intOption('requests', 'BENCH_REQUESTS', 20_000);
const warmup = intOption('warmup', 'BENCH_WARMUP', 2_000);
const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];

async function main(): Promise<void> {
  console.log(`ingest benchmark — ${machineLine()}`);
  console.log(`${connections} connections, ${requests} measured requests a path after ${warmup} warm-up requests`);
  const benchDb = process.env.BENCH_DB;
  if (benchDb) {
    if (!isPostgresUrl(benchDb)) throw new Error(`BENCH_DB: expected a postgres:// URL (unset: the SQLite run), got ${JSON.stringify(benchDb)}`);
    return ingestPostgres({ serverUrl: benchDb, connections, requests, warmup, rounds: intOption('rounds', 'BENCH_ROUNDS', 2) });
  }
  console.log('SQLite: WAL, synchronous = FULL');
  return ingestSqlite({ connections, requests, warmup, rounds: intOption('rounds', 'BENCH_ROUNDS', 3), nodeFlags: profile });
}

await main();

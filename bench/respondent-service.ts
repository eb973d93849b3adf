// The respondent service in-process, without HTTP: µs per start, quota step and completion, 50 requests at a
// time through the group commit (as 50 connections would send them), on a file database with the server's
// pragmas (WAL, synchronous = FULL). It isolates the service's own cost from Express and the network, which
// bench:ingest measures as a whole. Beside it, in the same run, (a′)'s work without HTTP: one INSERT of the
// completion's body through the same group commit on a database of its own (bench/ingest-baseline.ts
// --group-commit), so the service's cost beyond (a′) is read off one run. Figures only.
//
//   npm run bench:service                 20,000 participants
//   npm run bench:service -- --requests 5000
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRespondentService } from '../server/services/respondent-service.ts';
import { openDatabase } from '../server/storage/db.ts';
import { createGroupCommit } from '../server/storage/group-commit.ts';
import { createSqliteStore } from '../server/storage/sqlite-store.ts';
import { COMPLETE_ALLIANCE_ANSWERS, PRETREATMENT_ALLIANCE_ANSWERS } from '../support/alliance-answers.ts';
import { prepareLoadDatabase } from '../support/load-database.ts';
import { machineLine } from './lib/machine.ts';
import { intOption } from './lib/options.ts';

const n = intOption('requests', 'BENCH_REQUESTS', 20_000);
const AT_ONCE = 50;
const AGES = ['18-29', '30-44', '45-64', '65+'];

/**
 * Runs op for 0..n−1, AT_ONCE at a time, and returns µs per call: elapsed, and this process's CPU time (user +
 * system, all threads), which the machine's other load moves far less than the elapsed time.
 */
async function timed(op: (i: number) => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < n; i += AT_ONCE) {
    await Promise.all(Array.from({ length: Math.min(AT_ONCE, n - i) }, (_, k) => op(i + k)));
  }
  const cpu = process.cpuUsage(cpuStart);
  return { wall: ((performance.now() - start) / n) * 1000, cpu: (cpu.user + cpu.system) / n };
}

/** (a′)'s work without HTTP (bench/ingest-baseline.ts --group-commit): the body stored in one row, CPU µs a request. */
async function baselineInsert(body: (i: number) => unknown): Promise<number> {
  const baseline = new Database(join(scratch, 'baseline.sqlite'));
  try {
    baseline.pragma('journal_mode = WAL');
    baseline.pragma('synchronous = FULL');
    baseline.pragma('busy_timeout = 5000');
    baseline.exec('CREATE TABLE bodies (body TEXT NOT NULL)');
    const insert = baseline.prepare<[string]>('INSERT INTO bodies (body) VALUES (?)');
    const writes = createGroupCommit(baseline);
    return (await timed((i) => writes.run(() => insert.run(JSON.stringify(body(i)))))).cpu;
  } finally {
    baseline.close();
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'vlab-bench-service-'));
const dbPath = join(scratch, 'vlab.sqlite');
const waveId = await prepareLoadDatabase(dbPath);
const db = openDatabase(dbPath);
try {
  const service = createRespondentService({ store: createSqliteStore(db) });
  const codes: string[] = new Array(n);
  const demographics = (i: number) => ({ age_group: AGES[i % 4]!, gender: (i >> 2) % 2 ? 'female' : 'male' });
  console.log(`respondent service benchmark — ${machineLine()}`);
  console.log(`${n} participants, ${AT_ONCE} requests at a time through the group commit; WAL, synchronous = FULL`);
  const start = await timed(async (i) => {
    codes[i] = (await service.start({ waveId, panelParams: { PROLIFIC_PID: `bench-${i}` } })).participant.code;
  });
  const quota = await timed((i) => service.checkQuota({ code: codes[i]!, answers: { ...PRETREATMENT_ALLIANCE_ANSWERS, ...demographics(i) } }));
  const completionAnswers = (i: number) => ({ ...COMPLETE_ALLIANCE_ANSWERS, ...demographics(i) });
  const complete = await timed((i) => service.complete({ code: codes[i]!, answers: completionAnswers(i) }));
  const insertOnly = await baselineInsert((i) => ({ answers: completionAnswers(i) }));
  console.log(`start ${start.wall.toFixed(0)} µs · quota step ${quota.wall.toFixed(0)} µs · completion ${complete.wall.toFixed(0)} µs (per request)`);
  console.log(`CPU: start ${start.cpu.toFixed(0)} µs · quota step ${quota.cpu.toFixed(0)} µs · completion ${complete.cpu.toFixed(0)} µs (per request)`);
  console.log(
    `(a′)'s work without HTTP, the completion's body in one row through the same group commit: ${insertOnly.toFixed(0)} µs CPU; ` +
      `the completion's service beyond it: ${(complete.cpu - insertOnly).toFixed(0)} µs (bench:ingest's like-for-like 0.80 leaves 0.25 × (a′)'s whole request for everything beyond it)`,
  );
  const stored = db.prepare("SELECT COUNT(*) FROM participants WHERE status = 'complete'").pluck().get() as number;
  if (stored !== n) {
    console.error(`*** BENCHMARK INVALID: ${stored} completes stored, expected ${n} ***`);
    process.exitCode = 1;
  }
} finally {
  db.close();
  rmSync(scratch, { recursive: true, force: true });
}

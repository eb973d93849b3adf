// Issue 16's multi-process proofs: three real `vlab serve` processes (the built bin) on one PostgreSQL database,
// behind a round-robin proxy (round-robin-proxy.ts), as a deployment with a load balancer runs them. Identical
// completions, parallel starts, kill -9 of one process under load, and PostgreSQL itself stopped with
// `pg_ctl stop -m immediate` under load (on a throwaway cluster of the test's own; the machine's server is never
// stopped). Each test prints its figures; docs/reliability.md carries them. Part of `npm run test:stress`.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { permutedBlockCell } from '../../server/domain/assignment.ts';
import { createStudyService } from '../../server/services/study-service.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { openStore } from '../../server/storage/open-store.ts';
import { COMPLETE_ALLIANCE_ANSWERS, PRETREATMENT_ALLIANCE_ANSWERS } from '../../support/alliance-answers.ts';
import { LOAD_ENV } from '../../support/load-settings.ts';
import { serve, type ServedApp } from '../e2e/serve-process.ts';
import { createTestDatabase, postgresSkipReason } from '../server/postgres-test-database.ts';
import { AUDIT_SQL, checkParticipants, runLoad, type Acknowledged, type ObservedRequest } from './crash-harness.ts';
import { startRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy.ts';
import { clusterOwner, startThrowawayCluster, throwawayClusterSkipReason, type ThrowawayCluster } from './throwaway-postgres.ts';

const PROCESSES = 3;
/** Cells of the alliance study (2 × 3 × 2 × 2 × 2 factors): a permuted block holds each once. */
const CELLS = 48;
/** The longest a request may wait for a pooled connection before its 503 (CONNECT_TIMEOUT_MS), plus slack. */
const ANSWER_BOUND_MS = 12_000;
const SERVE_ENV = { ...LOAD_ENV, VLAB_DEMO: 'false' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const skip = await postgresSkipReason();
const clusterSkip = throwawayClusterSkipReason();
if (skip) console.log(`postgres-processes.test.ts: ${skip}`);
if (clusterSkip) console.log(`postgres-processes.test.ts: the outage proof is SKIPPED: ${clusterSkip}`);

/** The shipped definitions and one wave per seed in the database at `url`; the waves' ids by seed. */
async function prepareWaves(url: string, seeds: readonly string[]): Promise<Record<string, string>> {
  const store = await openStore(url);
  try {
    const studies = createStudyService({ store });
    await studies.syncDefinitions(loadDefinitionFiles('survey-definitions'));
    const ids: Record<string, string> = {};
    for (const seed of seeds) ids[seed] = (await studies.createWave({ studyKey: 'alliance-corrective-measures', target: 10_000_000, seed })).wave.id;
    return ids;
  } finally {
    await store.close();
  }
}

/** Reads every participant, counter and draw of the database and checks them against the acknowledgements. */
async function auditPostgres(pool: pg.Pool, acknowledged: Map<string, Acknowledged>, saves?: Map<string, Record<string, unknown>>) {
  const rows = async <R,>(sql: string) => (await pool.query(sql)).rows as R[];
  return checkParticipants(
    {
      participants: await rows(AUDIT_SQL.participants),
      counters: await rows(AUDIT_SQL.counters),
      uncounted: Number((await rows<{ n: string }>(AUDIT_SQL.uncounted))[0]!.n),
      gaps: await rows(AUDIT_SQL.gaps),
    },
    acknowledged,
    saves,
  );
}

async function post(url: string, body: unknown): Promise<{ status: number; json: any; text: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: JSON.parse(text), text };
}

const alive = (s: ServedApp) => s.child.exitCode === null && s.child.signalCode === null;

/** Three `vlab serve` processes on `url` behind a proxy; stop() ends the survivors and the proxy. */
async function startProcesses(url: string): Promise<{ servers: ServedApp[]; proxy: RoundRobinProxy; stop(): Promise<void> }> {
  const servers = await Promise.all(Array.from({ length: PROCESSES }, () => serve(url, SERVE_ENV)));
  // What the processes log (warnings, and a crash's stack) goes to the test's output, named by pid.
  for (const s of servers) s.child.stderr!.on('data', (d: Buffer) => process.stderr.write(`[serve ${s.child.pid}] ${String(d).trimEnd()}\n`));
  for (const s of servers) s.child.on('exit', (code, signal) => process.stderr.write(`[serve ${s.child.pid}] exited (${signal ?? `code ${code}`})\n`));
  const proxy = await startRoundRobinProxy(servers.map((s) => s.baseUrl));
  return {
    servers,
    proxy,
    async stop() {
      await proxy.close();
      await Promise.all(servers.filter(alive).map((s) => s.stop()));
    },
  };
}

describe(`${PROCESSES} vlab serve processes on one PostgreSQL database behind a round-robin proxy`, { skip }, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: pg.Pool;
  let waves: Record<string, string>;
  let processes: Awaited<ReturnType<typeof startProcesses>>;

  before(async () => {
    database = await createTestDatabase();
    waves = await prepareWaves(database.url, ['pgproof-idem', 'pgproof-starts', 'pgproof-kill']);
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
    processes = await startProcesses(database.url);
  });

  after(async () => {
    await processes?.stop();
    await pool?.end();
    await database?.drop();
  });

  test('50 parallel identical completions spread over the processes: exactly 1 stored, every answer the same', async () => {
    const { proxy } = processes;
    const started = await post(`${proxy.url}/api/waves/${waves['pgproof-idem']}/participants`, { panel: { RID: 'idem' } });
    assert.equal(started.status, 201, started.text);
    const code: string = started.json.participant.code;
    assert.equal((await post(`${proxy.url}/api/participants/${code}/quota-check`, { answers: PRETREATMENT_ALLIANCE_ANSWERS })).status, 200);

    const before = [...proxy.stats.answered];
    const answers = await Promise.all(Array.from({ length: 50 }, () => post(`${proxy.url}/api/participants/${code}/complete`, { answers: COMPLETE_ALLIANCE_ANSWERS })));
    const perProcess = proxy.stats.answered.map((n, i) => n - before[i]!);
    console.log(`postgres processes: 50 identical completions answered ${JSON.stringify(perProcess)} by the 3 processes; statuses ${[...new Set(answers.map((a) => a.status))]}`);
    assert.deepEqual(answers.map((a) => a.status), Array(50).fill(200));
    assert.equal(new Set(answers.map((a) => a.text)).size, 1, 'every caller gets the same outcome');
    assert.equal(answers[0]!.json.status, 'complete');
    for (const n of perProcess) assert.ok(n >= 10, `each process took part (${perProcess})`);

    const count = async (sql: string) => Number((await pool.query(sql, [code])).rows[0].n);
    assert.equal(await count("SELECT COUNT(*) AS n FROM answers a JOIN participants p ON p.id = a.participant_id WHERE p.code = $1 AND a.kind = 'final'"), 1);
    assert.equal(await count('SELECT COUNT(*) AS n FROM quality_flags f JOIN participants p ON p.id = f.participant_id WHERE p.code = $1'), 1);
    assert.equal(await count("SELECT COUNT(*) AS n FROM participants WHERE code = $1 AND status = 'complete'"), 1);
  });

  test('300 parallel starts over the processes: draw indexes gap-free, cells the permuted-block sequence, balanced within 1', async () => {
    const { proxy } = processes;
    const waveId = waves['pgproof-starts']!;
    const before = [...proxy.stats.answered];
    let busy = 0;
    const began = performance.now();
    // Six starts share one panel ID (a reload, a second tab): they are one participant.
    const statuses = await Promise.all(
      Array.from({ length: 300 }, async (_, i) => {
        const panel = { RID: i % 50 === 0 ? 'shared' : `start-${i}` };
        for (;;) {
          const res = await post(`${proxy.url}/api/waves/${waveId}/participants`, { panel });
          // A start queued past the pool's wait bound is told 503 busy and comes back, as the page does.
          if (res.status !== 503) return res.status;
          busy++;
          await sleep(200);
        }
      }),
    );
    const seconds = (performance.now() - began) / 1000;
    const perProcess = proxy.stats.answered.map((n, i) => n - before[i]!);
    console.log(`postgres processes: 300 parallel starts in ${seconds.toFixed(1)} s, answered ${JSON.stringify(perProcess)} by the 3 processes, 503 busy (retried) ${busy}`);
    assert.deepEqual(statuses.filter((s) => s !== 201 && s !== 200), [], `the proxy's 502s: ${proxy.stats.badGatewayReasons.join('; ') || 'none'}`);
    assert.equal(statuses.filter((s) => s === 201).length, 295, 'one participant per panel ID');
    for (const n of perProcess) assert.ok(n >= 90, `each process took part (${perProcess})`);

    const drawn = (
      await pool.query('SELECT draw_index, cell_index FROM participants WHERE wave_id = $1 ORDER BY draw_index', [waveId])
    ).rows as { draw_index: number; cell_index: number }[];
    assert.deepEqual(drawn.map((p) => p.draw_index), Array.from({ length: 295 }, (_, i) => i), 'draw indexes 0–294, no gap, no repeat');
    for (const p of drawn) assert.equal(p.cell_index, permutedBlockCell('pgproof-starts', p.draw_index, CELLS));
    const counts = (await pool.query('SELECT assigned FROM assignment_counters WHERE wave_id = $1', [waveId])).rows.map((r) => Number(r.assigned));
    assert.equal(counts.length, CELLS);
    assert.equal(counts.reduce((a, b) => a + b, 0), 295);
    // 295 draws = 6 full blocks of 48 + 7: every cell 6 or 7 times.
    assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `balanced within one block: ${Math.min(...counts)}–${Math.max(...counts)}`);
  });

  test('kill -9 of one process under load: 0 acknowledged completions lost, the other two keep serving', { timeout: 120_000 }, async () => {
    const { proxy, servers } = processes;
    const observed: ObservedRequest[] = [];
    const load = runLoad({ baseUrl: () => proxy.url, waveId: () => waves['pgproof-kill']!, respondents: 9, tag: 'kill', observe: (r) => observed.push(r) });
    await sleep(4000);
    const victim = servers[PROCESSES - 1]!;
    const ackedBeforeKill = load.stats.acknowledged.size;
    victim.child.kill('SIGKILL');
    await new Promise((resolve) => (alive(victim) ? victim.child.once('exit', resolve) : resolve(null)));
    // Counted from the victim's exit: an answer it had already sent may still arrive between kill() and exit.
    const answeredAtExit = [...proxy.stats.answered];
    await sleep(5000);
    await load.stop();

    const { stats } = load;
    const afterKill = proxy.stats.answered.map((n, i) => n - answeredAtExit[i]!);
    const audit = await auditPostgres(pool, stats.acknowledged, stats.acknowledgedSaves);
    const statuses = observed.filter((r) => r.status !== null && r.status >= 500).map((r) => r.status);
    console.log(
      `postgres processes, kill -9: requests ${stats.requests}, acknowledged ${stats.acknowledged.size} (${ackedBeforeKill} before the kill), ` +
        `lost ${audit.lost.length}, half-written ${audit.halfWritten.length}, counter mismatches ${audit.counterMismatches.length}; ` +
        `answers after the kill by process ${JSON.stringify(afterKill)}; 502 from the proxy (in flight at the kill, retried) ${proxy.stats.badGateway}, ` +
        `passed on from the dead process ${proxy.stats.passedOn}, other 5xx ${statuses.filter((s) => s !== 502).length}, network errors ${stats.networkErrors}`,
    );
    assert.ok(ackedBeforeKill > 0 && stats.acknowledged.size > ackedBeforeKill, 'completions acknowledged before and after the kill');
    assert.deepEqual(audit.lost, []);
    assert.deepEqual(audit.halfWritten, []);
    assert.deepEqual(audit.counterMismatches, []);
    assert.deepEqual(stats.unexpected, []);
    assert.equal(afterKill[PROCESSES - 1], 0);
    for (let i = 0; i < PROCESSES - 1; i++) {
      assert.ok(afterKill[i]! > 10, `process ${i} kept serving (${afterKill[i]} answers after the kill)`);
      assert.ok(alive(servers[i]!), `process ${i} still running`);
    }
    // Only the requests the victim held when it died fail (one a respondent, and its retry if that met a keep-alive
    // socket to the victim not yet seen closed); no process answers 5xx.
    assert.ok(proxy.stats.badGateway <= 2 * 9, `${proxy.stats.badGateway} 502s`);
    assert.deepEqual(statuses.filter((s) => s !== 502), []);
    assert.equal(stats.networkErrors, 0);
  });
});

test(
  'PostgreSQL stopped (pg_ctl stop -m immediate) and started again under load: only 503s with Retry-After during the outage, service resumes without restarting vlab serve, 0 acknowledged lost',
  { skip: clusterSkip, timeout: 300_000 },
  async () => {
    let cluster: ThrowawayCluster | undefined;
    let processes: Awaited<ReturnType<typeof startProcesses>> | undefined;
    let pool: pg.Pool | undefined;
    try {
      const t0 = performance.now();
      cluster = await startThrowawayCluster();
      const admin = new pg.Client({ connectionString: cluster.url('postgres') });
      await admin.connect();
      await admin.query('CREATE DATABASE vlab_outage');
      await admin.end();
      const url = cluster.url('vlab_outage');
      console.log(`postgres outage: throwaway cluster on 127.0.0.1:${cluster.port} (run as ${clusterOwner()}) ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      const waves = await prepareWaves(url, ['pgproof-outage']);
      processes = await startProcesses(url);
      const { proxy, servers } = processes;
      const pids = servers.map((s) => s.child.pid);

      const observed: ObservedRequest[] = [];
      // A timeout well past the bound, so that a request hanging past it is measured, not cut short by the client.
      const load = runLoad({ baseUrl: () => proxy.url, waveId: () => waves['pgproof-outage']!, respondents: 9, tag: 'outage', timeoutMs: 30_000, observe: (r) => observed.push(r) });
      // Load until completions are being acknowledged (a respondent needs four requests to complete).
      for (let waited = 0; waited < 20_000 && load.stats.acknowledged.size < 10; waited += 100) await sleep(100);
      const ackedBefore = load.stats.acknowledged.size;
      const stopIssued = performance.now();
      await cluster.stopImmediate();
      const stopped = performance.now();
      await sleep(1000);
      const health = await Promise.all(servers.map(async (s) => (await fetch(`${s.baseUrl}/healthz`)).json() as Promise<{ database: string }>));
      await sleep(3000);
      const startIssued = performance.now();
      await cluster.start();
      const accepting = performance.now();
      // Service resumes by itself: wait for the load's first acknowledgement-bearing success after the restart.
      let recoveredAt: number | undefined;
      for (let waited = 0; waited < 30_000 && recoveredAt === undefined; waited += 50) {
        recoveredAt = observed.find((r) => r.sentAt >= accepting && r.status !== null && r.status < 300)?.answeredAt;
        if (recoveredAt === undefined) await sleep(50);
      }
      const ackedAtRestart = load.stats.acknowledged.size;
      await sleep(3000);
      await load.stop();
      // Each process on its own answers again: /healthz and a start straight to it, not through the proxy.
      const healthAfter = await Promise.all(servers.map(async (s) => (await fetch(`${s.baseUrl}/healthz`)).status));
      const directStarts = await Promise.all(servers.map(async (s, i) => (await post(`${s.baseUrl}/api/waves/${waves['pgproof-outage']}/participants`, { panel: { RID: `after-${i}` } })).status));

      pool = new pg.Pool({ connectionString: url, max: 2 });
      const { stats } = load;
      const audit = await auditPostgres(pool, stats.acknowledged, stats.acknowledgedSaves);
      const duringOutage = observed.filter((r) => r.sentAt >= stopped && r.answeredAt <= startIssued);
      const fiveHundreds = observed.filter((r) => r.status !== null && r.status >= 500);
      const latencies = observed.map((r) => r.answeredAt - r.sentAt);
      const slowest = Math.max(...latencies);
      const outageMs = accepting - stopIssued;
      console.log(
        `postgres outage: requests ${stats.requests}, acknowledged ${stats.acknowledged.size} (${ackedBefore} before the stop, ${ackedAtRestart} at the recovery), ` +
          `lost ${audit.lost.length}, half-written ${audit.halfWritten.length}, counter mismatches ${audit.counterMismatches.length}; ` +
          `503 ${fiveHundreds.filter((r) => r.status === 503).length} (${duringOutage.length} requests sent and answered inside the outage, statuses ${[...new Set(duringOutage.map((r) => r.status))]}), ` +
          `other 5xx ${fiveHundreds.filter((r) => r.status !== 503).length}${proxy.stats.badGateway ? ` (the proxy's 502s: ${proxy.stats.badGatewayReasons.join('; ')})` : ''}, network errors ${stats.networkErrors}; slowest answer ${Math.round(slowest)} ms; ` +
          `outage ${(outageMs / 1000).toFixed(1)} s (stop ${Math.round(stopped - stopIssued)} ms, down ${((startIssued - stopped) / 1000).toFixed(1)} s, start with crash recovery ${Math.round(accepting - startIssued)} ms); ` +
          `first success ${recoveredAt === undefined ? 'never' : `${Math.round(recoveredAt - accepting)} ms`} after PostgreSQL accepted connections; /healthz during ${health.map((h) => h.database)}`,
      );

      assert.ok(ackedBefore > 0, 'completions acknowledged before the stop');
      assert.ok(duringOutage.length > 20, `the load kept asking during the outage (${duringOutage.length} requests)`);
      assert.deepEqual([...new Set(duringOutage.map((r) => r.status))], [503], 'only 503s while PostgreSQL was down');
      assert.deepEqual(fiveHundreds.filter((r) => r.status !== 503).map((r) => r.status), [], `never a 500 or a 502 (the proxy's 502s: ${proxy.stats.badGatewayReasons.join('; ') || 'none'})`);
      assert.deepEqual(fiveHundreds.filter((r) => r.retryAfter !== '5').length, 0, 'every 503 says Retry-After: 5');
      assert.equal(stats.networkErrors, 0, 'no request hung past the client timeout or lost its connection');
      assert.ok(slowest < ANSWER_BOUND_MS, `every answer within ${ANSWER_BOUND_MS} ms (slowest ${Math.round(slowest)} ms)`);
      assert.deepEqual(health.map((h) => h.database), Array(PROCESSES).fill('unreachable'));
      assert.ok(recoveredAt !== undefined, 'service resumed by itself');
      assert.ok(stats.acknowledged.size > ackedAtRestart, 'completions acknowledged after the restart');
      assert.deepEqual(servers.map((s) => s.child.pid), pids);
      assert.ok(servers.every(alive), 'no vlab serve process died or was restarted');
      assert.deepEqual(healthAfter, Array(PROCESSES).fill(200));
      assert.deepEqual(directStarts, Array(PROCESSES).fill(201));
      assert.deepEqual(audit.lost, []);
      assert.deepEqual(audit.halfWritten, []);
      assert.deepEqual(audit.counterMismatches, []);
      assert.deepEqual(stats.unexpected, []);
    } finally {
      await processes?.stop();
      await pool?.end();
      cluster?.destroy();
    }
  },
);

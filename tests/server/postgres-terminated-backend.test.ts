// A PostgreSQL backend ended by an operator (pg_terminate_backend, FATAL 57P01) while vlab uses it: the request
// on it gets a retryable answer (503 busy), never a false acknowledgement, and the process keeps serving.
// Attacker pass 17 found that a backend ended right after its start-up ended every `vlab serve` process.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import pg from 'pg';
import request from 'supertest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { DomainError } from '../../server/domain/errors.ts';
import { createStudyService } from '../../server/services/study-service.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { openStore } from '../../server/storage/open-store.ts';
import { openPostgresStore } from '../../server/storage/postgres/postgres-store.ts';
import { IDLE_IN_TRANSACTION_TIMEOUT, IDLE_SESSION_TIMEOUT, relayTo, storeBehindRelay, TERMINATED_BY_ADMINISTRATOR } from './postgres-relay.ts';
import { createTestDatabase, postgresSkipReason, TEST_POSTGRES_URL } from './postgres-test-database.ts';
import { COMPLETE_ALLIANCE_ANSWERS, PRETREATMENT_ALLIANCE_ANSWERS, TEST_RATE_LIMITS } from './test-app.ts';

const skip = await postgresSkipReason();
if (skip) console.log(`postgres-terminated-backend.test.ts: ${skip}`);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Errors nobody handled while `fn` ran (an 'error' event without a listener ends a process). */
async function uncaughtDuring(fn: () => Promise<void>): Promise<unknown[]> {
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);
  process.on('uncaughtException', onUncaught);
  try {
    await fn();
    await new Promise((r) => setTimeout(r, 200));
  } finally {
    process.off('uncaughtException', onUncaught);
  }
  return uncaught;
}

/** A settled promise as `ok`, or as its DomainError's code and Retry-After (`busy 5`). */
const outcome = (s: PromiseSettledResult<unknown>) => (s.status === 'fulfilled' ? 'ok' : `${(s.reason as DomainError).code} ${(s.reason as DomainError).retryAfterSeconds}`);

/** Three write transactions at once, each holding its connection 100 ms between two statements. */
function threeHoldingWrites(store: Awaited<ReturnType<typeof storeBehindRelay>>['store']) {
  const holding = () =>
    store.write(async (tx) => {
      await tx.waves.list();
      await new Promise((r) => setTimeout(r, 100));
      return tx.waves.list();
    });
  return Promise.allSettled([holding(), holding(), holding()]);
}

test('a backend terminated right after its start-up (57P01 in the same read as ReadyForQuery): retried or 503 busy, and the process lives', { skip }, async () => {
  const { relay, store, close } = await storeBehindRelay();
  cleanups.push(close);
  const outcomes: string[] = [];
  const uncaught = await uncaughtDuring(async () => {
    // No idle connection left (the store's open leaves two since attacker pass 34's shared-session probe): three
    // transactions at once open three new ones, two of them ended at start-up.
    await dropIdleConnections(relay, store);
    relay.terminateNextStarts(2);
    const settled = await threeHoldingWrites(store);
    assert.equal(relay.terminationsLeft(), 0, 'two connections were ended at start-up');
    for (const s of settled) outcomes.push(s.status === 'fulfilled' ? 'ok' : `${(s.reason as DomainError).code} ${(s.reason as DomainError).retryAfterSeconds}`);
  });
  console.log(`terminated at start-up: outcomes ${outcomes.join(', ')}; uncaught ${uncaught.length}`);
  assert.deepEqual(uncaught, [], 'no unhandled error event');
  for (const outcome of outcomes) assert.match(outcome, /^(ok|busy 5)$/);
  assert.deepEqual(await store.read((tx) => tx.waves.list()), [], 'the store works on');
});

test('a connection ended before the transaction ran anything is run again on a fresh one: every transaction ok (attacker pass 18)', { skip }, async () => {
  const { relay, store, close } = await storeBehindRelay();
  cleanups.push(close);
  const uncaught = await uncaughtDuring(async () => {
    // As in the test above, two of three transactions meet a new connection ended at its start-up; nothing they ran
    // was written, so each is run again on another connection instead of answering 503.
    await dropIdleConnections(relay, store);
    relay.terminateNextStarts(2);
    const settled = await threeHoldingWrites(store);
    assert.equal(relay.terminationsLeft(), 0, 'two connections were ended at start-up');
    assert.deepEqual(settled.map((s) => (s.status === 'fulfilled' ? 'ok' : (s.reason as DomainError).code)), ['ok', 'ok', 'ok']);
  });
  assert.deepEqual(uncaught, []);
});

test('a connection lost after a statement of the transaction ran is not retried: 503 busy, the work ran once', { skip }, async () => {
  const { relay, store, close } = await storeBehindRelay();
  cleanups.push(close);
  let runs = 0;
  const uncaught = await uncaughtDuring(async () => {
    const outcome = await store
      .write(async (tx) => {
        runs++;
        await tx.waves.list();
        await relay.cut();
        return tx.waves.list();
      })
      .then(
        () => 'ok',
        (e: DomainError) => `${e.code} ${e.retryAfterSeconds}`,
      );
    assert.equal(outcome, 'busy 5');
    await relay.restore();
  });
  assert.deepEqual(uncaught, []);
  assert.equal(runs, 1, 'a transaction whose statement ran is never run again by the store');
  assert.deepEqual(await store.read((tx) => tx.waves.list()), [], 'the store works on once the relay is back');
});

test('pg_terminate_backend of every backend, again and again, under respondents: only 2xx or 503 busy, every acknowledged completion stored', { skip }, async () => {
  const database = await createTestDatabase();
  const store = await openStore(database.url);
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  cleanups.push(async () => {
    await admin.end();
    await store.close();
    await database.drop();
  });
  const studies = createStudyService({ store });
  await studies.syncDefinitions(loadDefinitionFiles('survey-definitions'));
  const { wave } = await studies.createWave({ studyKey: 'alliance-corrective-measures', target: 100_000, seed: 'terminated' });
  const app = createApp({ store, config: loadConfig({}, { dbPath: database.url, logLevel: 'silent', ...TEST_RATE_LIMITS }) });
  const name = new URL(database.url).pathname.slice(1);
  const statuses = new Map<string, number>();
  const acknowledged: string[] = [];
  let stop = false;
  let terminated = 0;
  /** Sends a step until it is answered other than 503, as the page retries; a 503 must carry Retry-After. */
  const untilAnswered = async (send: () => request.Test) => {
    for (;;) {
      const r = await send();
      const key = `${r.status}${r.status >= 400 ? ` ${r.body?.error?.code}` : ''}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      if (r.status !== 503) return r;
      assert.equal(r.headers['retry-after'], '5');
    }
  };
  const respondent = async (n: number) => {
    for (let i = 0; !stop; i++) {
      const started = await untilAnswered(() => request(app).post(`/api/waves/${wave.id}/participants`).send({ panel: { RID: `t-${n}-${i}` } }));
      const code = started.body.participant.code as string;
      await untilAnswered(() => request(app).post(`/api/participants/${code}/quota-check`).send({ answers: PRETREATMENT_ALLIANCE_ANSWERS }));
      const done = await untilAnswered(() => request(app).post(`/api/participants/${code}/complete`).send({ answers: COMPLETE_ALLIANCE_ANSWERS }));
      if (done.status === 200) acknowledged.push(code);
    }
  };
  const uncaught = await uncaughtDuring(async () => {
    const respondents = Array.from({ length: 8 }, (_, n) => respondent(n));
    // Seeded nowhere: the moments are the machine's; 25 rounds 50–250 ms apart found the crash in every live run.
    for (let round = 0; round < 25; round++) {
      await new Promise((r) => setTimeout(r, 50 + 8 * round));
      const { rows } = await admin.query('SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
      terminated += rows[0].n as number;
    }
    stop = true;
    await Promise.all(respondents);
  });
  const stored = await store.read(async () =>
    Number((await (store as unknown as { pool: pg.Pool }).pool.query("SELECT count(*) FROM participants p JOIN answers a ON a.participant_id = p.id AND a.kind = 'final' WHERE p.status = 'complete' AND p.code = ANY($1)", [acknowledged])).rows[0].count),
  );
  console.log(`pg_terminate_backend: ${terminated} backends ended in 25 rounds; answers ${JSON.stringify(Object.fromEntries(statuses))}; acknowledged ${acknowledged.length}, stored ${stored}; uncaught ${uncaught.length}`);
  assert.deepEqual(uncaught, [], 'no unhandled error event');
  assert.deepEqual([...statuses.keys()].filter((k) => !/^(200|201|503 busy)$/.test(k)), [], 'only 2xx and 503 busy');
  assert.equal(stored, acknowledged.length, 'every acknowledged completion stored');
});

// Attacker pass 19: an operator's `idle_session_timeout` (PostgreSQL 14 on) ends a pooled connection that sat idle
// that long with FATAL 57P05. One handed out just then failed its first statement with 57P05, which vlab did not
// know as a lost connection: the shared rate counter's query before each start (and /healthz's) passed it on as a
// **500** with its stack (5 of 180 starts in a live run, idle_session_timeout 200 ms). Lost, as 57P01 is, and a
// transaction that had run nothing is run again on a fresh connection. The same for
// idle_in_transaction_session_timeout (25P03), which ends the session as well. Attacker pass 20: a statement sent
// straight through the pool on such a connection was still 503 busy (10 of 180 starts live); node-postgres never
// sent it (the connection was dead when handed out), so it is run once more on a fresh connection, as such
// transactions are.
for (const ending of [TERMINATED_BY_ADMINISTRATOR, IDLE_SESSION_TIMEOUT, IDLE_IN_TRANSACTION_TIMEOUT]) test(`a connection ended (${ending.code}) as it is handed out: pooled statements and transactions run again on a fresh one`, { skip }, async () => {
  const { relay, store, close } = await storeBehindRelay();
  cleanups.push(close);
  /** `call` once for each idle connection of the pool and once more, at once, the one new connection ended. */
  const onePastIdle = async (call: () => Promise<unknown>) => {
    relay.terminateNextStarts(1, ending);
    const { idleCount } = (store as unknown as { pool: pg.Pool }).pool;
    const outcomes = (await Promise.allSettled(Array.from({ length: idleCount + 1 }, call))).map(outcome);
    assert.equal(relay.terminationsLeft(), 0, 'a new connection was opened and ended');
    return outcomes;
  };
  const uncaught = await uncaughtDuring(async () => {
    assert.deepEqual(new Set(await onePastIdle(() => store.rateCounter.hit('a', 60_000))), new Set(['ok']), 'the rate counter before a start');
    assert.deepEqual(new Set(await onePastIdle(() => store.ping())), new Set(['ok']), '/healthz');
    assert.deepEqual(new Set(await onePastIdle(() => store.repos.waves.list())), new Set(['ok']), 'a repository over the pool');
    const holdingWrite = () => store.write(async (tx) => (await tx.waves.list(), await new Promise((r) => setTimeout(r, 100)), tx.waves.list()));
    assert.deepEqual(new Set(await onePastIdle(holdingWrite)), new Set(['ok']), 'a transaction');
  });
  assert.deepEqual(uncaught, []);
});

type BehindRelay = Awaited<ReturnType<typeof storeBehindRelay>>;

/** Cutting the relay ends the pool's idle connections (the pool drops them): the next calls open new ones. */
async function dropIdleConnections(relay: BehindRelay['relay'], store: BehindRelay['store']): Promise<void> {
  await relay.cut();
  await relay.restore();
  // The pool drops a cut connection when its socket's close reaches it: 50 ms was not always enough at load 10–16
  // (a full run beside three helper sessions, 2026-12-07), so wait for it, up to 5 s.
  const pool = (store as unknown as { pool: pg.Pool }).pool;
  for (const started = Date.now(); pool.idleCount > 0 && Date.now() - started < 5000; ) await new Promise((r) => setTimeout(r, 20));
  assert.equal(pool.idleCount, 0, 'no idle connection left');
}

// A session ended while a pooled statement was on its way (the FATAL crossed it): an idle timeout (57P05, 25P03)
// ends a session only while it waits for a command, so the statement never began and is run once more; a backend
// terminated (57P01) may have been running it, even committed it, so it is never sent again: 503 busy, and the
// page, whose steps are idempotent, retries.
for (const [ending, expected] of [
  [IDLE_SESSION_TIMEOUT, 'ok'],
  [IDLE_IN_TRANSACTION_TIMEOUT, 'ok'],
  [TERMINATED_BY_ADMINISTRATOR, 'busy 5'],
] as const) test(`a pooled statement whose session ends on its way (${ending.code}): ${expected}`, { skip }, async () => {
  const { relay, store, close } = await storeBehindRelay();
  cleanups.push(close);
  const uncaught = await uncaughtDuring(async () => {
    // Both lists on new connections, the first of which is ended: the store's open leaves idle ones in the pool (two
    // since attacker pass 34's shared-session probe, where both lists then ran on them and nothing was ended).
    await dropIdleConnections(relay, store);
    relay.endNextAtFirstStatement(1, ending);
    const lists = await Promise.allSettled([store.repos.waves.list(), store.repos.waves.list()]);
    assert.equal(relay.statementEndsLeft(), 0, 'a connection was ended at its first statement');
    assert.deepEqual(lists.map(outcome).sort(), [expected, 'ok'].sort());
  });
  assert.deepEqual(uncaught, []);
});

// Attacker pass 21: an operator's idle_session_timeout ends every connection that sat idle together (the pool's idle
// ones expire at once after a lull), so the one retry of pass 20 met a second dead connection and answered 503
// busy. A statement or transaction that certainly did not run is run again while the pool can give another
// connection (at most its size of tries); here three connections in a row are ended at their first statement.
for (const ending of [IDLE_SESSION_TIMEOUT, IDLE_IN_TRANSACTION_TIMEOUT]) test(`three connections in a row ended (${ending.code}) before anything ran: pooled statements, /healthz and transactions ok`, { skip }, async () => {
  const { relay, store, close } = await storeBehindRelay();
  cleanups.push(close);
  /** `call` alone on a pool with no idle connection, its next three new connections ended at their first statement. */
  const pastThreeDead = async (call: () => Promise<unknown>) => {
    await dropIdleConnections(relay, store);
    relay.endNextAtFirstStatement(3, ending);
    const [settled] = await Promise.allSettled([call()]);
    return { outcome: outcome(settled!), endedConnections: 3 - relay.statementEndsLeft() };
  };
  const ok = { outcome: 'ok', endedConnections: 3 };
  const uncaught = await uncaughtDuring(async () => {
    assert.deepEqual(await pastThreeDead(() => store.rateCounter.hit('a', 60_000)), ok, 'the rate counter before a start');
    assert.deepEqual(await pastThreeDead(() => store.ping()), ok, '/healthz');
    assert.deepEqual(await pastThreeDead(() => store.repos.waves.list()), ok, 'a repository over the pool');
    assert.deepEqual(await pastThreeDead(() => store.write((tx) => tx.waves.list())), ok, 'a transaction');
  });
  assert.deepEqual(uncaught, []);
});

// Attacker pass 21: a network that drops PostgreSQL's packets without a reset (a partition, a host gone) left a
// statement waiting for an answer that never came: the server-side statement_timeout cannot answer either, and
// without TCP keepalive nothing noticed for the kernel's ~15 minutes. Each request on such a connection hung, and
// /healthz with it. Now a statement unanswered past the store's query timeout (STATEMENT_TIMEOUT_MS + 5 s; 1 s
// here) fails as `503 busy` (it may have run: never sent again) and its connection is discarded.
test('PostgreSQL silent on the network (packets dropped, no reset): a pooled statement, /healthz and a transaction answer 503 busy within the query timeout, never hang', { skip }, async () => {
  const database = await createTestDatabase();
  const relay = await relayTo(new URL(database.url));
  const viaRelay = new URL(database.url);
  viaRelay.hostname = '127.0.0.1';
  viaRelay.port = String(relay.port);
  const store = await openPostgresStore(viaRelay.toString(), { connectTimeoutMs: 1_000, queryTimeoutMs: 1_000 });
  cleanups.push(async () => {
    await relay.close();
    await store.close();
    await database.drop();
  });
  await store.repos.waves.list();
  relay.silence();
  /** `call`'s outcome, or `hanging` if it has none 4 s on. */
  const within4s = (call: () => Promise<unknown>) =>
    Promise.race([Promise.allSettled([call()]).then(([s]) => outcome(s!)), new Promise((r) => setTimeout(() => r('hanging'), 4_000))]);
  const uncaught = await uncaughtDuring(async () => {
    const outcomes = await Promise.all([within4s(() => store.repos.waves.list()), within4s(() => store.ping()), within4s(() => store.write((tx) => tx.waves.list()))]);
    assert.deepEqual(outcomes, ['busy 5', 'busy 5', 'busy 5']);
  });
  assert.deepEqual(uncaught, []);
});

// Crash harness shared by tests/server/durability.test.ts (a handful of kills) and tests/stress/crash.test.ts
// (≥ 100 kills): the real server (`vlab serve`) under continuous load from simulated respondents, killed with
// SIGKILL at random moments and restarted on the same database file each time.
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServedApp } from '../e2e/serve-process.ts';
import { COMPLETE_ALLIANCE_ANSWERS, PRETREATMENT_ALLIANCE_ANSWERS } from '../../support/alliance-answers.ts';
import { prepareLoadDatabase } from '../../support/load-database.ts';
import { LOAD_ENV } from '../../support/load-settings.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Acknowledged {
  code: string;
  answers: Record<string, unknown>;
}

export interface LoadStats {
  /** Completions the server answered 200 `complete` to: each must be on disk. */
  acknowledged: Map<string, Acknowledged>;
  /**
   * Partial saves the server answered 200 `saved: true` to, by participant code: each participant must be on disk
   * with those answers (in its partial or final answers). Every fourth respondent leaves after its save, as real
   * drop-outs do, so that a lost save could not hide behind the completion that resends every answer.
   */
  acknowledgedSaves: Map<string, Record<string, unknown>>;
  requests: number;
  /** Requests that failed at the network level (the server was down or died mid-request). */
  networkErrors: number;
  /** Responses with status ≥ 500 (an SQLITE_BUSY reaching a client would be one). */
  serverErrors: number;
  /** Responses with another unexpected status (4xx other than documented retries). */
  unexpected: string[];
}

/** One request of a load run, for tests that judge answers by when they came (an outage's window, say). */
export interface ObservedRequest {
  /** performance.now() when the request was sent and when its answer (or network failure) came. */
  sentAt: number;
  answeredAt: number;
  /** null: a network failure (no answer, or none within the timeout). */
  status: number | null;
  retryAfter: string | null;
}

/**
 * Simulated respondents over the respondent API (docs/api.md), as the page behaves: start with a panel ID
 * (so a retried start resumes the same participant), save one partial page, take the quota step, complete, and retry each step on
 * network failures until the server answers. `baseUrl()` is read before each request, so a restarted server on
 * a new port is picked up.
 */
export function runLoad(options: {
  baseUrl: () => string | null;
  waveId: () => string;
  respondents: number;
  tag: string;
  /** A request with no answer after this long counts as a network failure (default 10 s). */
  timeoutMs?: number;
  observe?(request: ObservedRequest): void;
}) {
  const stats: LoadStats = { acknowledged: new Map(), acknowledgedSaves: new Map(), requests: 0, networkErrors: 0, serverErrors: 0, unexpected: [] };
  let stopping = false;

  async function call(method: string, path: string, body: unknown): Promise<{ status: number; json: any } | null> {
    const base = options.baseUrl();
    if (!base) return null;
    stats.requests++;
    const sentAt = performance.now();
    try {
      const res = await fetch(base + path, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      const json = await res.json().catch(() => null);
      if (res.status >= 500) stats.serverErrors++;
      options.observe?.({ sentAt, answeredAt: performance.now(), status: res.status, retryAfter: res.headers.get('retry-after') });
      return { status: res.status, json };
    } catch {
      stats.networkErrors++;
      options.observe?.({ sentAt, answeredAt: performance.now(), status: null, retryAfter: null });
      return null;
    }
  }

  /** Retries a step until the server gives an answer (not a network failure or a 5xx), or the run stops. */
  async function untilAnswered(method: string, path: string, body: unknown) {
    for (;;) {
      const res = await call(method, path, body);
      if (res && res.status < 500) return res;
      if (stopping) return null;
      await sleep(20 + Math.random() * 30);
    }
  }

  async function respondent(worker: number) {
    for (let n = 0; !stopping; n++) {
      const panel = { RID: `${options.tag}-${worker}-${n}` };
      const started = await untilAnswered('POST', `/api/waves/${options.waveId()}/participants`, { panel });
      if (!started) return;
      if (started.status !== 200 && started.status !== 201) {
        stats.unexpected.push(`start ${started.status} ${JSON.stringify(started.json)}`);
        continue;
      }
      const code: string = started.json.participant.code;
      if (started.json.participant.status !== 'started') continue;
      const answers = { ...COMPLETE_ALLIANCE_ANSWERS, do_nothing: 1 + ((worker + n) % 5), contribution: 1 + (n % 5) };
      const partial = { consent: true, age_group: answers.age_group };
      const saved = await untilAnswered('PUT', `/api/participants/${code}/answers`, { answers: partial, currentPage: 1 });
      // A retried save may meet a completion that committed before the crash: 409 is then the right answer.
      if (saved && saved.status !== 200 && saved.status !== 409) stats.unexpected.push(`save ${saved.status}`);
      if (saved?.status === 200 && saved.json.saved === true) stats.acknowledgedSaves.set(code, partial);
      if (n % 4 === 3) continue;
      // The quota step before the vignette, as the page takes it: only then may outcome answers follow.
      const admitted = await untilAnswered('POST', `/api/participants/${code}/quota-check`, { answers: PRETREATMENT_ALLIANCE_ANSWERS });
      if (admitted && admitted.status !== 200) stats.unexpected.push(`quota step ${admitted.status} ${JSON.stringify(admitted.json)}`);
      // Stop only between participants: a completion in flight is seen through to its answer, as the page does.
      for (;;) {
        const done = await call('POST', `/api/participants/${code}/complete`, { answers });
        if (done && done.status === 200) {
          if (done.json.status === 'complete') stats.acknowledged.set(code, { code, answers });
          else stats.unexpected.push(`complete answered ${JSON.stringify(done.json)}`);
          break;
        }
        if (done && done.status < 500) {
          stats.unexpected.push(`complete ${done.status} ${JSON.stringify(done.json)}`);
          break;
        }
        if (stopping && !options.baseUrl()) break;
        await sleep(20 + Math.random() * 30);
      }
    }
  }

  const workers = Array.from({ length: options.respondents }, (_, w) => respondent(w));
  return {
    stats,
    /** Lets every respondent finish the completion it is in, then resolves. */
    async stop() {
      stopping = true;
      await Promise.all(workers);
    },
  };
}

export interface DatabaseAudit {
  integrity: string;
  participants: number;
  complete: number;
  /** Acknowledged completions missing, not complete, or with other answers than those sent. */
  lost: string[];
  /** Participants whose rows disagree with each other (status vs final answers, flags, timestamps). */
  halfWritten: string[];
  /** Cells whose counter differs from the number of participants drawn into them, and draw-index gaps. */
  counterMismatches: string[];
}

/** A participant as the audits read it: its rows in participants, answers ('final') and quality_flags. */
export interface AuditedParticipant {
  code: string;
  status: string;
  completed_at: string | null;
  final_json: string | null;
  partial_json: string | null;
  flags: number;
}

/** What the audits read from either engine, checked the same way by `checkParticipants`. */
export interface AuditInput {
  participants: AuditedParticipant[];
  /** Every assignment counter with the number of participants drawn into its cell. */
  counters: { wave_id: string; cell_index: number; assigned: number; n: number }[];
  /** Participants in cells that have no counter. */
  uncounted: number;
  /** Waves whose number of draws differs from their last draw index + 1. */
  gaps: { wave_id: string; n: number; top: number }[];
}

/** The crash test's promises over what was read: every acknowledgement stored, nothing half-written, counts exact. */
export function checkParticipants(
  input: AuditInput,
  acknowledged: Map<string, Acknowledged>,
  saves: Map<string, Record<string, unknown>> = new Map(),
): Omit<DatabaseAudit, 'integrity'> {
  const byCode = new Map(input.participants.map((r) => [r.code, r]));
  const lost: string[] = [];
  for (const ack of acknowledged.values()) {
    const row = byCode.get(ack.code);
    if (!row) lost.push(`${ack.code}: no participant`);
    else if (row.status !== 'complete') lost.push(`${ack.code}: status ${row.status}`);
    else if (!row.final_json || JSON.stringify(JSON.parse(row.final_json)) !== JSON.stringify(ack.answers)) lost.push(`${ack.code}: final answers differ`);
  }
  for (const [code, saved] of saves) {
    const row = byCode.get(code);
    const stored = row ? { ...JSON.parse(row.partial_json ?? '{}'), ...JSON.parse(row.final_json ?? '{}') } : {};
    if (!row) lost.push(`${code}: acknowledged save, no participant`);
    else for (const [name, value] of Object.entries(saved)) if (stored[name] !== value) lost.push(`${code}: acknowledged save of ${name} not stored`);
  }

  const halfWritten: string[] = [];
  for (const r of input.participants) {
    const finished = r.status !== 'started';
    if (finished !== (r.final_json !== null)) halfWritten.push(`${r.code}: status ${r.status} but final answers ${r.final_json ? 'present' : 'absent'}`);
    if (finished !== (r.completed_at !== null)) halfWritten.push(`${r.code}: status ${r.status} but completed_at ${r.completed_at}`);
    if ((r.status === 'complete') !== (Number(r.flags) === 1)) halfWritten.push(`${r.code}: status ${r.status} with ${r.flags} quality-flag rows`);
  }

  const counterMismatches: string[] = [];
  for (const c of input.counters) if (Number(c.assigned) !== Number(c.n)) counterMismatches.push(`wave ${c.wave_id} cell ${c.cell_index}: counter ${c.assigned}, participants ${c.n}`);
  if (input.uncounted) counterMismatches.push(`${input.uncounted} participants in cells without a counter`);
  for (const g of input.gaps) counterMismatches.push(`wave ${g.wave_id}: ${g.n} draws but the last index is ${g.top}`);

  return {
    participants: input.participants.length,
    complete: input.participants.filter((r) => r.status === 'complete').length,
    lost,
    halfWritten,
    counterMismatches,
  };
}

/** The audit's queries, the same SQL on SQLite and PostgreSQL. */
export const AUDIT_SQL = {
  participants: `SELECT p.code, p.status, p.completed_at, a.answers_json AS final_json, s.answers_json AS partial_json,
                        (SELECT COUNT(*) FROM quality_flags f WHERE f.participant_id = p.id) AS flags
                   FROM participants p LEFT JOIN answers a ON a.participant_id = p.id AND a.kind = 'final'
                   LEFT JOIN answers s ON s.participant_id = p.id AND s.kind = 'partial'`,
  counters: `SELECT c.wave_id, c.cell_index, c.assigned, (SELECT COUNT(*) FROM participants p WHERE p.wave_id = c.wave_id AND p.cell_index = c.cell_index) AS n
               FROM assignment_counters c`,
  uncounted: `SELECT COUNT(*) AS n FROM participants p WHERE NOT EXISTS
                (SELECT 1 FROM assignment_counters c WHERE c.wave_id = p.wave_id AND c.cell_index = p.cell_index)`,
  gaps: 'SELECT wave_id, COUNT(*) AS n, MAX(draw_index) AS top FROM participants GROUP BY wave_id HAVING COUNT(*) != MAX(draw_index) + 1',
};

/** Reads the database after a run (read-only) and checks every promise the crash test makes. */
export function auditDatabase(dbPath: string, acknowledged: Map<string, Acknowledged>, saves?: Map<string, Record<string, unknown>>): DatabaseAudit {
  const db = new Database(dbPath, { readonly: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    const input: AuditInput = {
      participants: db.prepare(AUDIT_SQL.participants).all() as AuditedParticipant[],
      counters: db.prepare(AUDIT_SQL.counters).all() as AuditInput['counters'],
      uncounted: (db.prepare(AUDIT_SQL.uncounted).get() as { n: number }).n,
      gaps: db.prepare(AUDIT_SQL.gaps).all() as AuditInput['gaps'],
    };
    return { integrity, ...checkParticipants(input, acknowledged, saves) };
  } finally {
    db.close();
  }
}

export interface CrashRunResult {
  kills: number;
  stats: LoadStats;
  audit: DatabaseAudit;
  /** Milliseconds from spawn to the printed URL, per start. */
  startupMs: number[];
}

/**
 * Starts the server, drives it with `respondents` simulated respondents, SIGKILLs it `kills` times after a
 * random 150–1,200 ms of load each, restarting it on the same file, then stops cleanly and audits the file.
 */
export async function crashRun({ kills, respondents = 6 }: { kills: number; respondents?: number }): Promise<CrashRunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'vlab-crash-'));
  const dbPath = join(dir, 'vlab.sqlite');
  const startupMs: number[] = [];
  const start = async () => {
    const t0 = performance.now();
    const app = await serve(dbPath, LOAD_ENV);
    startupMs.push(performance.now() - t0);
    return app;
  };
  const waveId = await prepareLoadDatabase(dbPath);
  let server: ServedApp | null = await start();
  const load = runLoad({ baseUrl: () => server?.baseUrl ?? null, waveId: () => waveId, respondents, tag: 'crash' });
  try {
    for (let k = 0; k < kills; k++) {
      await sleep(150 + Math.random() * 1050);
      const dying: ServedApp = server!;
      server = null;
      dying.child.kill('SIGKILL');
      await new Promise((resolve) => (dying.child.exitCode !== null || dying.child.signalCode !== null ? resolve(null) : dying.child.once('exit', resolve)));
      server = await start();
    }
    await sleep(300);
    await load.stop();
  } catch (error) {
    // A failed restart must not leave the respondents looping (and the test process alive) forever.
    const running = server as ServedApp | null;
    server = null;
    await Promise.all([load.stop(), running?.stop()]);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  } finally {
    await server?.stop();
  }
  const audit = auditDatabase(dbPath, load.stats.acknowledged, load.stats.acknowledgedSaves);
  rmSync(dir, { recursive: true, force: true });
  return { kills, stats: load.stats, audit, startupMs };
}

/** Prints the run's figures under `label` and asserts every promise of the crash test. */
export function checkCrashRun(label: string, { kills, stats, audit, startupMs }: CrashRunResult): void {
  const sorted = [...startupMs].sort((a, b) => a - b);
  console.log(
    `${label}: kills ${kills}, acknowledged ${stats.acknowledged.size} completions and ${stats.acknowledgedSaves.size} saves, lost ${audit.lost.length}, half-written ${audit.halfWritten.length}, ` +
      `counter mismatches ${audit.counterMismatches.length}, integrity ${audit.integrity}; participants ${audit.participants} (${audit.complete} complete), ` +
      `requests ${stats.requests}, network errors ${stats.networkErrors}, 5xx ${stats.serverErrors}; ` +
      `startup median ${Math.round(sorted[sorted.length >> 1]!)} ms, max ${Math.round(sorted.at(-1)!)} ms`,
  );
  assert.ok(stats.acknowledged.size > 0, 'the load completed participants');
  assert.equal(audit.integrity, 'ok');
  assert.deepEqual(audit.lost, []);
  assert.deepEqual(audit.halfWritten, []);
  assert.deepEqual(audit.counterMismatches, []);
  assert.deepEqual(stats.unexpected, []);
  assert.equal(stats.serverErrors, 0);
}

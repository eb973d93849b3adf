import type { Express } from 'express';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { createApp } from '../../server/app.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import { silentLogger } from '../../server/logger.ts';
import type { RespondentService } from '../../server/services/respondent-service.ts';
import { createStudyService, type CreateWaveInput } from '../../server/services/study-service.ts';
import { openDatabase, type Db } from '../../server/storage/db.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { openStore } from '../../server/storage/open-store.ts';
import { createSqliteStore } from '../../server/storage/sqlite-store.ts';
import type { Engine, Store } from '../../server/storage/store.ts';
import { createResearcherPool } from '../../server/workers/researcher-pool.ts';
import { COMPLETE_ALLIANCE_ANSWERS, PRETREATMENT_ALLIANCE_ANSWERS } from '../../support/alliance-answers.ts';
import { createMigratedTestDatabase } from './postgres-migrated-template.ts';
import { createTestDatabase } from './postgres-test-database.ts';
import { testSql } from './test-sql.ts';
import { createWaveLanguages } from '../../server/wave-languages.ts';

export { COMPLETE_ALLIANCE_ANSWERS, PRETREATMENT_ALLIANCE_ANSWERS } from '../../support/alliance-answers.ts';

/** Rate limits for tests and load runs, which start many participants from one address and send one participant's writes in bursts (fuzz.test.ts). */
export const TEST_RATE_LIMITS = { rateLimitStart: 1_000_000, rateLimitAuth: 1_000_000, rateLimitParticipantBurst: 1_000_000 };

/** The engine the app tests run on: SQLite, or PostgreSQL when VLAB_TEST_ENGINE=postgres (scripts/run-tests.mjs sets it). */
export const TEST_ENGINE: Engine = process.env.VLAB_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/**
 * Where a new database of `engine` goes, not yet opened: a SQLite file in a temporary folder, or a new empty
 * PostgreSQL database (for tests that start `vlab serve` processes on it); `remove` deletes it.
 */
export async function createTestLocation(engine: Engine = TEST_ENGINE): Promise<{ location: string; remove(): Promise<void> }> {
  if (engine === 'postgres') {
    const database = await createTestDatabase();
    return { location: database.url, remove: () => database.drop() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'vlab-test-'));
  return { location: join(dir, 'vlab.sqlite'), remove: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** A migrated, empty store of `engine`: a temporary SQLite file, or a new PostgreSQL database (a copy of a migrated one); `remove` deletes it. */
export async function createTestStore(engine: Engine = TEST_ENGINE): Promise<{ store: Store; location: string; db?: Db; remove(): Promise<void> }> {
  if (engine === 'postgres') {
    const database = await createMigratedTestDatabase();
    const store = await openStore(database.url);
    return {
      store,
      location: database.url,
      async remove() {
        await store.close();
        await database.drop();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'vlab-test-'));
  const location = join(dir, 'vlab.sqlite');
  const db = openDatabase(location);
  return {
    store: createSqliteStore(db),
    location,
    db,
    async remove() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * createApp on a freshly migrated temporary database with the shipped definitions and one open wave; `settings`
 * override the configuration (as environment variables would); `engine` fixes the engine for a test of one
 * engine's own behaviour. `sql` runs a test's own SQL on either engine; `db` is the SQLite connection, for the few
 * tests of SQLite itself (undefined on PostgreSQL).
 */
export async function createTestApp(wave: Partial<CreateWaveInput> = {}, settings: Partial<Config> = {}, engine: Engine = TEST_ENGINE) {
  const { store, location, db, remove } = await createTestStore(engine);
  const studies = createStudyService({ store });
  await studies.syncDefinitions(loadDefinitionFiles('survey-definitions'));
  const created = await studies.createWave({ studyKey: 'alliance-corrective-measures', target: 1000, seed: 'test-seed', ...wave });
  // Tests start hundreds of participants from one address: explicit limits far above any test's traffic.
  const config = loadConfig({}, { dbPath: location, logLevel: 'silent', ...TEST_RATE_LIMITS, ...settings });
  const researcherPool = createResearcherPool({ ...config, logger: silentLogger });
  const waveLanguages = createWaveLanguages();
  const app = createApp({ store, config, researcherPool, waveLanguages });
  return {
    app,
    store,
    /** The SQLite connection (SQLite runs only). */
    db: db!,
    /** SQL of the test's own on either engine (tests/server/test-sql.ts). */
    sql: testSql(store),
    /** The database's location: the SQLite file or the PostgreSQL URL. */
    location,
    repos: store.repos,
    studies,
    researcherPool,
    /** The waves' languages the app notes as it serves their pages (for the busy page: http-server-support.ts). */
    waveLanguages,
    wave: created.wave,
    close(): Promise<void> {
      return researcherPool.close().finally(() => remove());
    },
  };
}

/**
 * Takes a started participant to the vignette as the page does: the quota step with every pre-treatment answer
 * (then outcome answers may follow; server/domain/treatment-order.ts). Resolves with the quota step's answer.
 */
export async function reachVignette(app: Express, code: string, answers: Record<string, unknown> = {}) {
  return request(app).post(`/api/participants/${code}/quota-check`).send({ answers: { ...PRETREATMENT_ALLIANCE_ANSWERS, ...answers } });
}

const PRETREATMENT = new Set(Object.keys(PRETREATMENT_ALLIANCE_ANSWERS));

/**
 * Finishes a started participant as the page does: when consent is given, the quota step with the pre-treatment
 * part of `answers`, then the completion with all of them (and `extra` fields such as `honeypot`). Resolves with
 * the completion's answer (an over-quota exit at the quota step comes back from it too).
 */
export async function completeSurvey(app: Express, code: string, answers: Record<string, unknown> = COMPLETE_ALLIANCE_ANSWERS, extra: object = {}) {
  if (answers.consent === true) await request(app).post(`/api/participants/${code}/quota-check`).send({ answers: pretreatmentOf(answers) });
  return request(app).post(`/api/participants/${code}/complete`).send({ answers, ...extra });
}

/** completeSurvey through the respondent service (no HTTP). */
export async function completeWithService(service: RespondentService, code: string, answers: Record<string, unknown> = COMPLETE_ALLIANCE_ANSWERS, honeypot?: string) {
  if (answers.consent === true) await service.checkQuota({ code, answers: pretreatmentOf(answers) });
  return service.complete({ code, answers, honeypot });
}

const pretreatmentOf = (answers: Record<string, unknown>) => Object.fromEntries(Object.entries(answers).filter(([name]) => PRETREATMENT.has(name)));

/** Serves `app` on a free loopback port, for a client that needs a real address (vlab simulate): its base URL and a close that ends open connections first. */
export async function serveOnLoopback(app: Express): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await promisify(server.close.bind(server))();
    },
  };
}

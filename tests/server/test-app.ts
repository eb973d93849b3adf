import type { Express } from 'express';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../server/app.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import { silentLogger } from '../../server/logger.ts';
import type { RespondentService } from '../../server/services/respondent-service.ts';
import { createStudyService, type CreateWaveInput } from '../../server/services/study-service.ts';
import { openDatabase } from '../../server/storage/db.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { createRepositories } from '../../server/storage/repositories.ts';
import { createResearcherPool } from '../../server/workers/researcher-pool.ts';
import { COMPLETE_ALLIANCE_ANSWERS, PRETREATMENT_ALLIANCE_ANSWERS } from '../../support/alliance-answers.ts';

export { COMPLETE_ALLIANCE_ANSWERS, PRETREATMENT_ALLIANCE_ANSWERS } from '../../support/alliance-answers.ts';

/** Rate limits for tests and load runs, which start many participants from one address. */
export const TEST_RATE_LIMITS = { rateLimitStart: 1_000_000, rateLimitAuth: 1_000_000 };

/**
 * createApp on a freshly migrated temporary database with the shipped definitions and one open wave; `settings`
 * override the configuration (as environment variables would).
 */
export function createTestApp(wave: Partial<CreateWaveInput> = {}, settings: Partial<Config> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'vlab-test-'));
  const dbPath = join(dir, 'vlab.sqlite');
  const db = openDatabase(dbPath);
  const repos = createRepositories(db);
  const studies = createStudyService({ db, repos });
  studies.syncDefinitions(loadDefinitionFiles('survey-definitions'));
  const created = studies.createWave({ studyKey: 'alliance-corrective-measures', target: 1000, seed: 'test-seed', ...wave });
  // Tests start hundreds of participants from one address: explicit limits far above any test's traffic.
  const config = loadConfig({}, { dbPath, logLevel: 'silent', ...TEST_RATE_LIMITS, ...settings });
  const researcherPool = createResearcherPool({ ...config, logger: silentLogger });
  const app = createApp({ db, config, researcherPool });
  return {
    app,
    db,
    repos,
    studies,
    researcherPool,
    wave: created.wave,
    close() {
      void researcherPool.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
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

import express, { type Express } from 'express';
import type { Config } from './config.ts';
import { silentLogger, type Logger } from './logger.ts';
import { noRoute, optionsAnswer } from './routes/allowed-methods.ts';
import { errorHandler, PATCH_BODY_TYPES, requireJsonBody } from './routes/errors.ts';
import { keepBodyBytes, refuseRepeatedNames } from './routes/repeated-name.ts';
import { loadPublicBundle, publicAssets } from './routes/public-assets.ts';
import { researcherAuthRateLimit, startRateLimit } from './routes/rate-limit.ts';
import { participantWriteLimit } from './routes/participant-rate-limit.ts';
import { requestLog } from './routes/request-log.ts';
import { hostRequired } from './routes/host-required.ts';
import { securityHeaders } from './routes/security-headers.ts';
import { untrustedProxyWarning } from './routes/untrusted-proxy-warning.ts';
import { researcherApi } from './routes/researcher-api.ts';
import { respondentApi } from './routes/respondent-api.ts';
import { browserNotFound, browserPostToPage, mangledLinkPage, respondentPage, type WavePageInfo } from './routes/respondent-page.ts';
import { DomainError } from './domain/errors.ts';
import { studyLocales, textIn } from './domain/localized-text.ts';
import type { StudyDefinition } from './domain/study-definition.ts';
import { dashboardPage } from './routes/dashboard-page.ts';
import { createRespondentService } from './services/respondent-service.ts';
import { createStudyService, type StudyService } from './services/study-service.ts';
import { createTokenService } from './services/token-service.ts';
import { createWavePlans } from './services/wave-plan.ts';
import { createWaveService } from './services/wave-service.ts';
import type { Repositories } from './storage/repositories.ts';
import type { Store } from './storage/store.ts';
import { createWaveLanguages, type WaveLanguages } from './wave-languages.ts';
import { createResearcherPool, type ResearcherPool } from './workers/researcher-pool.ts';

/** What /healthz asks a monitor to wait while the database is unreachable. */
const HEALTH_RETRY_AFTER_SECONDS = 5;

export interface AppOptions {
  store: Store;
  config: Config;
  logger?: Logger;
  /** The worker threads for researcher work; by default a pool of its own over the store's database, ending with the process. */
  researcherPool?: ResearcherPool;
  /**
   * The study service that synced the definitions folder (server/index.ts): its broken studies are listed and
   * refused new waves, and the studies the folder lacks are marked `notInDefinitions`. By default one of the app's
   * own, which knows no folder: nothing broken, nothing marked.
   */
  studies?: StudyService;
  /** Where the respondent page notes each wave's languages for the connection cap's busy page (http-server.ts). */
  waveLanguages?: WaveLanguages;
}

/**
 * The HTTP application over an open, migrated store (a SQLite file or PostgreSQL). Never listens: server/index.ts does that, and tests
 * drive the app with supertest. The respondent path runs on this thread; researcher work that reads a wave's
 * participants runs in the researcher pool's worker threads, on connections of their own.
 */
// Whole on purpose (~90 lines): the middleware and routers in the order requests meet them, read top to bottom.
export function createApp({ store, config, logger = silentLogger, researcherPool, studies = createStudyService({ store }), waveLanguages = createWaveLanguages() }: AppOptions): Express {
  if (store.location === ':memory:') throw new Error('createApp: the researcher workers need a database file, not :memory:');
  const { repos } = store;
  const respondents = createRespondentService({ store, quotaLeaseSeconds: config.quotaLeaseSeconds });
  const researcher = {
    tokens: createTokenService({ store, logger }),
    studies,
    waves: createWaveService({ store, studies, quotaLeaseSeconds: config.quotaLeaseSeconds }),
    plans: createWavePlans(repos),
    jobs: researcherPool ?? createResearcherPool({ ...config, dbPath: store.location, logger }),
  };
  const bundle = loadPublicBundle(config.publicDir);

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  if (config.trustProxy !== false) app.set('trust proxy', config.trustProxy);
  app.use(requestLog(logger));
  app.use(untrustedProxyWarning(config, logger));
  app.use(securityHeaders(config));
  app.use(hostRequired);
  app.use(optionsAnswer(app));

  // For load balancers and monitors: 200 while the database answers, 503 with Retry-After while it does not.
  app.get('/healthz', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    try {
      await store.ping();
      res.json({ ok: true, database: 'ok', engine: store.engine });
    } catch (error) {
      // 'unreachable' (PostgreSQL down), or 'unwritable' (a SQLite file on a full or read-only disk).
      const database = error instanceof DomainError && typeof error.details.database === 'string' ? error.details.database : 'unreachable';
      res.status(503).set('Retry-After', String(HEALTH_RETRY_AFTER_SECONDS)).json({ ok: false, database, engine: store.engine });
    }
  });
  // Browsers ask for /favicon.ico on pages that do not name an icon (a JSON page, say); answer without a 404.
  app.get('/favicon.ico', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=86400').status(204).end();
  });
  app.post('/api/waves/:waveId/participants', startRateLimit(config, store.rateCounter, researcher.tokens));
  app.use('/api/researcher', researcherAuthRateLimit(config, store.rateCounter));
  app.use('/api/participants/:code', participantWriteLimit(config));
  // The APIs before the pages: a respondent's request under /api then meets no page router on its way (no path
  // of the pages starts with /api).
  app.use(
    '/api/researcher',
    requireJsonBody,
    express.json({ limit: config.bodyLimitBytes, type: PATCH_BODY_TYPES, verify: keepBodyBytes }),
    refuseRepeatedNames,
    researcherApi(researcher),
    noRoute(app, 'API route'),
  );
  app.use(
    '/api',
    requireJsonBody,
    express.json({ limit: config.bodyLimitBytes, type: 'application/json', verify: keepBodyBytes }),
    refuseRepeatedNames,
    respondentApi(respondents),
    noRoute(app, 'API route'),
  );
  app.use('/assets', publicAssets(bundle));
  app.use(respondentPage(config.publicDir, bundle, wavePageInfo(repos), waveLanguages, logger));
  app.use(dashboardPage(config.publicDir, bundle));
  app.use(browserNotFound(config.publicDir, bundle));
  app.use(browserPostToPage(app));
  // `POST /healthz` is a 405 naming GET: "nothing at /healthz" would send a client looking for it.
  app.use(noRoute(app, 'route'));
  app.use(mangledLinkPage(config.publicDir, bundle));
  app.use(errorHandler(logger));
  return app;
}

/**
 * The wave's study locales and title for the respondent page's shell; undefined for a wave that does not exist.
 * Study snapshots never change, so each is parsed once.
 */
function wavePageInfo(repos: Repositories): (waveId: string) => Promise<WavePageInfo | undefined> {
  const byStudy = new Map<number, { def: StudyDefinition; locales: readonly string[] }>();
  return async (waveId) => {
    const wave = await repos.waves.get(waveId);
    if (!wave) return undefined;
    let study = byStudy.get(wave.studyId);
    if (!study) {
      const def = (await repos.studies.get(wave.studyId))?.definition;
      if (!def) return undefined;
      study = { def, locales: studyLocales(def) };
      byStudy.set(wave.studyId, study);
    }
    const { def, locales } = study;
    return { locales, defaultLocale: wave.locale, title: (locale) => textIn(def.title, locale) };
  };
}

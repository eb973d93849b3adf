import { Router, type RequestHandler } from 'express';
import type { StudyService } from '../services/study-service.ts';
import type { TokenService } from '../services/token-service.ts';
import type { WavePlans } from '../services/wave-plan.ts';
import type { WaveService } from '../services/wave-service.ts';
import type { ResearcherPool } from '../workers/researcher-pool.ts';
import { requireResearcherToken } from './researcher-auth.ts';
import { researcherEstimates } from './researcher-estimates.ts';
import { researcherExports } from './researcher-exports.ts';
import { researcherStudies } from './researcher-studies.ts';
import { researcherWaves } from './researcher-waves.ts';

/** What the researcher routes call. Add a service here when a sub-router needs one. */
export interface ResearcherServices {
  tokens: TokenService;
  /** The studies, and those whose definition is broken. */
  studies: StudyService;
  /** Wave writes (create, lifecycle), on this thread. */
  waves: WaveService;
  plans: WavePlans;
  /** Everything that reads a wave's participants: in worker threads. */
  jobs: ResearcherPool;
}

const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

/**
 * The researcher API, mounted at `/api/researcher` (docs/api.md, "Researcher API"). Every route behind it
 * needs a bearer token: the check runs once, here, before any sub-router.
 */
export function researcherApi(services: ResearcherServices): Router {
  const router = Router();
  router.use(requireResearcherToken(services.tokens), noStore);

  // Sub-routers, each owning its own paths under /api/researcher. Append new ones to this list
  // (e.g. researcherEstimates(services) for the analysis-plan routes).
  const subRouters: Router[] = [
    researcherStudies(services.studies),
    researcherWaves(services.waves, services.jobs),
    researcherExports(services.jobs),
    researcherEstimates(services),
  ];
  for (const sub of subRouters) router.use(sub);
  return router;
}

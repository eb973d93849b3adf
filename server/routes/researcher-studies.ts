import { Router } from 'express';
import type { StudyService } from '../services/study-service.ts';

/**
 * `/studies`: the studies of the definitions folder, as `vlab study list --json` shows them, and the broken
 * ones with what to fix (they take no new wave until then).
 */
export function researcherStudies(studies: StudyService): Router {
  const router = Router();
  router.get('/studies', async (_req, res) => {
    res.json({ studies: await studies.listStudies(), broken: studies.brokenStudies() });
  });
  return router;
}

import { Router } from 'express';
import type { StudyService } from '../services/study-service.ts';

/**
 * `/studies`: the studies of the definitions folder, as `vlab study list --json` shows them, the broken
 * ones with what to fix (they take no new wave until then), and those whose folder is behind the database's current
 * definition (`behind`: folder-behind.ts, as `vlab serve`, `study list` and `wave create` say it; task 42).
 */
export function researcherStudies(studies: StudyService): Router {
  const router = Router();
  router.get('/studies', async (_req, res) => {
    res.json({ studies: await studies.listStudies(), broken: studies.brokenStudies(), behind: studies.folderNotices() });
  });
  return router;
}

import { Router } from 'express';
import { z } from 'zod';
import type { ParticipantStatus } from '../domain/participant.ts';
import { EXPORT_FORMATS } from '../services/export-service.ts';
import type { ResearcherPool } from '../workers/researcher-pool.ts';
import { sendFile } from './send-file.ts';
import { parseBody, waveIdParam } from './request-input.ts';

const STATUSES = ['started', 'complete', 'screened_out', 'overquota'] as const satisfies readonly ParticipantStatus[];

const exportQuery = z.strictObject({
  format: z.enum(EXPORT_FORMATS).default('csv'),
  /** Comma-separated statuses, e.g. `complete` or `complete,started`, or `all`; default every participant. */
  status: z
    .string()
    .transform((s) => (s === 'all' ? [...STATUSES] : s.split(',')))
    .pipe(z.array(z.enum(STATUSES)))
    .optional(),
});

/** `GET /waves/:id/export?format=csv|long-csv|json|codebook[&status=complete]`: a streamed attachment, made by a worker. */
export function researcherExports(jobs: ResearcherPool): Router {
  const router = Router();
  router.get('/waves/:waveId/export', async (req, res) => {
    const query = parseBody(exportQuery, req.query);
    const file = await jobs.stream({ kind: 'export', waveId: waveIdParam(req.params.waveId), format: query.format, statuses: query.status });
    await sendFile(res, file, { 'X-Content-Type-Options': 'nosniff' });
  });
  return router;
}

import { Router } from 'express';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import type { ParticipantStatus } from '../domain/participant.ts';
import { EXPORT_FORMATS, type ExportService } from '../services/export-service.ts';
import { parseBody, waveIdParam } from './researcher-waves.ts';

const STATUSES = ['started', 'complete', 'screened_out', 'overquota'] as const satisfies readonly ParticipantStatus[];

const exportQuery = z.strictObject({
  format: z.enum(EXPORT_FORMATS).default('csv'),
  /** Comma-separated statuses, e.g. `complete` or `complete,started`; default every participant. */
  status: z
    .string()
    .transform((s) => s.split(','))
    .pipe(z.array(z.enum(STATUSES)))
    .optional(),
});

/** `GET /waves/:id/export?format=csv|long-csv|json|codebook[&status=complete]`: a streamed attachment. */
export function researcherExports(exports: ExportService): Router {
  const router = Router();
  router.get('/waves/:waveId/export', async (req, res) => {
    const query = parseBody(exportQuery, req.query);
    const file = exports.file(waveIdParam(req.params.waveId), query.format, { statuses: query.status });
    res.set({
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
      'X-Content-Type-Options': 'nosniff',
    });
    try {
      await pipeline(file.stream(), res);
    } catch (error) {
      // Once bytes are out, a failure (or the client leaving) can only cut the response short.
      if (!res.headersSent) throw error;
      res.destroy();
    }
  });
  return router;
}

import { Router } from 'express';
import { z } from 'zod';
import type { ParticipantStatus } from '../domain/participant.ts';
import { EXPORT_FORMATS } from '../services/export-service.ts';
import type { ResearcherPool } from '../workers/researcher-pool.ts';
import { sendFile } from './send-file.ts';
import { parseQuery, waveIdParam } from './request-input.ts';

const STATUSES = ['started', 'complete', 'screened_out', 'overquota'] as const satisfies readonly ParticipantStatus[];

const exportQuery = z.strictObject({
  format: z.enum(EXPORT_FORMATS).default('csv'),
  /** Comma-separated statuses, e.g. `complete` or `complete,started`, or `all`; default every participant. */
  status: z.string().transform(statusList).optional(),
  /** `excel=1`: a CSV that Excel opens in UTF-8 (a byte-order mark first; export-service.ts). */
  excel: z.enum(['1', 'true', '0', 'false'], { message: 'expected 1 or 0' }).transform((v) => v === '1' || v === 'true').optional(),
});

/** `all` or a comma-separated list; a refused value is named beside every accepted one, `all` included. */
function statusList(text: string, ctx: z.RefinementCtx): ParticipantStatus[] {
  if (text === 'all') return [...STATUSES];
  const list = text.split(',');
  const refused = list.find((s) => !(STATUSES as readonly string[]).includes(s));
  if (refused === undefined) return list as ParticipantStatus[];
  ctx.addIssue({ code: 'custom', message: `expected all, or a comma-separated list of ${STATUSES.join(', ')}; got ${JSON.stringify(refused)}` });
  return z.NEVER;
}

/** `GET /waves/:id/export?format=csv|long-csv|json|codebook|profiles-csv[&status=complete][&excel=1]`: a streamed attachment, made by a worker. */
export function researcherExports(jobs: ResearcherPool): Router {
  const router = Router();
  router.get('/waves/:waveId/export', async (req, res) => {
    const query = parseQuery(exportQuery, req.query);
    const file = await jobs.stream({ kind: 'export', waveId: waveIdParam(req.params.waveId), format: query.format, statuses: query.status, excel: query.excel });
    await sendFile(res, file, jobs, { 'X-Content-Type-Options': 'nosniff' });
  });
  return router;
}

import { Router } from 'express';
import { z } from 'zod';
import { csvFromRecords } from '../../analysis/index.ts';
import { PLAN_ESTIMATE_COLUMNS } from '../domain/plan/execute-plan.ts';
import { expectedTerms } from '../domain/plan/plan-terms.ts';
import type { WaveEstimates } from '../services/estimates-service.ts';
import type { WavePlans } from '../services/wave-plan.ts';
import type { ResearcherPool } from '../workers/researcher-pool.ts';
import { sendFile } from './send-file.ts';
import { parseBody, waveIdParam } from './request-input.ts';

const estimatesQuery = z.strictObject({ format: z.enum(['json', 'csv']).default('json') });

/**
 * `GET /waves/:id/estimates[?format=csv]`: the wave's estimates under its locked plan (JSON with the plan hash,
 * counts, problems and precision, or the tidy CSV as an attachment), computed by a researcher worker. `GET
 * /waves/:id/plan`: the locked plan with each hypothesis' expected terms, for the dashboard. `GET
 * /waves/:id/replication`: the replication package as a zip, made by a worker. Mounted behind the researcher
 * token check.
 */
export function researcherEstimates({ jobs, plans }: { jobs: ResearcherPool; plans: WavePlans }): Router {
  const router = Router();
  router.get('/waves/:waveId/estimates', async (req, res) => {
    const { format } = parseBody(estimatesQuery, req.query);
    const result = await jobs.run<WaveEstimates>({ kind: 'estimates', waveId: waveIdParam(req.params.waveId) });
    if (format === 'json') {
      res.json(result);
      return;
    }
    res.set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${result.study}-${result.wave}-estimates.csv"`,
      'X-Content-Type-Options': 'nosniff',
    });
    res.send(csvFromRecords(result.estimates as unknown as Record<string, unknown>[], PLAN_ESTIMATE_COLUMNS));
  });
  router.get('/waves/:waveId/plan', (req, res) => {
    const { definition, planHash } = plans.wavePlan(waveIdParam(req.params.waveId));
    const plan = definition.analysisPlan;
    res.json({
      planHash,
      plan,
      terms: Object.fromEntries(plan.hypotheses.map((h) => [h.id, expectedTerms(definition, h)])),
    });
  });
  router.get('/waves/:waveId/replication', async (req, res) => {
    await sendFile(res, await jobs.stream({ kind: 'replication', waveId: waveIdParam(req.params.waveId) }));
  });
  return router;
}

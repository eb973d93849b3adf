import { Router } from 'express';
import { z } from 'zod';
import { conjointTermLabels } from '../domain/plan/conjoint-report.ts';
import { expectedConjointTerms } from '../domain/plan/conjoint-terms.ts';
import { planEstimatesCsv } from '../domain/plan/estimates-csv.ts';
import { hypothesisReports } from '../domain/plan/hypothesis-report.ts';
import { planAlpha } from '../domain/plan/plan-schema.ts';
import { expectedTerms } from '../domain/plan/plan-terms.ts';
import { rakingNote } from '../domain/plan/raking-note.ts';
import { planTermLabels } from '../domain/plan/term-labels.ts';
import type { StudyDefinition } from '../domain/study-definition.ts';
import type { WaveEstimates } from '../services/estimates-service.ts';
import type { WavePlans } from '../services/wave-plan.ts';
import type { ResearcherPool } from '../workers/researcher-pool.ts';
import { sendFile } from './send-file.ts';
import { parseQuery, waveIdParam } from './request-input.ts';

const estimatesQuery = z.strictObject({ format: z.enum(['json', 'csv']).default('json') });
/** The plan and the replication package take no query parameters: one they do not know is refused, not ignored (`?format=tar` still gave a zip). */
const noQuery = z.strictObject({});

/**
 * The estimates as the dashboard reads them: the service's result (raw terms, as `vlab estimates --format json`)
 * plus the hypothesis cards (pre-registered terms with labels and verdicts, controls, explained problems) and
 * each precision row's label. Cheap (a few rows per hypothesis), so it runs here, after the worker's fit.
 */
function dashboardEstimates(definition: StudyDefinition, result: WaveEstimates) {
  const termsOf = (h: { id: string }) => new Set(result.precision.filter((p) => p.hypothesis === h.id).map((p) => p.term));
  // A conjoint's precision rows read in the study's words too (its cards' labels).
  const labels = { ...planTermLabels(definition, termsOf), ...conjointTermLabels(definition, termsOf) };
  return {
    ...result,
    alpha: planAlpha(definition.analysisPlan),
    // The language of the hypotheses' descriptions (plan-schema.ts), null when the plan names none: English.
    planLanguage: definition.analysisPlan.language ?? null,
    raking: rakingNote(definition, result.weighted),
    precision: result.precision.map((p) => ({ ...p, label: labels[p.hypothesis]?.[p.term] ?? p.term })),
    hypotheses: hypothesisReports(definition, result),
  };
}

/** The estimates CSV's headers: an attachment named by the study and the wave. */
function csvHeaders(study: string, wave: string): Record<string, string> {
  return {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${study}-${wave}-estimates.csv"`,
    'X-Content-Type-Options': 'nosniff',
  };
}

/**
 * `GET /waves/:id/estimates[?format=csv]`: the wave's estimates under its locked plan (JSON with the plan hash,
 * counts, problems, precision and hypothesis cards, or the tidy CSV as an attachment), computed by a researcher
 * worker. `GET /waves/:id/plan`: the locked plan with each hypothesis' expected terms and their labels (conjoint
 * ones too), for the
 * dashboard. `GET /waves/:id/replication`: the replication package as a zip, made by a worker. Mounted behind the
 * researcher token check.
 */
export function researcherEstimates({ jobs, plans }: { jobs: ResearcherPool; plans: WavePlans }): Router {
  const router = Router();
  router.get('/waves/:waveId/estimates', async (req, res) => {
    const { format } = parseQuery(estimatesQuery, req.query);
    const waveId = waveIdParam(req.params.waveId);
    // HEAD: the GET's headers, from the wave's study alone (a 404 for an unknown wave, as GET's); fitting the whole
    // plan in a worker for a response without a body held a job's place for nobody (walk-through 30).
    if (req.method === 'HEAD') {
      const { definition } = await plans.wavePlan(waveId);
      if (format === 'json') res.type('json');
      else res.set(csvHeaders(definition.id, waveId));
      res.end();
      return;
    }
    const result = await jobs.run<WaveEstimates>({ kind: 'estimates', waveId });
    if (format === 'json') {
      res.json(dashboardEstimates((await plans.wavePlan(waveId)).definition, result));
      return;
    }
    res.set(csvHeaders(result.study, result.wave));
    res.send(planEstimatesCsv(result));
  });
  router.get('/waves/:waveId/plan', async (req, res) => {
    parseQuery(noQuery, req.query);
    const { definition, planHash } = await plans.wavePlan(waveIdParam(req.params.waveId));
    const plan = definition.analysisPlan;
    const conjoint = plan.conjoint ?? [];
    res.json({
      planHash,
      plan,
      terms: {
        ...Object.fromEntries(plan.hypotheses.map((h) => [h.id, expectedTerms(definition, h)])),
        ...Object.fromEntries(conjoint.map((h) => [h.id, expectedConjointTerms(definition, h)])),
      },
      labels: {
        ...planTermLabels(definition, (h) => expectedTerms(definition, h)),
        ...conjointTermLabels(definition, (h) => expectedConjointTerms(definition, h)),
      },
    });
  });
  router.get('/waves/:waveId/replication', async (req, res) => {
    parseQuery(noQuery, req.query);
    await sendFile(res, await jobs.stream({ kind: 'replication', waveId: waveIdParam(req.params.waveId) }), jobs);
  });
  return router;
}

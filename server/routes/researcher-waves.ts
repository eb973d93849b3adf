import { Router } from 'express';
import { z } from 'zod';
import { WAVE_ACTIONS, type WaveStatusReport } from '../domain/wave-lifecycle.ts';
import { waveTarget } from '../domain/wave.ts';
import type { TokenSummary } from '../services/token-service.ts';
import type { WaveService } from '../services/wave-service.ts';
import type { ResearcherPool } from '../workers/researcher-pool.ts';
import { namedValues, parseBody, waveIdParam } from './request-input.ts';

const createBody = z.strictObject({
  study: z.string().min(1).max(100),
  target: waveTarget,
  seed: z.string().min(1).max(200).optional(),
  completeUrl: z.string().nullable().optional(),
  screenoutUrl: z.string().nullable().optional(),
  overquotaUrl: z.string().nullable().optional(),
  locale: z.string().max(35).optional(),
});

/**
 * `/waves`: list, create, status, settings changed mid-wave (PATCH), and the open / pause / close lifecycle.
 * Listing and status read every participant of a wave, so a researcher worker computes them; the rare writes run
 * here, in their transaction.
 */
export function researcherWaves(waves: WaveService, jobs: ResearcherPool): Router {
  const router = Router();

  router.get('/waves', async (_req, res) => {
    res.json({ waves: await jobs.run<WaveStatusReport[]>({ kind: 'waveList' }) });
  });

  router.post('/waves', async (req, res) => {
    const body = parseBody(createBody, req.body);
    const created = await waves.create({
      studyKey: body.study,
      target: body.target,
      seed: body.seed,
      completeUrl: body.completeUrl,
      screenoutUrl: body.screenoutUrl,
      overquotaUrl: body.overquotaUrl,
      locale: body.locale,
    });
    res.status(201).location(`/api/researcher/waves/${created.id}`).json(created);
  });

  router.get('/waves/:waveId', async (req, res) => {
    res.json(await jobs.run<WaveStatusReport>({ kind: 'waveStatus', waveId: waveIdParam(req.params.waveId) }));
  });

  // The body's fields are checked by the service (domain/wave-update.ts), which names a fixed one (seed) as such.
  router.patch('/waves/:waveId', async (req, res) => {
    const body = parseBody(namedValues, req.body);
    const token = res.locals.researcherToken as TokenSummary;
    res.json(await waves.update(waveIdParam(req.params.waveId), body, `token:${token.name}`));
  });

  // One route per action: a `/waves/:waveId/:action` route made every path under a wave a known one, so OPTIONS
  // and 405 answers (allowed-methods.ts) offered a POST there that then 404s (attacker pass 40).
  for (const action of WAVE_ACTIONS) {
    router.post(`/waves/:waveId/${action}`, async (req, res) => {
      const token = res.locals.researcherToken as TokenSummary;
      res.json(await waves.transition(waveIdParam(req.params.waveId), action, `token:${token.name}`));
    });
  }

  return router;
}

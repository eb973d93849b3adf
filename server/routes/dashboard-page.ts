import { Router } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PublicBundle } from './public-assets.ts';
import { renderShell } from './respondent-page.ts';

/**
 * `/dashboard`: the researcher dashboard, a static shell loading the hashed bundle (no inline script, so the
 * CSP holds). It carries no data: the bundle asks the researcher API with the token the researcher enters.
 */
export function dashboardPage(publicDir: string, bundle: PublicBundle): Router {
  const page = renderShell(readFileSync(join(publicDir, 'dashboard.html'), 'utf8'), bundle);
  const router = Router();
  router.get('/dashboard', (_req, res) => {
    res.set({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
    res.send(page);
  });
  return router;
}

import { Router } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PublicBundle } from './public-assets.ts';

/**
 * `/s/<wave id>`: the respondent page, a static shell that loads the hashed bundle. The bundle reads the wave
 * id from the path and the panel parameters from the query and talks to the API; nothing is inlined, so the
 * page runs under a CSP without 'unsafe-inline'.
 */
export function respondentPage(publicDir: string, bundle: PublicBundle): Router {
  const page = (file: string) => renderShell(readFileSync(join(publicDir, file), 'utf8'), bundle);
  const respondent = page('respondent.html');
  const home = page('home.html');
  const router = Router();
  router.get('/s/:waveId', (_req, res) => {
    res.set({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
    res.send(respondent);
  });
  // A landing page that says the server runs, without listing waves: their links are for their panels only.
  router.get('/', (_req, res) => {
    res.set({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
    res.send(home);
  });
  return router;
}

/** Replaces `{{asset:name}}` in a page with the hashed bundle file's URL. */
export function renderShell(template: string, bundle: PublicBundle): string {
  return template.replace(/\{\{asset:([a-z0-9.-]+)\}\}/g, (_, name: string) => {
    const file = bundle.manifest[name];
    if (!file) throw new Error(`a page in public/ references ${name}, which the build did not produce`);
    return `/assets/${file}`;
  });
}

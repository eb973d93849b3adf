import type { Request, RequestHandler } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closestName } from '../../analysis/helpers/did-you-mean.ts';
import type { PublicBundle } from './public-assets.ts';
import { prefersHtml, renderShell } from './respondent-page.ts';

/** The first segments of the researchers' own pages, and of what a researcher may type for them. */
const RESEARCHER_SEGMENTS = ['dashboard', 'researcher'];

/**
 * A path a researcher typed on the way to the dashboard: its first segment is, or begins with, `dashboard` or
 * `researcher` (`/dashboard/waves`, `/researchers`), or is a slip of one (`/dashbord`, `/Dashbaord`, `/reseacher`;
 * the edit distance closestName allows). A respondent's link is `/s/<id>`, and a wave id glued to the root is
 * random letters, never this near to either word.
 */
export function isResearcherPath(path: string): boolean {
  const first = (path.split('/')[1] ?? '').toLowerCase();
  if (first.length < 5) return false;
  return RESEARCHER_SEGMENTS.some((word) => first.startsWith(word)) || closestName(first, RESEARCHER_SEGMENTS) !== undefined;
}

/**
 * Before browserNotFound: a browser's GET or HEAD of a mistyped researcher path gets a 404 page that leads to the
 * dashboard and the home page, in English as the dashboard is. It was the respondents' "this link is not valid",
 * which sent a researcher who typed `/dashbord` nowhere (walk-through 22). The page names nothing of the server's
 * waves or studies — only what the home page already links to — and respondents' paths keep their own page.
 */
export function researcherNotFound(publicDir: string, bundle: PublicBundle): RequestHandler {
  const page = renderShell(readFileSync(join(publicDir, 'researcher-not-found.html'), 'utf8'), bundle);
  return (req: Request, res, next) => {
    const wanted = (req.method === 'GET' || req.method === 'HEAD') && isResearcherPath(req.path) && prefersHtml(req);
    if (!wanted) return next();
    res.status(404).set({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' }).send(page);
  };
}

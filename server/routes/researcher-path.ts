import { closestName } from '../../analysis/helpers/did-you-mean.ts';

/** The first segments of the researchers' own pages, and of what a researcher may type for them. */
const RESEARCHER_SEGMENTS = ['dashboard', 'researcher'];

/**
 * A path a researcher typed on the way to the dashboard: its first segment is, or begins with, `dashboard` or
 * `researcher` (`/dashboard/waves`, `/researchers`), or is a slip of one (`/dashbord`, `/Dashbaord`, `/reseacher`;
 * the edit distance closestName allows). A respondent's link is `/s/<id>`, and a wave id glued to the root is
 * random letters, never this near to either word. browserNotFound answers such a path with the researchers' 404 page.
 */
export function isResearcherPath(path: string): boolean {
  const first = (path.split('/')[1] ?? '').toLowerCase();
  if (first.length < 5) return false;
  return RESEARCHER_SEGMENTS.some((word) => first.startsWith(word)) || closestName(first, RESEARCHER_SEGMENTS) !== undefined;
}

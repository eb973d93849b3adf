import { linkQuery } from './domain/link-query.ts';

/**
 * Whether a request's path is the API's, which answers JSON whoever asks (its 404 included): the app's page routes
 * (routes/respondent-page.ts) and the connection cap's busy answer (busy-page.ts, before Express sees the request).
 */
export const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');

/**
 * The path and query of a request target: a request line in absolute form (`POST http://host/s/<id>?… HTTP/1.1`, as
 * a proxy writes it, which RFC 9112 §3.2.2 says a server must take) is routed by Express by its path, but was read
 * whole where the target was read as a path: a browser's POST was sent on to `/http://host/s/<id>?…`, a 404, and the
 * connection cap answered an API call with a page (attacker pass 40).
 */
export function originTarget(target: string): string {
  if (target.startsWith('/')) return target;
  try {
    const url = new URL(target);
    return `${url.pathname}${url.search}`;
  } catch {
    return target;
  }
}

/**
 * The link's `lang` as the page reads it (URLSearchParams' get: the first value), so that the shell is in the
 * survey's language: Express's query parser makes a list of `?lang=es&lang=en`, which the shell took for no language,
 * while the page started the survey in `es` (attacker pass 40). Parameters joined by a second `?` or `&amp;` are
 * separated as the page separates them (link-query.ts). Also the connection cap's busy page (busy-page.ts).
 */
export function linkLang(url: string): string | undefined {
  const query = url.indexOf('?');
  return query < 0 ? undefined : (new URLSearchParams(linkQuery(url.slice(query))).get('lang') ?? undefined);
}

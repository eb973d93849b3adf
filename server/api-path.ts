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

import type { IncomingHttpHeaders } from 'node:http';

/**
 * The respondent's session cookie, read and written by hand on the start (the only route that uses it): the
 * cookie-parser middleware parsed every cookie of the request and res.cookie() built an options object and a
 * Date per start, together about 5 % of the start's CPU profile. tests/server/session-cookie.test.ts holds both
 * to what cookie-parser and res.cookie() give.
 */

const SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;

/**
 * The cookie's name. Over TLS it is `__Host-vlab_<wave>`: browsers accept a `__Host-` cookie only from this very
 * host (Secure, Path=/, no Domain), so a page on a sibling subdomain cannot toss in a `vlab_<wave>` cookie of a
 * participant it holds the code of and have a respondent answer into that participant. It is the only session
 * cookie read over TLS. Plain HTTP (a local run) cannot set `__Host-` cookies and keeps the plain name.
 */
export const sessionCookieName = (waveId: string, secure: boolean) => `${secure ? '__Host-' : ''}vlab_${waveId}`;

/** The value of the cookie `name` in the request's Cookie header, percent-decoded as cookie-parser does; the first one wins. */
export function readCookie(headers: IncomingHttpHeaders, name: string): string | undefined {
  const header = headers.cookie;
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      return value.includes('%') ? decodeURIComponent(value) : value;
    } catch {
      return value;
    }
  }
  return undefined;
}

/**
 * The Set-Cookie value res.cookie() would send for the session (HttpOnly, SameSite=Lax, 30 days, the whole site;
 * Secure and `__Host-` when the request came over TLS), attributes in the same order.
 */
export function sessionCookie(waveId: string, code: string, secure: boolean, now = Date.now()): string {
  const expires = new Date(now + SESSION_MAX_AGE_SECONDS * 1000).toUTCString();
  return `${sessionCookieName(waveId, secure)}=${encodeURIComponent(code)}; Max-Age=${SESSION_MAX_AGE_SECONDS}; Path=/; Expires=${expires}; HttpOnly${secure ? '; Secure' : ''}; SameSite=Lax`;
}

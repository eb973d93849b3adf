import { createHash } from 'node:crypto';
import { DEFAULT_LOCALE, messagesFor, RESPONDENT_LOCALES } from '../public/src/i18n/messages.ts';
import { isApiPath } from './api-path.ts';
import { chooseLocale } from './domain/localized-text.ts';
import { escapeHtml } from './domain/vignette.ts';

/**
 * The connection cap's answers (connection-cap.ts), written raw on a socket Express never sees. A browser's
 * navigation (a respondent opening their link) gets a small page in their language that reloads itself between
 * Retry-After and twice it; everything else (the page's own fetches, scripts, other methods) the JSON `busy` error. The page is
 * whole in itself: its stylesheet, like any other request, would meet the full cap too.
 */

/** What the cap read of a request: its method, target and header values by lower-case name. */
export interface RequestHead {
  method: string;
  target: string;
  headers: ReadonlyMap<string, string>;
}

const REQUEST_LINE = /^([A-Z]{1,16}) (\S+) HTTP\/1\.[01]$/;
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/;

/**
 * The request line and header lines of `text` (the first bytes read, latin1), or null when it does not start with an
 * HTTP/1.x request line (HTTP/0.9, binary, nothing). Only whole lines are read; a line ends with CRLF or LF alone.
 */
export function parseRequestHead(text: string): RequestHead | null {
  const end = /\r?\n\r?\n/.exec(text);
  const whole = end ? text.slice(0, end.index) : text.slice(0, Math.max(0, text.lastIndexOf('\n')));
  const [first = '', ...lines] = whole.split(/\r?\n/);
  const requestLine = REQUEST_LINE.exec(first);
  if (!requestLine) return null;
  const headers = new Map<string, string>();
  for (const line of lines) {
    const header = HEADER_LINE.exec(line);
    if (!header) continue;
    const name = header[1]!.toLowerCase();
    headers.set(name, headers.has(name) ? `${headers.get(name)}, ${header[2]}` : header[2]!);
  }
  return { method: requestLine[1]!, target: requestLine[2]!, headers };
}

/** The entries of a list header (`Accept`, `Accept-Language`) with their q, best first, list order among equals. */
function ranked(header: string | undefined): { value: string; q: number }[] {
  return (header ?? '')
    .split(',')
    .slice(0, 32)
    .map((part, index) => {
      const [value = '', ...params] = part.split(';').map((p) => p.trim());
      const q = params.map((p) => /^q=([01](?:\.\d{0,3})?)$/i.exec(p)).find(Boolean);
      return { value: value.toLowerCase(), q: q ? Number(q[1]) : 1, index };
    })
    .filter((entry) => entry.value !== '' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
}

/** A browser's navigation: HTML before JSON in its Accept header, as the app's prefersHtml (`req.accepts`) decides. */
function prefersHtml(accept: string | undefined): boolean {
  const best = ranked(accept).find((e) => e.value === 'text/html' || e.value === 'application/json');
  return best?.value === 'text/html';
}

/** The API answers in JSON whoever asks, as the app's own 404 does: the target's path without its query or fragment. */
const isApiTarget = (target: string) => isApiPath(target.replace(/[?#][\s\S]*$/, ''));

/**
 * The page's language: the link's `?lang=` when the page has it (as on the survey page), else the browser's
 * Accept-Language, else English. Only a language of the page's own catalogs is ever written: nothing of the request
 * reaches the page. (The study's own default needs the database, which the cap never touches.)
 */
function busyLocale(head: RequestHead): string {
  const query = head.target.includes('?') ? head.target.slice(head.target.indexOf('?') + 1) : '';
  const lang = new URLSearchParams(query).get('lang') ?? '';
  const fromLink = chooseLocale(lang, RESPONDENT_LOCALES, '');
  const fromBrowser = ranked(head.headers.get('accept-language')).map((e) => chooseLocale(e.value, RESPONDENT_LOCALES, '')).find(Boolean);
  return fromLink || fromBrowser || DEFAULT_LOCALE;
}

const STYLE = 'body{font:1.125rem/1.5 system-ui,sans-serif;margin:0;padding:1.5rem 1rem}main{max-width:36rem;margin:0 auto}h1{font-size:1.5rem;line-height:1.25}';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Adds a source to one directive of a CSP (`script-src 'self'` → `script-src 'self' 'sha256-…'`). */
const allowIn = (csp: string, directive: string, source: string) =>
  csp.replace(new RegExp(`(^|;)\\s*(${directive} [^;]*)`), (_, before: string, rule: string) => `${before}${rule} ${source}`);

function busyPage(locale: string, retryAfterSeconds: number): string {
  const messages = messagesFor(locale);
  const title = escapeHtml(messages.busyTitle);
  return `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${title}</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
<script>${reloadScript(retryAfterSeconds)}</script>
</head>
<body>
<main>
<h1>${title}</h1>
<p role="status">${escapeHtml(messages.busyReloadText(retryAfterSeconds, 2 * retryAfterSeconds))}</p>
</main>
</body>
</html>
`;
}

/**
 * Reloads after Retry-After to twice it (5–10 s), drawn in the page: with a fixed delay every browser refused in one
 * burst came back in the same instant, a wave that met the full cap again. Fixed text, so its CSP hash is constant.
 * A script, not <meta http-equiv="refresh">: axe-core (WCAG 2.2.1) fails any timed meta refresh.
 */
const reloadScript = (seconds: number) => `setTimeout(function(){location.reload()},${seconds * 1000}*(1+Math.random()))`;

/**
 * Builds, once, every answer the cap can give: the JSON error and the page in each language (GET and HEAD), each
 * with `securityHeaders` (helmet's, so the page's CSP is the app's with its one script and style admitted by hash).
 * Returns the answer for a request head (null: none read, or not HTTP/1.x).
 */
export function busyAnswers(retryAfterSeconds: number, securityHeaders: readonly (readonly [string, string])[]): (head: RequestHead | null) => string {
  const raw = (type: string, body: string, extra: readonly (readonly [string, string])[], withBody = true) =>
    `HTTP/1.1 503 Service Unavailable\r\nContent-Type: ${type}; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
    `Retry-After: ${retryAfterSeconds}\r\nConnection: close\r\nCache-Control: no-store\r\n${extra.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n${withBody ? body : ''}`;
  const error = JSON.stringify({ error: { code: 'busy', message: 'the server has too many open connections; try again in a few seconds' } });
  const json = { GET: raw('application/json', error, securityHeaders), HEAD: raw('application/json', error, securityHeaders, false) };
  const pageHeaders = securityHeaders.map(([name, value]) =>
    [name, name.toLowerCase() === 'content-security-policy' ? allowIn(allowIn(value, 'script-src', sha256(reloadScript(retryAfterSeconds))), 'style-src', sha256(STYLE)) : value] as const,
  );
  const pages = new Map(RESPONDENT_LOCALES.map((locale) => {
    const page = busyPage(locale, retryAfterSeconds);
    return [locale, { GET: raw('text/html', page, pageHeaders), HEAD: raw('text/html', page, pageHeaders, false) }] as const;
  }));
  return (head) => {
    if (!head || (head.method !== 'GET' && head.method !== 'HEAD')) return json.GET;
    if (isApiTarget(head.target) || !prefersHtml(head.headers.get('accept'))) return json[head.method];
    return pages.get(busyLocale(head))![head.method];
  };
}

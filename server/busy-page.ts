import { createHash } from 'node:crypto';
import Negotiator from 'negotiator';
import { DEFAULT_LOCALE, messagesFor, RESPONDENT_LOCALES } from '../public/src/i18n/messages.ts';
import { textDirection } from '../public/src/i18n/text-direction.ts';
import { isApiPath, linkLang, originTarget } from './api-path.ts';
import { chooseLocale } from './domain/localized-text.ts';
import { escapeHtml } from './domain/vignette.ts';
import { createWaveLanguages, type WaveLanguages } from './wave-languages.ts';

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
  // In origin form (`/s/<id>?…`) also when the request line gave the absolute form, as the app routes it.
  return { method: requestLine[1]!, target: originTarget(requestLine[2]!), headers };
}

/** A browser's navigation: HTML before JSON in its Accept header, as the app's prefersHtml (`req.accepts(['json', 'html'])`) decides. */
export const prefersHtml = (accept: string | undefined) => new Negotiator({ headers: { accept } }).mediaType(['application/json', 'text/html']) === 'text/html';

/** The target's path without its query or fragment. */
const pathOf = (target: string) => target.replace(/[?#][\s\S]*$/, '');

/** The API answers in JSON whoever asks, as the app's own 404 does. */
export const isApiTarget = (target: string) => isApiPath(pathOf(target));

const SURVEY_PAGE = /^\/s\/([^/]+)$/;

/**
 * The page's language, as the survey page would choose it where the cap knows the wave (wave-languages.ts, no
 * database read): the link's `?lang=` if the study has it, else the wave's default. Otherwise the link's `?lang=`,
 * else the browser's Accept-Language (negotiator, as Express ranks it), else English. Only a language of the page's
 * own catalogs is ever written: nothing of the request reaches the page.
 */
export function busyLocale(head: RequestHead, waveLanguages: WaveLanguages): string {
  const lang = linkLang(head.target) ?? '';
  const waveId = SURVEY_PAGE.exec(pathOf(head.target))?.[1];
  const wave = waveId === undefined ? undefined : waveLanguages.of(waveId);
  const ofWave = wave && chooseLocale(lang, wave.locales, wave.defaultLocale);
  if (ofWave && RESPONDENT_LOCALES.includes(ofWave)) return ofWave;
  const fromLink = chooseLocale(lang, RESPONDENT_LOCALES, '');
  const acceptLanguage = head.headers.get('accept-language');
  const fromBrowser = acceptLanguage === undefined ? undefined : new Negotiator({ headers: { 'accept-language': acceptLanguage } }).language([...RESPONDENT_LOCALES]);
  return fromLink || fromBrowser || DEFAULT_LOCALE;
}

/** Which words the page says: a survey's under /s/, the server's elsewhere (`/dashboard`, `/`). */
export const pageKind = (target: string): 'survey' | 'server' => (pathOf(target).startsWith('/s/') ? 'survey' : 'server');

const STYLE = 'body{font:1.125rem/1.5 system-ui,sans-serif;margin:0;padding:1.5rem 1rem}main{max-width:36rem;margin:0 auto}h1{font-size:1.5rem;line-height:1.25}';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Adds a source to one directive of a CSP (`script-src 'self'` → `script-src 'self' 'sha256-…'`). */
const allowIn = (csp: string, directive: string, source: string) =>
  csp.replace(new RegExp(`(^|;)\\s*(${directive} [^;]*)`), (_, before: string, rule: string) => `${before}${rule} ${source}`);

function busyPage(locale: string, kind: 'survey' | 'server', retryAfterSeconds: number): string {
  const messages = messagesFor(locale);
  return messagePage(locale, kind === 'survey' ? messages.busyTitle : messages.busyServerTitle, `<p role="status">${escapeHtml(messages.busyReloadText(retryAfterSeconds, 2 * retryAfterSeconds))}</p>`, reloadScript(retryAfterSeconds));
}

/**
 * A page whole in itself (its style inline, admitted by hash: pageHeaders), in `locale`'s language and direction:
 * `title` as its title and heading, then `body` (HTML), and a `script` if given. Also the 431 page (oversized-head-page.ts).
 */
export function messagePage(locale: string, titleText: string, body: string, script?: string): string {
  const title = escapeHtml(titleText);
  return `<!doctype html>
<html lang="${escapeHtml(locale)}" dir="${textDirection(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${title}</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
${script === undefined ? '' : `<script>${script}</script>\n`}</head>
<body>
<main>
<h1>${title}</h1>
${body}
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

/** The security headers with the CSP admitting messagePage's style and its script, if any, by hash. */
export function messagePageHeaders(securityHeaders: readonly (readonly [string, string])[], script?: string): (readonly [string, string])[] {
  const admit = (csp: string) => allowIn(script === undefined ? csp : allowIn(csp, 'script-src', sha256(script)), 'style-src', sha256(STYLE));
  return securityHeaders.map(([name, value]) => [name, name.toLowerCase() === 'content-security-policy' ? admit(value) : value] as const);
}

/**
 * Builds, once, every answer the cap can give: the JSON error and the page in each language (GET and HEAD), each
 * with `securityHeaders` (helmet's, so the page's CSP is the app's with its one script and style admitted by hash).
 * Returns the answer for a request head (null: none read, or not HTTP/1.x).
 */
export function busyAnswers(
  retryAfterSeconds: number,
  securityHeaders: readonly (readonly [string, string])[],
  waveLanguages: WaveLanguages = createWaveLanguages(),
): (head: RequestHead | null) => string {
  const raw = (type: string, body: string, extra: readonly (readonly [string, string])[], withBody = true) =>
    `HTTP/1.1 503 Service Unavailable\r\nContent-Type: ${type}; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
    `Retry-After: ${retryAfterSeconds}\r\nConnection: close\r\nCache-Control: no-store\r\n${extra.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n${withBody ? body : ''}`;
  const error = JSON.stringify({ error: { code: 'busy', message: 'the server has too many open connections; try again in a few seconds' } });
  const json = { GET: raw('application/json', error, securityHeaders), HEAD: raw('application/json', error, securityHeaders, false) };
  const pageHeaders = messagePageHeaders(securityHeaders, reloadScript(retryAfterSeconds));
  const pages = new Map(RESPONDENT_LOCALES.flatMap((locale) => (['survey', 'server'] as const).map((kind) => {
    const page = busyPage(locale, kind, retryAfterSeconds);
    return [`${kind}:${locale}`, { GET: raw('text/html', page, pageHeaders), HEAD: raw('text/html', page, pageHeaders, false) }] as const;
  })));
  return (head) => {
    if (!head || (head.method !== 'GET' && head.method !== 'HEAD')) return json.GET;
    if (isApiTarget(head.target) || !prefersHtml(head.headers.get('accept'))) return json[head.method];
    return pages.get(`${pageKind(head.target)}:${busyLocale(head, waveLanguages)}`)![head.method];
  };
}

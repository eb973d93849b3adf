import { Router, type ErrorRequestHandler, type Express, type Request, type RequestHandler, type Response } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messagesFor, RESPONDENT_LOCALES, type RespondentMessages } from '../../public/src/i18n/messages.ts';
import { textDirection } from '../../public/src/i18n/text-direction.ts';
import { chooseLocale, DEFAULT_LOCALE } from '../domain/localized-text.ts';
import { queryInPath, ungluedWaveId } from '../domain/glued-link.ts';
import { codePointName } from '../../analysis/helpers/invisible-characters.ts';
import { WAVE_ID } from '../domain/wave.ts';
import { escapeHtml } from '../domain/vignette.ts';
import { isApiPath, linkLang, originTarget } from '../api-path.ts';
import { allowedMethods } from './allowed-methods.ts';
import type { PublicBundle } from './public-assets.ts';
import type { WaveLanguages } from '../wave-languages.ts';
import type { Logger } from '../logger.ts';
import { lineThrottle } from './errors.ts';
import { isResearcherPath } from './researcher-path.ts';

/** What the page shell needs to know of a wave: its study's locales and title, and the wave's default locale. */
export interface WavePageInfo {
  locales: readonly string[];
  defaultLocale: string;
  title: (locale: string) => string;
}

/**
 * `/s/<wave id>`: the respondent page, a static shell that loads the hashed bundle. The bundle reads the wave
 * id from the path and the panel parameters from the query and talks to the API; nothing is inlined, so the
 * page runs under a CSP without 'unsafe-inline'. The shell is written in the respondent's language (the link's
 * `?lang=` if the study has it, else the wave's), so the loading text, the tab title and `<html lang>` are right
 * before any script runs. `/s/`, a wave that does not exist and a mangled link (`/s/<id>/x`; `/s/%ff` by mangledLinkPage) get a
 * polite page with a 404.
 */
export function respondentPage(
  publicDir: string,
  bundle: PublicBundle,
  waveInfo: (waveId: string) => Promise<WavePageInfo | undefined>,
  waveLanguages: WaveLanguages,
  logger?: Logger,
): Router {
  const page = (file: string) => renderShell(readFileSync(join(publicDir, file), 'utf8'), bundle);
  const respondent = page('respondent.html');
  const home = page('home.html');
  const notFoundPage = notFoundResponder(publicDir, bundle);
  const router = Router();
  const gluedLineDue = lineThrottle();
  router.get('/s/:waveId', async (req, res) => {
    const { waveId } = req.params;
    const lang = linkLang(req.originalUrl);
    const info = WAVE_ID.test(waveId) ? await waveInfo(waveId) : undefined;
    if (!info) {
      // A link with a space, an invisible character or the sentence's full stop glued to it, or with its query in
      // its path, goes to its wave with its query (the panel's IDs) as it came; anything else is the polite 404.
      const glued = gluedLink(req, waveId);
      if (glued && WAVE_ID.test(glued.id) && (await waveInfo(glued.id))) {
        // Every respondent of that link meets it: the researcher is told once a minute per wave, to mend it where it
        // was pasted (the panel's settings). What was glued is named by code point; the query (panel IDs) never.
        const due = gluedLineDue(glued.id);
        if (due && logger) logger.warn({ waveId: glued.id, glued: glued.glued, repeated: due.count }, (glued.inPath ? queryInPathMessage : gluedLinkMessage)(glued.id));
        return res.redirect(302, `/s/${glued.id}${glued.query ? `?${glued.query}` : ''}`);
      }
      return notFoundPage(req, res);
    }
    // For the connection cap's busy page, which must not read the database (busy-page.ts).
    waveLanguages.remember(waveId, { locales: info.locales, defaultLocale: info.defaultLocale });
    const locale = chooseLocale(lang, info.locales, info.defaultLocale);
    html(res, 200, fillPage(respondent, locale, { title: info.title(locale) }));
  });
  // A slash doubled in the link (`//s/<id>`: a base URL ending in `/` joined to `/s/<id>`; `/s//<id>`) goes to its
  // wave with its query, said to the researcher as a glued link is (attacker pass 43). Location is always `/s/<id>`.
  router.get(DOUBLED_SLASH, async (req, res) => {
    const waveId = DOUBLED_SLASH.exec(req.path)![1]!;
    if (!WAVE_ID.test(waveId) || !(await waveInfo(waveId))) return notFoundPage(req, res);
    const due = gluedLineDue(waveId);
    if (due && logger) logger.warn({ waveId, glued: '//', repeated: due.count }, doubledSlashMessage(waveId));
    const at = req.originalUrl.indexOf('?');
    res.redirect(302, `/s/${waveId}${at < 0 ? '' : req.originalUrl.slice(at)}`);
  });
  // `/s/`, and a path under it with more than a wave id (`/s/<id>/x`, a link with something glued on), name no wave.
  router.get(['/s', '/s/*rest'], (req, res) => notFoundPage(req, res));
  // A landing page that says the server runs, without listing waves: their links are for their panels only.
  router.get('/', (_req, res) => html(res, 200, home));
  return router;
}

function html(res: Response, status: number, body: string): void {
  res.status(status).set({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' }).send(body);
}

/** The polite "link not valid" page with a 404, in the language the link asks for (`?lang=`) if the page has it. */
function notFoundResponder(publicDir: string, bundle: PublicBundle): (req: Request, res: Response) => void {
  const notFound = renderShell(readFileSync(join(publicDir, 'not-found.html'), 'utf8'), bundle);
  return (req, res) => {
    const lang = linkLang(req.originalUrl);
    html(res, 404, fillPage(notFound, chooseLocale(lang, RESPONDENT_LOCALES, DEFAULT_LOCALE)));
  };
}

/**
 * After every page and API: a page a browser asks for (GET or HEAD, preferring HTML to JSON) at a path that
 * serves nothing, such as a mistyped or mangled link (`/<id>`, `/s%2F<id>`), gets the polite page instead of the
 * JSON 404, which showed a respondent raw JSON in a page without a language or title. Clients that prefer JSON or
 * name no preference (scripts, curl) still get the JSON error from the handler after this one.
 */
export function browserNotFound(publicDir: string, bundle: PublicBundle): RequestHandler {
  const notFoundPage = notFoundResponder(publicDir, bundle);
  // A mistyped researcher path (`/dashbord`, `/researcher/…`) gets a page leading to the dashboard and the home page,
  // in English as the dashboard is: the respondents' "this link is not valid" sent a researcher nowhere
  // (walk-through 22). It names nothing of the server's waves or studies, only what the home page links to.
  const researcherPage = renderShell(readFileSync(join(publicDir, 'researcher-not-found.html'), 'utf8'), bundle);
  return (req, res, next) => {
    const page = (req.method === 'GET' || req.method === 'HEAD') && prefersHtml(req);
    if (!page) next();
    else if (isResearcherPath(req.path)) html(res, 404, researcherPage);
    else notFoundPage(req, res);
  };
}

/**
 * After every page and API: a browser's POST (a form's navigation: a panel's "continue" button) to a page that
 * answers GET — a respondent's link — is sent on to it with a 303, which the browser follows with a GET to the same
 * URL (its query, the panel's parameters, kept). It was the JSON 405, shown as a page without a language or a
 * title. Scripts (JSON or no preference), other methods and the API keep the 405.
 */
export function browserPostToPage(app: Express): RequestHandler {
  return (req, res, next) => {
    const navigation = req.method === 'POST' && !isApiPath(req.path) && prefersHtml(req);
    if (!navigation || !allowedMethods(app, req.path).includes('GET')) return next();
    // One leading slash: `//host/…` in a Location would be another site's address.
    res.status(303).location(`/${originTarget(req.originalUrl).replace(/^[/\\]+/, '')}`).end();
  };
}


/**
 * After every page and API, before the error handler: a link whose path is not valid percent-encoding (`/s/%ff`,
 * `/assets/%ff`, a link mangled in a copy) fails where a route decodes its parameter. A respondent's link (`/s/…`)
 * and any page a browser asks for get the polite page with a 404, as for a wave that does not exist and as
 * browserNotFound answers; the API, other methods and scripts keep the JSON 400 that says what is wrong.
 * (`/x%ff` reaches no route that decodes it: browserNotFound answers it.)
 */
export function mangledLinkPage(publicDir: string, bundle: PublicBundle): ErrorRequestHandler {
  const notFoundPage = notFoundResponder(publicDir, bundle);
  return (error, req, res, next) => {
    const page = req.method === 'GET' || req.method === 'HEAD';
    const wanted = req.path.startsWith('/s/') || (!isApiPath(req.path) && prefersHtml(req));
    if (error instanceof URIError && page && wanted) notFoundPage(req, res);
    else next(error);
  };
}

/** A browser's Accept header: HTML before JSON. Clients that prefer JSON or name no preference (curl) do not. */
const prefersHtml = (req: Request) => req.accepts(['json', 'html']) === 'html';

/** Replaces `{{asset:name}}` in a page with the hashed bundle file's URL. */
export function renderShell(template: string, bundle: PublicBundle): string {
  return template.replace(/\{\{asset:([a-z0-9.-]+)\}\}/g, (_, name: string) => {
    const file = bundle.manifest[name];
    if (!file) throw new Error(`a page in public/ references ${name}, which the build did not produce`);
    return `/assets/${file}`;
  });
}

/** Fills `{{lang}}`, `{{dir}}`, `{{title}}` and `{{msg:key}}` (the page's own texts in `locale`), HTML-escaped. */
function fillPage(template: string, locale: string, values: { title?: string } = {}): string {
  const messages = messagesFor(locale);
  return template.replace(/\{\{(lang|dir|title|msg:([A-Za-z]+))\}\}/g, (whole, name: string, key: string | undefined) => {
    if (name === 'lang') return escapeHtml(locale);
    if (name === 'dir') return textDirection(locale);
    if (name === 'title') return escapeHtml(values.title ?? messages.documentTitle);
    const text = messages[key as keyof RespondentMessages];
    if (typeof text !== 'string') throw new Error(`a page in public/ references the message ${whole}, which is not a text`);
    return escapeHtml(text);
  });
}

/** What a glued link carries besides the wave id, each character as itself when printable ASCII, else as U+XXXX. */
/**
 * The wave a glued link means, what was glued (for the log line) and its query: the query of the path (a panel's
 * `&PROLIFIC_PID=…` after a link without `?`, an encoded `%3F…`: queryInPath) first, then the link's own. Null when
 * nothing was glued.
 */
function gluedLink(req: Request, waveId: string): { id: string; glued: string; query: string; inPath: boolean } | null {
  const inPath = queryInPath(req.path.slice('/s/'.length).replace(/\/$/, ''));
  const id = inPath?.id ?? waveId;
  const unglued = ungluedWaveId(id) ?? (inPath ? id : null);
  if (!unglued) return null;
  const at = req.originalUrl.indexOf('?');
  const query = [inPath?.query, at < 0 ? '' : req.originalUrl.slice(at + 1)].filter(Boolean).join('&');
  const glued = id === unglued ? '…' : gluedCharacters(id, unglued);
  return { id: unglued, glued: inPath ? `${glued} ${inPath.mark}` : glued, query, inPath: inPath !== null };
}

function gluedCharacters(waveId: string, unglued: string): string {
  const at = waveId.indexOf(unglued);
  const extra = [...waveId.slice(0, at), '…', ...waveId.slice(at + unglued.length)];
  return extra.map((c) => (c === '…' || /^[\x21-\x7e]$/.test(c) ? c : codePointName(c))).join(' ');
}

const queryInPathMessage = (waveId: string) =>
  `a link to wave ${waveId} arrived with its query in its path, after "&" or an encoded "?" (sent on to the wave): a panel appended its parameters with "&" to a link without "?", or the link was percent-encoded whole: mend it where it was pasted (the panel's study settings)`;

/** `/s/<id>` with a slash doubled anywhere in it: `//s/<id>`, `/s//<id>`, `/s/<id>//` (the plain path has its own route). */
const DOUBLED_SLASH = /^\/+s\/+([^/]+)\/*$/;

const doubledSlashMessage = (waveId: string) =>
  `a link to wave ${waveId} arrived with a slash doubled, as "//s/" (sent on to the wave): a base address ending in "/" was joined to "/s/…": mend it where it was pasted (the panel's study settings)`;

const gluedLinkMessage = (waveId: string) =>
  `a link to wave ${waveId} arrived with characters glued to it (sent on to the wave); the link was copied with them: mend it where it was pasted (the panel's study settings)`;

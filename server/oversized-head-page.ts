import { messagesFor, RESPONDENT_LOCALES } from '../public/src/i18n/messages.ts';
import { busyLocale, isApiTarget, messagePage, messagePageHeaders, pageKind, parseRequestHead, prefersHtml } from './busy-page.ts';
import { escapeHtml } from './domain/vignette.ts';
import type { WaveLanguages } from './wave-languages.ts';

/**
 * The answer to a survey link's navigation whose URL and headers Node refused as past its 16 KB (431), before any app
 * code ran: a browser whose cookies for the domain outgrew it (a university's domain, where other apps set many) got
 * raw JSON in English, nothing a respondent can act on (attacker pass 42). It gets a page in the survey's language,
 * chosen as the busy page's (busyLocale: the link's `?lang=`, else the wave's noted languages, else the browser's),
 * telling them to delete the site's cookies and open the link again. The API and anything not a browser's GET or HEAD
 * of `/s/…` keep the JSON 431 (null here).
 *
 * Read from `rawPacket`, the bytes Node was parsing when it gave up: a browser writes its request head at once, so
 * these hold its request line; where the head arrived in pieces and the last one does not start with a request line,
 * the answer is the JSON.
 */
export function oversizedHeadPages(
  securityHeaders: readonly (readonly [string, string])[],
  waveLanguages: WaveLanguages,
): (rawPacket: Buffer | undefined) => string | null {
  const headers = messagePageHeaders(securityHeaders);
  const raw = (page: string, withBody: boolean) =>
    `HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(page)}\r\n` +
    `Connection: close\r\nCache-Control: no-store\r\n${headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n${withBody ? page : ''}`;
  const pages = new Map(RESPONDENT_LOCALES.map((locale) => {
    const messages = messagesFor(locale);
    const page = messagePage(locale, messages.headersTooLargeTitle, `<p>${escapeHtml(messages.headersTooLargeText)}</p>`);
    return [locale, { GET: raw(page, true), HEAD: raw(page, false) }] as const;
  }));
  return (rawPacket) => {
    // The head's first 16 KB hold its request line and, from a browser, Accept and Accept-Language (Cookie comes last).
    const head = rawPacket === undefined ? null : parseRequestHead(rawPacket.toString('latin1', 0, 16384));
    if (!head || (head.method !== 'GET' && head.method !== 'HEAD') || isApiTarget(head.target)) return null;
    if (pageKind(head.target) !== 'survey' || !prefersHtml(head.headers.get('accept'))) return null;
    return pages.get(busyLocale(head, waveLanguages))![head.method];
  };
}

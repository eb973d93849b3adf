import { messagesFor, RESPONDENT_LOCALES } from '../public/src/i18n/messages.ts';
import { busyLocale, isApiTarget, messagePage, messagePageHeaders, pageKind, prefersHtml, type RequestHead } from './busy-page.ts';
import { escapeHtml } from './domain/vignette.ts';
import type { WaveLanguages } from './wave-languages.ts';

/** The 431 page's headers (its type, its security headers) and HTML. */
export interface OversizedHeadPage {
  headers: readonly (readonly [string, string])[];
  page: string;
}

/**
 * The answer to a survey link's navigation whose URL and headers are past Node's 16 KB (431): a browser whose cookies
 * for the domain outgrew it (a university's domain, where other apps set many) got raw JSON in English, nothing a
 * respondent can act on (attacker pass 42). It gets a page in the survey's language, chosen as the busy page's
 * (busyLocale: the link's `?lang=`, else the wave's noted languages, else the browser's), telling them to delete the
 * site's cookies and open the link again. The API and anything not a browser's GET or HEAD of `/s/…` keep the JSON
 * 431 (null here). Given the request's head as Node parsed it (oversized-head.ts): pass 42 read it from the bytes
 * Node was parsing when it refused, which hold the request line only where the head came in one read.
 */
export function oversizedHeadPage(securityHeaders: readonly (readonly [string, string])[], waveLanguages: WaveLanguages): (head: RequestHead) => OversizedHeadPage | null {
  const headers = [['Content-Type', 'text/html; charset=utf-8'], ['Cache-Control', 'no-store'], ...messagePageHeaders(securityHeaders)] as const;
  const pages = new Map(RESPONDENT_LOCALES.map((locale) => {
    const messages = messagesFor(locale);
    return [locale, { headers, page: messagePage(locale, messages.headersTooLargeTitle, `<p>${escapeHtml(messages.headersTooLargeText)}</p>`) }] as const;
  }));
  return (head) => {
    if ((head.method !== 'GET' && head.method !== 'HEAD') || isApiTarget(head.target)) return null;
    if (pageKind(head.target) !== 'survey' || !prefersHtml(head.headers.get('accept'))) return null;
    return pages.get(busyLocale(head, waveLanguages))!;
  };
}

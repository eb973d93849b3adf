import { unicodeEscape } from './helpers/invisible-characters.ts';

/**
 * Characters a terminal acts on instead of showing: C0 controls (ESC starts `ESC[2J`, which clears the screen, and
 * the OSC sequences `ESC]0;…BEL`, which retitles the window, and `ESC]8;;URL BEL`, which makes text a link to
 * anywhere), DEL, the C1 controls (U+009B is a one-character CSI), and the bidirectional overrides and isolates,
 * which reorder what is shown (the "Trojan Source" trick): Unicode's Cc and Bidi_Control. A study definition's
 * titles and labels, or a respondent's answer, may hold any of them. shortened.ts's `visible` escapes the same
 * set in a client's message, and lone surrogates, U+FFFD and the other invisible format characters besides (a
 * message is JSON, which keeps `\n` as `\n`).
 */
const ACTING_OR_NEWLINE = /[\p{Cc}\p{Bidi_Control}]/gu;
const ACTING = /(?!\n)[\p{Cc}\p{Bidi_Control}]/gu;

const escaped = (c: string): string => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : c === '\r' ? '\\r' : unicodeEscape(c));

/**
 * `text` safe to print to a terminal: each character a terminal would act on is shown as its JSON escape
 * (`\u001b`, `\t`), so what is printed is what was written and nothing runs. Line breaks are escaped too
 * (a table cell or a label stays on its line) unless `lineBreaks: 'keep'` (a message of several lines).
 *
 * @example terminalText('\u001b[2Jtitle') // '\\u001b[2Jtitle'
 */
export function terminalText(text: string, options: { lineBreaks?: 'escape' | 'keep' } = {}): string {
  return text.replace(options.lineBreaks === 'keep' ? ACTING : ACTING_OR_NEWLINE, escaped);
}

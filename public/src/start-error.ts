import type { RespondentMessages } from './i18n/messages.ts';
import { ApiRefusal, ServerBusy } from './respondent-api.ts';
import { shortened } from '../../server/domain/shortened.ts';

/**
 * The heading and sentence shown when the survey cannot start. A refusal says why in words: before, a link whose
 * panel ID the server refused (spaces, over 128 characters) and an MTurk preview both read "check your
 * connection and reload", which cannot help. Only what the server could not answer at all is the connection's.
 * What a respondent needs apart keeps its own heading: a link not found, a closed or paused wave, a rate limit, a
 * busy server, an MTurk preview, a refused panel parameter (with the value the page sent).
 */
export function describeStartError(error: unknown, messages: RespondentMessages, panel: Readonly<Record<string, string>>): [string, string] {
  // Reached, but busy (503 until the retries ran out): a reload in a minute helps, the connection is not at fault.
  if (error instanceof ServerBusy) return [messages.busyTitle, messages.busyText];
  if (!(error instanceof ApiRefusal)) return [messages.loadFailedTitle, messages.loadFailedText];
  if (error.code === 'not_found') return [messages.linkInvalidTitle, messages.linkInvalidText];
  if (error.code === 'rate_limited') {
    // The limit's window is minutes long: reloading at once cannot help, so say how long to wait.
    const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 600) / 60));
    return [messages.rateLimitedTitle, messages.rateLimitedText(minutes)];
  }
  if (error.code === 'wave_closed') {
    return error.details.waveStatus === 'paused' ? [messages.pausedTitle, messages.pausedText] : [messages.closedTitle, messages.closedText];
  }
  if (error.code === 'invalid_input' && error.details.reason === 'mturk_preview') return [messages.previewTitle, messages.previewText];
  // A panel parameter the server refused, named by the server and said in the page's language with the value the
  // page sent (before, a Spanish page quoted the server's English: `panel.PROLIFIC_PID: expected 1–128 …`).
  const param = error.details.reason === 'panel_param' ? error.details.param : undefined;
  if (error.code === 'invalid_input' && param) {
    // The link gave it twice with different values (panelParamsOf passes both on, and the server refuses a list).
    const given: unknown = panel[param];
    if (Array.isArray(given)) {
      const values = given.map((v) => JSON.stringify(shortened(String(v)))).join(', ');
      return [messages.linkRefusedTitle, messages.linkRefusedText(messages.panelParamTwice(param, values))];
    }
    const value = JSON.stringify(shortened(panel[param] ?? ''));
    return [messages.linkRefusedTitle, messages.linkRefusedText(messages.panelParamRefused(param, value))];
  }
  // Any other refusal of the link: its code's meaning in the page's words (linkRefusalReason). The server's English
  // message inside a Spanish sentence, or a field path read aloud, told the respondent nothing they could act on,
  // and a link too long for the server (413) read "check your connection" (accessibility pass 20). The message stays
  // in the server's log and the browser's network panel for the researchers.
  return [messages.linkRefusedTitle, messages.linkRefusedText(messages.linkRefusalReason(error.code))];
}

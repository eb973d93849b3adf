import { ar } from './messages-ar.ts';
import { en } from './messages-en.ts';
import { es } from './messages-es.ts';
import { fa } from './messages-fa.ts';
import { he } from './messages-he.ts';
import { ur } from './messages-ur.ts';

/**
 * The respondent page's own texts (everything a respondent reads that a study definition does not give), one
 * catalog per locale. A study may declare only locales listed here (server/domain/localized-text.ts checks it),
 * so every text of a study's page exists in its language. Adding a locale: a catalog file implementing
 * RespondentMessages, an entry below and SurveyJS's strings for it in survey-locales.ts.
 */
export interface RespondentMessages {
  /** The tab title before the survey has loaded. */
  documentTitle: string;
  loading: string;
  noScript: string;
  /** Tab title once a page shows: `page` is the page's title (or its number), `study` the study's title. */
  pageDocumentTitle: (page: string, study: string) => string;
  pageOf: (page: number, pages: number) => string;
  /** The title of a conjoint task's page (server/domain/conjoint-survey.ts). */
  taskOf: (task: number, tasks: number) => string;
  progressLabel: string;
  /**
   * A required checkbox or yes/no question's description, said after its name ("Which do you use?, group, required"):
   * ARIA has no required state for a group of checkboxes, and Chromium drops a switch's (surveyjs-patches.ts).
   */
  requiredNote: string;
  /**
   * A text or comment box's description when its definition gives it a `maxLength` ("Up to 20 characters."): the
   * counter ("20/20") shows only while the box has focus and is not linked to it (surveyjs-patches.ts).
   */
  textLimit: (max: number) => string;
  /** Said once (politely) when a text or comment box reaches its limit: what is typed past it is dropped (text-limit-notice.ts). */
  textLimitReached: (max: number) => string;
  /** Said by screen readers when Next finds `count` questions of the page unanswered or invalid. */
  checkQuestions: (count: number) => string;
  linkInvalidTitle: string;
  linkInvalidText: string;
  /**
   * A link the server refused a part of; `reason` is panelParamRefused's, or linkRefusalReason's for any other
   * refusal of the start.
   */
  linkRefusedTitle: string;
  linkRefusedText: (reason: string) => string;
  /**
   * A start's refusal as linkRefusedText's `reason`, from the refusal's machine `code` (docs/api.md): its meaning in
   * the page's words, in every locale; never the server's message (English, a field path), which a Spanish page
   * quoted inside its own sentence until accessibility pass 20.
   */
  linkRefusalReason: (code: string) => string;
  /** Why a panel parameter of the link (a PROLIFIC_PID with a space, say) was refused; `value` comes quoted. */
  panelParamRefused: (param: string, value: string) => string;
  /** A panel parameter the link gives twice with different values (`values`: each quoted, comma-separated). */
  panelParamTwice: (param: string, values: string) => string;
  /** An MTurk HIT's preview, before the worker accepts it: no participant is made. */
  previewTitle: string;
  previewText: string;
  pausedTitle: string;
  pausedText: string;
  closedTitle: string;
  closedText: string;
  rateLimitedTitle: string;
  rateLimitedText: (minutes: number) => string;
  /** The server answered the start only with 5xx (busy) until the page gave up: wait and reload. */
  busyTitle: string;
  busyText: string;
  /**
   * The small page the connection cap answers a link opened while the server holds all the connections it takes
   * (server/busy-page.ts): it reloads itself between `from` (the answer's Retry-After) and `to` seconds, drawn in the page.
   */
  busyReloadText: (from: number, to: number) => string;
  /** The same page's title outside a survey (`/dashboard`, `/`): the server is busy, not a survey. */
  busyServerTitle: string;
  /**
   * The page Node's 431 gets on a survey link (server/oversized-head-page.ts): the browser's cookies for the site are
   * past the 16 KB a request's headers may hold, so no page of the survey can open until they are cleared.
   */
  headersTooLargeTitle: string;
  headersTooLargeText: string;
  loadFailedTitle: string;
  loadFailedText: string;
  quotaUnreachable: string;
  /**
   * Said (the polite live region) when the quota step behind Next takes more than a second. It promises no page:
   * the wait may end with "We could not reach the server".
   */
  quotaWaiting: string;
  /** The Next button's label meanwhile. */
  quotaWaitingButton: string;
  /** The primary button of the consent page once consent is declined. */
  leaveStudy: string;
  /** The disclosure on the outcome pages that shows the vignette again. */
  rereadSummary: string;
  /** Heads each vignette page of a repeated-vignette study, e.g. "Vignette 2 of 3". */
  vignetteProgress: (position: number, count: number) => string;
  /**
   * An outcome page's title in a repeated-vignette study, numbered by the vignette it asks about ("What should the
   * United States do? — vignette 2 of 3"): the same title three times left a screen reader user unsure where they were.
   */
  aboutVignette: (title: string, position: number, count: number) => string;
  /** The title an untitled outcome page takes in a repeated-vignette study, so it too says which vignette it asks about. */
  questionsAboutVignette: (position: number, count: number) => string;
  /**
   * The notice when the browser's Back is pressed mid-survey (back-button.ts): the page stays, since the survey never
   * goes back (past the vignette least of all), and the answers are safe.
   */
  backStaysPut: string;
  saveRefused: string;
  /** The notice while saves do not reach the server: the answers wait on the page, which must stay open. */
  saveOffline: string;
  /** Its few words kept at the foot of the screen while the notice is out of sight (notice-in-sight.ts). */
  saveOfflineInSight: string;
  /** The notice once a save reaches the server again. */
  saveOnlineAgain: string;
  /** The dialog shown before the participant's quota lease lapses (lease-warning.ts): its title, sentence and button. */
  leaseWarningTitle: string;
  /** `minutes`: at most how long until the place is freed, at least 1. */
  leaseWarningText: (minutes: number) => string;
  leaseWarningKeep: string;
  /** The page that replaces the survey when another tab or window of the same link went further. */
  elsewhereTitle: string;
  elsewhereText: string;
  savingTitle: string;
  savingText: string;
  savingRetryText: string;
  /** The completion's retries after a 5xx answer: the server was reached but is busy (not the connection's fault). */
  savingBusyText: string;
  saveFailedTitle: string;
  saveFailedText: (reason: string) => string;
  /**
   * A completion's refusal as saveFailedText's `reason`, from the refusal's machine `code` (docs/api.md): its meaning
   * in the page's words, in every locale. Neither the code nor the server's message (English, a field path:
   * "answers.consent: required"), which a screen reader read out to the respondent.
   */
  refusalReason: (code: string) => string;
  /**
   * saveFailedText's `reason` when the server refused one answer as outside its question's limits (reason
   * `answer_out_of_limits`, docs/api.md): `title` is that question's title as the page shows it.
   */
  answerOutOfLimits: (title: string) => string;
  thanksTitle: string;
  redirectText: string;
  /** The panel-return page's link to the panel, for when the redirect does not happen by itself. */
  returnToPanel: string;
  /** The words before the redirect's completion code (Prolific's `cc`), shown under that link for a panel that asks for it typed. */
  completionCodeLabel: string;
  completeText: string;
  overquotaTitle: string;
  overquotaText: string;
  declinedTitle: string;
  declinedText: string;
}

export const RESPONDENT_MESSAGES: Readonly<Record<string, RespondentMessages>> = { en, es, ar, he, fa, ur };
export const RESPONDENT_LOCALES = Object.keys(RESPONDENT_MESSAGES);
export const DEFAULT_LOCALE = 'en';

/** The catalog of a locale the page speaks, else English. */
export function messagesFor(locale: string | null | undefined): RespondentMessages {
  return (locale && RESPONDENT_MESSAGES[locale]) || en;
}
